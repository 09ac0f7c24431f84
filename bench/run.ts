// `npm run bench`: the checkpoint-flow and sync figures, each beside a same-run baseline, printed and written to docs/benchmarks.md.
// Run by tsx (`npm run bench`), as Node 20 cannot run TypeScript by itself.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchBrowser } from '../tests/support/browser.ts';
import { buildApp, measureBundleSize } from './bundle-size.ts';
import { measureCameraDecode } from './camera-decode.ts';
import { measureCodeSet } from './code-set.ts';
import { measureDurableSave } from './durable-save.ts';
import { measureEngineFlow } from './engine-flow.ts';
import { describeMachine, formatMachine } from './machine.ts';
import type { MeasurementResult } from './measurement.ts';
import { measureOfflineReload } from './offline-reload.ts';
import { measureDivisions } from './picker-open.ts';
import { measureRegion } from './region-day.ts';
import { consoleLines, writeReport } from './report.ts';
import { measureServerIngest } from './server-ingest.ts';
import { measureServerMemory } from './server-memory.ts';
import { measureServerTally } from './server-tally.ts';
import { measureShiftMemory } from './shift-memory.ts';
import { measureSyncThroughput } from './sync-throughput.ts';
import { measureTabletTally } from './tablet-tally.ts';

/** How this run was started, for the report: the npm script when there is one, else the node command line. */
function invocation(): string {
  const args = process.argv
    .slice(2)
    .map((arg) => ` ${arg}`)
    .join('');
  const event = process.env['npm_lifecycle_event'];
  const script = process.env['npm_lifecycle_script'];
  if (event && script) return `npm run ${event}${args ? ` --${args}` : ''}  # ${script}${args}`;
  const entry = relative(process.cwd(), process.argv[1] ?? '');
  return `tsx ${entry}${args}`;
}

/**
 * Modules that can be re-measured alone (`npm run bench -- --only NAME`), with the app built first; their figures
 * replace theirs in docs/benchmarks.md and the others stay as the last full run left them.
 */
const ALONE: Readonly<Record<string, (repoRoot: string) => Promise<MeasurementResult[]>>> = {
  // Figure 1 alone: a build and the gzip of the chunks a first visit loads, seconds; what a change to imports moves.
  bundle: (repoRoot) => Promise.resolve([measureBundleSize(repoRoot).result]),
  'code-set': async (repoRoot) => {
    let distBuilt = true;
    try {
      buildApp(repoRoot);
    } catch (e) {
      process.stdout.write(`${e instanceof Error ? e.message : String(e)}\n`);
      distBuilt = false;
    }
    return measureCodeSet({ distBuilt });
  },
  // Sync and ingest share the disk and the store: re-measured together when either changes.
  sync: async (repoRoot) => [
    ...(await measureSyncThroughput(repoRoot)),
    await measureServerIngest(repoRoot, 'sqlite'),
    await measureServerIngest(repoRoot, 'postgres'),
  ],
  // The ingest figures alone, without the tablet in Chromium: what a change to the server's intake moves.
  ingest: async (repoRoot) => [
    await measureServerIngest(repoRoot, 'sqlite'),
    await measureServerIngest(repoRoot, 'postgres'),
  ],
  // The tablet's own figures in Chromium (2, 3, 4, 11), on a fresh build: what a change to the app's start-up, its
  // chunks or its IndexedDB use moves.
  tablet: async (repoRoot) => {
    let distBuilt = true;
    try {
      buildApp(repoRoot);
    } catch (e) {
      process.stdout.write(`${e instanceof Error ? e.message : String(e)}\n`);
      distBuilt = false;
    }
    return [
      await measureDurableSave(repoRoot),
      await measureCameraDecode({ distBuilt }),
      await measureOfflineReload({ repoRoot, distBuilt }),
      await measureTabletTally(repoRoot),
    ];
  },
  // The server's daily tally and its workbook (figures 9, 10 and 12) over 1,000,000 stored checks: what a change to
  // how a day is summed moves.
  tally: (repoRoot) => measureServerTally(repoRoot),
  // The region's day and hand-off list (figures 20–23) over 3,000,000 stored checks; the build names the hand-off groups.
  region: async (repoRoot) => {
    buildApp(repoRoot);
    return measureRegion(repoRoot);
  },
  // The server process spawned as production runs it, measured from outside (figures 16 and 17).
  'server-memory': (repoRoot) => measureServerMemory(repoRoot),
  // The core flow's time per check in Chromium, Firefox ESR and WebKit (figure 24), on a fresh build.
  engines: async (repoRoot) => {
    buildApp(repoRoot);
    return [await measureEngineFlow()];
  },
  // A 3,000-check shift on a cheap tablet (figures 25–28), on a fresh build: about 45 minutes.
  shift: async (repoRoot) => {
    buildApp(repoRoot);
    return measureShiftMemory(repoRoot);
  },
  // The division lists (figures 18 and 19, ADR 034): their size from a fresh build, the picker opened offline.
  divisions: async (repoRoot) => {
    buildApp(repoRoot);
    return measureDivisions(repoRoot);
  },
};

function onlyModule(): string | null {
  const at = process.argv.indexOf('--only');
  if (at < 0) return null;
  const name = process.argv[at + 1] ?? '';
  if (!(name in ALONE)) throw new Error(`--only takes one of: ${Object.keys(ALONE).join(', ')} (got "${name}")`);
  return name;
}

async function chromiumVersion(): Promise<string | null> {
  try {
    const browser = await launchBrowser();
    try {
      return browser.version();
    } finally {
      await browser.close();
    }
  } catch {
    return null;
  }
}

function print(result: MeasurementResult): MeasurementResult {
  for (const line of consoleLines(result)) process.stdout.write(`${line}\n`);
  return result;
}

async function main(): Promise<void> {
  // npm runs scripts from the package root; every path below is relative to it.
  const repoRoot = process.cwd();
  if (!existsSync(join(repoRoot, 'package.json')) || !existsSync(join(repoRoot, 'bench'))) {
    throw new Error(`run the bench from the repository root (cwd is ${repoRoot})`);
  }
  const only = onlyModule();
  const date = new Date();
  const machine = describeMachine(await chromiumVersion());
  process.stdout.write(`Kakou bench, ${date.toISOString()}: ${formatMachine(machine)}\n`);

  const reportPath = join(repoRoot, 'docs', 'benchmarks.md');
  const alone = only === null ? undefined : ALONE[only];
  if (alone) {
    const results = (await alone(repoRoot)).map(print);
    writeReport(reportPath, { date, command: invocation(), machine, results }, { partial: true });
    process.stdout.write(`wrote ${reportPath} (only ${results.map((r) => r.id).join(', ')} replaced)\n`);
    return;
  }

  // In order: the product build first, since the camera and reload figures serve the dist it leaves.
  const bundle = measureBundleSize(repoRoot);
  const results = [print(bundle.result)];
  results.push(print(await measureDurableSave(repoRoot)));
  results.push(print(await measureCameraDecode({ distBuilt: bundle.distBuilt })));
  results.push(print(await measureOfflineReload({ repoRoot, distBuilt: bundle.distBuilt })));
  results.push(...(await measureSyncThroughput(repoRoot)).map(print));
  results.push(print(await measureServerIngest(repoRoot, 'sqlite')));
  results.push(print(await measureServerIngest(repoRoot, 'postgres')));
  results.push(...(await measureServerTally(repoRoot)).map(print));
  results.push(...(await measureRegion(repoRoot)).map(print));
  results.push(print(await measureTabletTally(repoRoot)));
  results.push(...(await measureServerMemory(repoRoot)).map(print));
  results.push(...(await measureDivisions(repoRoot)).map(print));
  results.push(print(await measureEngineFlow()));
  results.push(...(await measureShiftMemory(repoRoot)).map(print));
  // Last: a browser per generated code, three configurations each, the longest figure of the run.
  results.push(...(await measureCodeSet({ distBuilt: bundle.distBuilt })).map(print));

  writeReport(reportPath, { date, command: invocation(), machine, results });
  process.stdout.write(`wrote ${reportPath}\n`);
}

await main();
// A measurement that failed midway ("not measured") can leave its browser or server behind; the run is
// over and reported, so it must not hang on them.
process.exit(0);
