// Build of the tablet PWA: React, a precaching service worker that never reloads on its own.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { divisionDataPlugin } from './scripts/divisions/division-data-plugin.ts';
import { DIVISION_DATA_DIR } from './src/domain/division-data.ts';

export default defineConfig({
  plugins: [
    react(),
    // The administrative divisions the destination picker offers (ADR 034): chunks in dist/divisions/, not in the JS.
    divisionDataPlugin(fileURLToPath(new URL('.', import.meta.url))),
    VitePWA({
      // 'prompt': an update waits until the officer accepts it, so a check in progress is never reloaded away.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icons/*.png', 'icons/*.svg', 'sounds/*'],
      manifest: {
        name: '卡口 Kakou 健康检查',
        short_name: '卡口',
        description: '高速卡口健康检查：一扫二看三查四验，离线可用',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#0f172a',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The country's counties are precached with the app; the townships and villages a checkpoint needs are kept in
        // IndexedDB when the tablet is online (ADR 034), never the whole country's.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,wasm,mp3,wav}', `${DIVISION_DATA_DIR}/counties.json`],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//u],
        cleanupOutdatedCaches: true,
        // The lazily loaded scanner chunk must be precached too, so scanning works offline from the first visit.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // The zxing-wasm decoder runs in a module worker (new Worker(url, { type: 'module' })).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
