// Every CSV the server and the tablet write goes through one cell writer (src/domain/csv.ts), so every text cell gets
// the apostrophe that keeps a spreadsheet from running it as a formula (ADR 029). A second writer built by hand would
// quietly drop it again.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const THE_WRITER = 'src/domain/csv.ts';
/** Tests build CSV text on purpose, to feed a reader or fake a server's answer. */
const NOT_PRODUCTION = /\.test\.tsx?$/u;

/** A file that is about CSV: it names it. */
const ABOUT_CSV = /csv/iu;
/** What building CSV by hand takes: cells joined with commas, quotes doubled, the byte-order mark written. */
const HAND_BUILT_CSV: readonly RegExp[] = [
  /\.join\(\s*(['"`]),\1\s*\)/u,
  /(['"`])""\1/u,
  /\\uFEFF|\uFEFF|\\xEF\\xBB\\xBF|0xef,\s*0xbb,\s*0xbf/iu,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/u.test(entry.name) ? [path] : [];
  });
}

/** Whether this source builds CSV by hand. */
function buildsCsvByHand(source: string): boolean {
  return ABOUT_CSV.test(source) && HAND_BUILT_CSV.some((pattern) => pattern.test(source));
}

it('recognises a CSV built by hand, and not a file that only names CSV or joins with commas', () => {
  expect(buildsCsvByHand("const csv = rows.map((row) => row.join(',')).join('\\r\\n');")).toBe(true);
  expect(buildsCsvByHand('export const toCsv = (cells) => cells.map((c) => `"${c.replaceAll(\'"\', \'""\')}"`);')).toBe(
    true,
  );
  expect(buildsCsvByHand("new Blob(['\\uFEFF' + text], { type: 'text/csv' })")).toBe(true);
  expect(buildsCsvByHand("const blob = new Blob([handoffCsv(list)], { type: 'text/csv' });")).toBe(false);
  expect(buildsCsvByHand("const key = days.join(',');")).toBe(false);
});

it('only src/domain/csv.ts builds CSV', () => {
  const writers = sourceFiles(SRC)
    .map((path) => relative(process.cwd(), path).replaceAll('\\', '/'))
    .filter((path) => !NOT_PRODUCTION.test(path))
    .filter((path) => buildsCsvByHand(readFileSync(join(process.cwd(), path), 'utf8')));
  expect(writers).toEqual([THE_WRITER]);
});
