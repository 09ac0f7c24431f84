// Test projects: pure code in Node, browser-facing units in jsdom (+ fake-indexeddb), cross-layer integration in Node
// (tablet code on fake-indexeddb against the real server), and end-to-end in real Chromium.
import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The machine's PostgreSQL, or one started from npm when none answers. Each project that runs store tests names
 * it; the first to run starts the server and the others find it answering.
 */
const POSTGRES_FOR_TESTS = 'tests/support/postgres-for-tests.ts';

/**
 * Test files at once outside the browsers: one per core. Vitest's default is one fewer than the cores, which on a
 * 2-core machine runs the unit files one after another, while most of them wait on sockets, fsync or PostgreSQL
 * rather than compute (a whole run took 12.9 min that way, 7 of them in the unit projects).
 */
const FILES_AT_ONCE = Math.max(2, availableParallelism());

export default defineConfig({
  plugins: [react()],
  test: {
    // Generous: a newcomer's laptop is busy, and a test fails for what it checks, not for a slow machine.
    // How fast things are is `npm run bench`'s job.
    testTimeout: 30_000,
    // The same for set-up and tear-down (Vitest's default is 10 s): a hook that starts a server or seeds a thousand
    // checks is as slow as a test on a loaded machine.
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default: a browser stopping a camera or painting a count on a loaded
    // 2-core machine takes longer, and such a test failed for the machine, not the app. A poll still ends the
    // moment its condition holds, so a passing run is no slower.
    expect: { poll: { timeout: 15_000 } },
    maxWorkers: FILES_AT_ONCE,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          globalSetup: [POSTGRES_FOR_TESTS],
          include: [
            'src/{domain,contract,sync,server}/**/*.test.ts',
            'tests/lint/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/{db,platform,components,features,app}/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/support/dom-setup.ts'],
          // The service worker's registration exists only in a build; screens that import it still render.
          alias: { 'virtual:pwa-register': new URL('tests/support/pwa-register-stub.ts', import.meta.url).pathname },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          globalSetup: [POSTGRES_FOR_TESTS],
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          testTimeout: 60_000,
          // After the unit projects (group 0), before the browsers: a server and a tablet draining a
          // thousand checks through it want the 2 cores to themselves.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/build-once.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file launches its own Chromium; two at once is what 2 cores carry.
          maxWorkers: 2,
          // Last, after the unit and integration projects: a browser file per core would otherwise fight them for the CPU.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
