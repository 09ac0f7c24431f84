// Build of the tablet PWA: React, a precaching service worker that never reloads on its own, the manifest
// (scripts/pwa-manifest.ts), and the version and build the settings screen shows (scripts/build-info.ts).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { divisionDataPlugin } from './scripts/divisions/division-data-plugin.ts';
import { DIVISION_DATA_DIR } from './src/domain/division-data.ts';
import { buildDefines } from './scripts/build-info.ts';
import { moduleAliases } from './scripts/module-aliases.ts';
import { manifestScreenshots, pwaManifest, SCREENSHOTS_DIR } from './scripts/pwa-manifest.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  define: buildDefines(root),
  plugins: [
    react(),
    // The administrative divisions the destination picker offers (ADR 034): chunks in dist/divisions/, not in the JS.
    divisionDataPlugin(root),
    manifestScreenshots(root),
    VitePWA({
      // 'prompt': an update waits until the officer accepts it, so a check in progress is never reloaded away.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: pwaManifest(root),
      workbox: {
        // The country's counties are precached with the app; the townships and villages a checkpoint needs are kept in
        // IndexedDB when the tablet is online (ADR 034), never the whole country's.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,wasm}', `${DIVISION_DATA_DIR}/counties.json`],
        // Shown only by the browser's install dialog, fetched when it opens: not worth a precache on every tablet.
        globIgnores: [`${SCREENSHOTS_DIR}/**`],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//u],
        cleanupOutdatedCaches: true,
        // The lazily loaded scanner chunk must be precached too, so scanning works offline from the first visit.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // Dexie's module build and React's own useSyncExternalStore, for a lighter first screen (ADR 043).
  resolve: { alias: moduleAliases(root) },
  // The zxing-wasm decoder runs in a module worker (new Worker(url, { type: 'module' })).
  worker: { format: 'es' },
  build: {
    // The oldest engines are Chrome 87 and Safari 14.1 (docs/decisions/039). Chrome 91 rather than 87: between them
    // Chrome added no syntax Safari 14.1 has, so the two targets lower the same code, except that for 87 every `?.`
    // is rewritten (0.6 kB more initial JS, gzip) for a V8 bug that strikes only an optional call with a spread argument
    // before another; tests/e2e/oldest-engines-build.test.ts refuses that one shape in what ships.
    target: ['chrome91', 'safari14.1'],
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
