// Test projects: pure code in Node, browser-facing units in jsdom (+ fake-indexeddb), cross-layer integration in Node
// (tablet code on fake-indexeddb against the real server), and end-to-end in real Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { moduleAliases } from './scripts/module-aliases.ts';

/**
 * The machine's PostgreSQL, or one started from npm when none answers. Each project that runs store tests names
 * it; the first to run starts the server and the others find it answering.
 */
const POSTGRES_FOR_TESTS = 'tests/support/postgres-for-tests.ts';

/**
 * Test files at once outside the browsers: one more than the cores. Vitest's default is one fewer, which on a 2-core
 * machine runs the unit files one after another, while many of them wait on sockets, fsync, PostgreSQL or a server's
 * real 30 s timeout rather than compute (a whole run took 12.9 min that way, 7 of them in the unit projects); the
 * extra file fills a core while another waits.
 */
const FILES_AT_ONCE = availableParallelism() + 1;

/** The jsdom units' settings, shared by the two dom projects below. */
const DOM_TEST: { environment: 'jsdom'; setupFiles: string[]; alias: Record<string, string> } = {
  environment: 'jsdom',
  setupFiles: ['tests/support/dom-setup.ts'],
  // The service worker's registration exists only in a build; screens that import it still render.
  alias: { 'virtual:pwa-register': new URL('tests/support/pwa-register-stub.ts', import.meta.url).pathname },
};

/**
 * The jsdom units, split by whether the file needs a module graph of its own: it replaces a module with vi.mock, or
 * says `// Runs isolated:` and why.
 */
const DOM_FILES = splitByModuleMocks(['src/db', 'src/platform', 'src/components', 'src/features', 'src/app']);

function splitByModuleMocks(folders: readonly string[]): { shared: string[]; mocking: string[] } {
  const files = folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.test\.tsx?$/u.test(name))
      .map((name) => `${folder}/${name.replaceAll('\\', '/')}`),
  );
  const runsIsolated = (file: string) => /\bvi\.(?:do)?mock\(|^\/\/ Runs isolated:/mu.test(readFileSync(file, 'utf8'));
  return { shared: files.filter((file) => !runsIsolated(file)), mocking: files.filter(runsIsolated) };
}

export default defineConfig({
  plugins: [react()],
  // The modules the build ships in place of some packages' entries (ADR 043), so the units run what ships.
  resolve: { alias: moduleAliases(new URL('.', import.meta.url).pathname) },
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
          // One module graph per worker, not per file: loading Fastify, Kysely and zod again for each of 126 files
          // was 80 s of CPU in a run. No file here mocks a module; each opens its own stores, servers and databases.
          isolate: false,
          // The sync engine's files use the tablet's Dexie store. Dexie looks for the global IndexedDB once, when a
          // worker first imports it — perhaps in a file that needs none — so the fake is there from the start.
          setupFiles: ['fake-indexeddb/auto'],
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
          ...DOM_TEST,
          include: DOM_FILES.shared,
          // One jsdom per worker, not per file: its set-up took 60 s of CPU across 75 files, more than their tests.
          // tests/support/dom-setup.ts gives each file the empty storage and default language isolation gave it.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom-mocked',
          ...DOM_TEST,
          // A file that replaces a module with vi.mock needs its own module graph: an earlier file in a shared
          // worker may already hold the real module, and the mock would not take. So does a file that needs a module
          // to start fresh (the app's database opened for the first time).
          include: DOM_FILES.mocking,
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
          // With the unit projects (group 0), before the browsers: run after them, its nine files left a core idle
          // for most of 40 s while the slowest finished.
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'engines',
          environment: 'node',
          // The core flow in Chromium, Firefox ESR and WebKit (tests/support/engines); `npm run test:browsers`.
          include: ['tests/browsers/*.test.ts'],
          globalSetup: ['tests/support/build-once.ts', 'tests/support/engines/report-engines.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // With the other browser files, after the units, two at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
