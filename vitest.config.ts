// Test projects: pure code in Node, browser-facing units in jsdom (+ fake-indexeddb), and end-to-end in real Chromium.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{domain,contract,sync,server}/**/*.test.ts', 'tests/lint/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/{db,platform,lib,hooks,components,features,app}/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/support/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/build-once.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file launches its own Chromium; two at once is what 2 cores carry.
          maxWorkers: 2,
          // After the unit projects: a browser file per core would otherwise fight them for the CPU.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
