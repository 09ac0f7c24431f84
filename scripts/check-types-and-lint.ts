// Type check and lint in one process per half of the code, so each TypeScript program is built and checked once.
// ESLint's type-aware rules need the same programs `tsc` builds; run as `tsc` then `eslint`, every file was
// type-checked twice, and lint alone took 97 s of a fresh run's static checks. Here the programs `tsc -p` would build
// are checked first, then handed to ESLint (parserOptions.programs, read by eslint.config.js), whose rules find the
// types already worked out. `npm test` runs the two halves side by side (scripts/static-checks.sh); `npm run
// typecheck` and `npm run lint` still run each tool alone and give the same verdicts.
//
// Usage: tsx scripts/check-types-and-lint.ts app|rest
import { relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
/** The key eslint.config.js reads the checked programs from (one per process, whatever module copy reads it). */
const CHECKED_PROGRAMS = Symbol.for('kakou.checked-programs');
/** `npm run lint`'s --max-warnings 0: a warning fails the check as an error does. */
const MAX_WARNINGS = 0;

/**
 * The two halves, about equal in work on 2 cores. `app` is the tablet's code (tsconfig.json), linted with its own
 * program; `rest` is everything else ESLint lints, linted with tsconfig.node.json's program as `npm run lint` does,
 * and also type-checks the server's build (tsconfig.server.json), which lint does not read.
 */
const HALVES = {
  app: { checked: ['tsconfig.json'], lintedWith: ['tsconfig.json'] },
  rest: { checked: ['tsconfig.node.json', 'tsconfig.server.json'], lintedWith: ['tsconfig.node.json'] },
} as const;
type Half = keyof typeof HALVES;

function isHalf(name: string | undefined): name is Half {
  return name !== undefined && Object.hasOwn(HALVES, name);
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/** A tsconfig file as `tsc -p <config> --noEmit` reads it. */
function parseConfig(configFile: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    resolve(ROOT, configFile),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.formatDiagnostics([diagnostic], formatHost));
      },
    },
  );
  if (parsed === undefined) throw new Error(`${configFile} could not be read`);
  if (parsed.errors.length > 0) throw new Error(ts.formatDiagnostics(parsed.errors, formatHost));
  return parsed;
}

/** The program `tsc -p <config> --noEmit` builds, with a host that keeps the parent pointers lint needs. */
function createProgram(configFile: string): ts.Program {
  const parsed = parseConfig(configFile);
  const host = ts.createCompilerHost(parsed.options, true);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
}

/** tsc's diagnostics, in tsc's own format; the number of errors. */
function typeCheck(configFile: string, program: ts.Program): number {
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    process.stdout.write(`${configFile}:\n${format(diagnostics, formatHost)}\n`);
  }
  return diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length;
}

/** Lints this half's files with the programs already checked; how many files, and their errors and warnings. */
async function lint(half: Half, programs: Map<string, ts.Program>): Promise<{ files: number; problems: number }> {
  (globalThis as { [CHECKED_PROGRAMS]?: ts.Program[] })[CHECKED_PROGRAMS] = HALVES[half].lintedWith.map((config) => {
    const program = programs.get(config);
    if (program === undefined) throw new Error(`${config} is linted with but not checked in the ${half} half`);
    return program;
  });
  // The tablet's files are the app half's; the rest half lints what `eslint .` lints, less those.
  const appFiles = parseConfig('tsconfig.json').fileNames.map((file) => relative(ROOT, file));
  const eslint = new ESLint({ cwd: ROOT, ...(half === 'rest' ? { ignorePatterns: appFiles } : {}) });
  const results = await eslint.lintFiles(half === 'app' ? appFiles : ['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const output = await formatter.format(results);
  if (output !== '') process.stdout.write(`${output}\n`);
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  return { files: results.length, problems: errors + (warnings > MAX_WARNINGS ? warnings : 0) };
}

async function main(): Promise<number> {
  const half = process.argv[2];
  if (!isHalf(half)) {
    process.stderr.write(`usage: tsx scripts/check-types-and-lint.ts ${Object.keys(HALVES).join('|')}\n`);
    return 2;
  }
  const programs = new Map<string, ts.Program>();
  let typeErrors = 0;
  for (const config of HALVES[half].checked) {
    const program = createProgram(config);
    programs.set(config, program);
    typeErrors += typeCheck(config, program);
  }
  const linted = await lint(half, programs);
  process.stdout.write(
    `${half}: ${String(typeErrors)} type error(s) in ${HALVES[half].checked.join(', ')}; ` +
      `${String(linted.problems)} lint problem(s) in ${String(linted.files)} files\n`,
  );
  return typeErrors > 0 || linted.problems > 0 ? 1 : 0;
}

process.exitCode = await main();
