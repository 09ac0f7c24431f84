// The tablet's source calls nothing the oldest engines lack (Chrome 87, Safari 14.1: docs/decisions/039) without the
// fallback written for it. Each of these once stopped the app on a tablet of 2021–22: a lookbehind stops the whole
// entry chunk from parsing on Safari before 16.4, the others throw where they are called.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
/** The server runs on Node, which has them all; tests run on Node too. */
const NOT_THE_TABLET = [/^src\/server\//u, /\.test\.tsx?$/u];

interface Missing {
  what: RegExp;
  since: string;
  /** The one file that may call it: the fallback's own. */
  fallback?: string;
}

const MISSING: readonly Missing[] = [
  { what: /\(\?<[=!]/u, since: 'lookbehind: Safari 16.4' },
  { what: /\bcrypto\.randomUUID\b/u, since: 'Chrome 92, Safari 15.4', fallback: 'src/platform/crypto/random-uuid.ts' },
  { what: /\bAbortSignal\.(?:timeout|any)\b/u, since: 'Chrome 103, Safari 16', fallback: 'src/sync/timeout-signal.ts' },
  { what: /\.at\(-/u, since: 'Array.prototype.at: Chrome 92, Safari 15.4' },
  { what: /\.findLast(?:Index)?\(/u, since: 'Chrome 97, Safari 15.4' },
  { what: /\bObject\.hasOwn\(/u, since: 'Chrome 93, Safari 15.4' },
  { what: /\bstructuredClone\(/u, since: 'Chrome 98, Safari 15.4' },
  { what: /\.toSorted\(|\.toReversed\(|\.toSpliced\(|\.with\(\d/u, since: 'Chrome 110, Safari 16' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/u.test(entry.name) ? [path] : [];
  });
}

const tabletFiles = sourceFiles(SRC)
  .map((path) => relative(process.cwd(), path).replaceAll('\\', '/'))
  .filter((path) => !NOT_THE_TABLET.some((pattern) => pattern.test(path)));

it.each(MISSING.map((missing) => [missing.what.source, missing]))(
  'no tablet code uses %s outside its fallback',
  (_label, { what, since, fallback }) => {
    const users = tabletFiles
      .filter((path) => path !== fallback)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, index) => (what.test(line) ? [`${path}:${index + 1} (${since})`] : [])),
      );
    expect(users).toEqual([]);
  },
);

it('reads the tablet’s source, so the test above can fail', () => {
  // The fallbacks themselves use what they stand in for, behind a test for it.
  const randomUuid = readFileSync('src/platform/crypto/random-uuid.ts', 'utf8');
  expect(MISSING[1]?.what.test(randomUuid)).toBe(true);
  expect(tabletFiles.length).toBeGreaterThan(100);
});
