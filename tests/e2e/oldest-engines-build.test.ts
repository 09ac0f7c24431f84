// What ships runs on the oldest tablets Kakou supports, Chrome 87 and Safari 14.1 (docs/decisions/039): every script
// in the build — the app's chunks, the scanner's worker, the service worker — parses as ES2021, holds no regular
// expression with a lookbehind and no optional call that Chrome 87–90 get wrong, and no style sheet uses `:has()`.
// Any of these stops a chunk, breaks a call or drops a whole CSS rule on those engines. Read from the build the
// end-to-end files run (tests/support/build-once.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type Node } from 'acorn';
import { describe, expect, it } from 'vitest';

const DIST = join(process.cwd(), 'dist');

/**
 * ES2021 is what both floors parse in full. Newer syntax the bundler must lower: class fields and private members
 * (private methods Safari 15), top-level await (Chrome 89, Safari 15), `#x in o` (Chrome 91), static blocks.
 */
const OLDEST_SYNTAX = 2021;

/** A lookbehind, in a literal or a string handed to RegExp: Safari parses one only from 16.4. */
const LOOKBEHIND = /\(\?<[=!]/u;
/** `:has()`: Chrome 105, Safari 15.4; an older engine drops the whole rule it appears in. */
const HAS_SELECTOR = /:has\(/u;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const built = filesUnder(DIST).map((path) => relative(DIST, path).replaceAll('\\', '/'));
const scripts = built.filter((path) => path.endsWith('.js'));
const styles = built.filter((path) => path.endsWith('.css'));
const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

const around = (source: string, at: number) => `…${source.slice(Math.max(0, at - 60), at + 40)}…`;

/** Why a script does not parse at the oldest syntax, with the code around the spot; null when it does. */
function syntaxProblem(source: string): string | null {
  try {
    parse(source, { ecmaVersion: OLDEST_SYNTAX, sourceType: 'module' });
    return null;
  } catch (error) {
    return `${(error as Error).message}: ${around(source, (error as { pos?: number }).pos ?? 0)}`;
  }
}

/** Every node below `node`, depth first (acorn's tree, walked without a walker library). */
function* nodesUnder(node: Node): Generator<Node> {
  yield node;
  for (const value of Object.values(node) as unknown[]) {
    const children = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const child of children) {
      if (typeof child === 'object' && child !== null && typeof (child as Partial<Node>).type === 'string')
        yield* nodesUnder(child as Node);
    }
  }
}

/**
 * Calls in an optional chain with a spread argument before another one — `a?.b(...xs, y)`, `f?.(...xs, y)` —
 * which Chrome 80–90 fail at run time (crbug.com/42201552). The build keeps `?.` as written for Chrome (vite.config.ts)
 * on the strength of this check.
 */
function optionalCallsChromeBreaks(source: string): string[] {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const found: string[] = [];
  for (const node of nodesUnder(program)) {
    if (node.type !== 'ChainExpression') continue;
    for (const inner of nodesUnder(node)) {
      if (inner.type !== 'CallExpression') continue;
      const args = (inner as unknown as { arguments: Node[] }).arguments;
      if (args.slice(0, -1).some((arg) => arg.type === 'SpreadElement')) found.push(around(source, inner.start));
    }
  }
  return found;
}

describe('the build for the oldest engines', () => {
  it('holds the app, its scanner worker and its service worker', () => {
    expect(scripts).toContain('sw.js');
    expect(scripts.some((path) => /^assets\/zxing-worker-.+\.js$/u.test(path))).toBe(true);
    expect(scripts.some((path) => /^assets\/index-.+\.js$/u.test(path))).toBe(true);
    expect(styles.length).toBeGreaterThan(0);
  });

  it('refuses the syntax the oldest engines lack, so a pass below means something', () => {
    expect(syntaxProblem('class Check { saved = false; #id = 1 }')).not.toBeNull();
    expect(syntaxProblem('await Promise.resolve();')).not.toBeNull();
    expect(syntaxProblem('const late = a?.b ?? 1; let x = 0; x ||= 1_000;')).toBeNull();
    expect(optionalCallsChromeBreaks('a?.b(...xs, y); f?.(...xs, 1);')).toHaveLength(2);
    expect(optionalCallsChromeBreaks('a?.b(y, ...xs); f?.(...xs); g(...xs, y);')).toEqual([]);
  });

  it('parses every script as ES2021', () => {
    const problems = scripts.flatMap((path) => {
      const problem = syntaxProblem(read(path));
      return problem === null ? [] : [`${path}: ${problem}`];
    });
    expect(problems).toEqual([]);
  });

  it('holds no optional call with a spread before another argument, which Chrome 87–90 break', () => {
    expect(scripts.flatMap((path) => optionalCallsChromeBreaks(read(path)).map((spot) => `${path}: ${spot}`))).toEqual(
      [],
    );
  });

  it('holds no lookbehind in any script', () => {
    expect(scripts.filter((path) => LOOKBEHIND.test(read(path)))).toEqual([]);
  });

  it('uses no :has() in any style sheet', () => {
    expect(styles.filter((path) => HAS_SELECTOR.test(read(path)))).toEqual([]);
  });
});
