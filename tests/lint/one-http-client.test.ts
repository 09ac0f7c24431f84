// The tablet speaks HTTP through one client (src/sync/transport.ts), so every request gets the same timeout, token,
// problem details and Retry-After. A second fetch anywhere in the app's code would quietly drop them again.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const THE_CLIENT = 'src/sync/transport.ts';
/** The server is Node code that speaks HTTP as a server; tests fake fetch on purpose (their support is in tests/, outside src). */
const NOT_THE_TABLET = [/^src\/server\//u, /\.test\.tsx?$/u];
/** A call of fetch (bare, window., globalThis., self.), XMLHttpRequest or sendBeacon. */
const HTTP_CALL = /(?<![\w$])(?:(?:window|globalThis|self)\.)?fetch\s*\(|\bXMLHttpRequest\b|\bsendBeacon\s*\(/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/u.test(entry.name) ? [path] : [];
  });
}

it('only src/sync/transport.ts calls fetch in the tablet’s code', () => {
  const callers = sourceFiles(SRC)
    .map((path) => relative(process.cwd(), path).replaceAll('\\', '/'))
    .filter((path) => !NOT_THE_TABLET.some((pattern) => pattern.test(path)))
    .filter((path) => HTTP_CALL.test(readFileSync(path, 'utf8')));
  expect(callers).toEqual([THE_CLIENT]);
});
