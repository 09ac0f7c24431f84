// The web app manifest of the tablet PWA, for vite.config.ts: what the install prompt, the home-screen icon and its
// long-press shortcuts show. Names stay Chinese (the manifest's lang is zh-CN, the officers' language; a manifest
// has one language). The store-style screenshots are the README's own (docs/screenshots, made by
// scripts/make-screenshots.ts), copied into the build rather than kept twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { ManifestOptions } from 'vite-plugin-pwa';

/** Where the built app serves the screenshots; the service worker does not precache them (install UI only). */
export const SCREENSHOTS_DIR = 'screenshots';

const SCREENSHOTS = [
  { file: 'vehicle.png', label: '车辆：车牌键盘、来源地与车上人数' },
  { file: 'decision.png', label: '处置：黄码人员的异常、建议处置与登记' },
  { file: 'report.png', label: '日报：全卡口的数据与每小时图表' },
] as const;

const PNG_SIGNATURE_BYTES = 8;
const PNG_CHUNK_HEADER_BYTES = 8;

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const ihdr = PNG_SIGNATURE_BYTES + PNG_CHUNK_HEADER_BYTES;
  return { width: png.readUInt32BE(ihdr), height: png.readUInt32BE(ihdr + 4) };
}

/** The home screen starts a new check at once when opened with this (the 新检查 shortcut). */
export const NEW_CHECK_SHORTCUT_URL = '/?action=new-check';

export function pwaManifest(root: string): Partial<ManifestOptions> {
  const icon192 = [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }];
  return {
    // The app's identity across versions and start URLs: an install stays one install.
    id: '/',
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
    shortcuts: [
      { name: '新检查', short_name: '新检查', url: NEW_CHECK_SHORTCUT_URL, icons: icon192 },
      { name: '日报', short_name: '日报', url: '/report', icons: icon192 },
      { name: '交班记录', short_name: '交班记录', url: '/shift/history', icons: icon192 },
    ],
    screenshots: SCREENSHOTS.map(({ file, label }) => {
      const { width, height } = pngSize(readFileSync(join(root, 'docs', 'screenshots', file)));
      return {
        src: `/${SCREENSHOTS_DIR}/${file}`,
        sizes: `${width}x${height}`,
        type: 'image/png',
        // Taken on a landscape 10-inch tablet.
        form_factor: 'wide' as const,
        label,
      };
    }),
  };
}

/** Copies the manifest's screenshots from docs/screenshots into the build. */
export function manifestScreenshots(root: string): Plugin {
  return {
    name: 'kakou-manifest-screenshots',
    apply: 'build',
    generateBundle() {
      for (const { file } of SCREENSHOTS) {
        this.emitFile({
          type: 'asset',
          fileName: `${SCREENSHOTS_DIR}/${file}`,
          source: readFileSync(join(root, 'docs', 'screenshots', file)),
        });
      }
    },
  };
}
