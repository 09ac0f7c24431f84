// Builds the PWA once before the end-to-end files run, so every browser test loads what ships (its brotli and gzip
// copies included, as `npm run build:pwa` writes them).
import { execFileSync } from 'node:child_process';
import { chromiumPath } from './browser.ts';

// The e2e and engines projects both name this setup, and Vitest runs it once per project in the same process: the
// mark on globalThis (one per process, whatever module copy reads it) keeps the second from building dist again,
// which cost a whole build (about 40 s on 2 cores) before any browser test of a full run could start.
const BUILT = Symbol.for('kakou.test-dist-built');

export default async function setup(): Promise<void> {
  // Where no system Chromium is installed, the packaged one unpacks itself to a temporary file on first use, and it
  // counts as present as soon as that file exists: two test files starting at once would launch it half written
  // (spawn ETXTBSY). Unpack it here, once, before any worker starts.
  await chromiumPath();
  if (process.env['KAKOU_SKIP_BUILD'] === '1') return;
  const marks = globalThis as { [BUILT]?: true };
  if (marks[BUILT]) return; // built by the other project's setup, earlier in this run
  // Vitest sets NODE_ENV=test, which would give React's development build: test the production one.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env });
  execFileSync('npx', ['tsx', 'scripts/precompress-dist.ts', 'dist'], { stdio: 'inherit', env });
  marks[BUILT] = true;
}
