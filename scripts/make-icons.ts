// Renders public/icons/icon.svg into the PNG app icons at their exact pixel sizes, in a real Chromium: the manifest's
// 192 and 512 px icons, and the 180 px apple-touch-icon an iPad puts on its home screen (opaque: iOS fills
// transparency with black).
// Run from the repo root: npx tsx scripts/make-icons.ts
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ICONS_DIR = join(process.cwd(), 'public', 'icons');
const ICONS = [
  { sizePx: 192, file: 'icon-192.png' },
  { sizePx: 512, file: 'icon-512.png' },
  { sizePx: 180, file: 'apple-touch-icon.png' },
] as const;
const PNG_SIGNATURE_BYTES = 8;

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The order docs/testing.md gives: CHROME_PATH, then Debian's Chromium, then the one inside the npm package. */
async function chromiumPath(): Promise<string> {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const packaged = await import('@sparticuz/chromium');
  return packaged.default.executablePath();
}

/** Width and height from the PNG's IHDR chunk, to prove the file is the size its name says. */
function pngSize(png: Buffer): { width: number; height: number } {
  const ihdrOffset = PNG_SIGNATURE_BYTES + 8;
  return { width: png.readUInt32BE(ihdrOffset), height: png.readUInt32BE(ihdrOffset + 4) };
}

async function main(): Promise<void> {
  const svg = await readFile(join(ICONS_DIR, 'icon.svg'));
  const dataUrl = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: LAUNCH_ARGS });
  try {
    for (const { sizePx, file } of ICONS) {
      // deviceScaleFactor 1: one CSS pixel is one PNG pixel, so the file is exactly sizePx square.
      const page = await browser.newPage({ viewport: { width: sizePx, height: sizePx }, deviceScaleFactor: 1 });
      await page.setContent(
        `<html><body style="margin:0;background:#0f766e"><img id="icon" src="${dataUrl}" width="${sizePx}" height="${sizePx}" style="display:block"></body></html>`,
      );
      await page.locator('#icon').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ clip: { x: 0, y: 0, width: sizePx, height: sizePx }, type: 'png' });
      const { width, height } = pngSize(png);
      if (width !== sizePx || height !== sizePx) throw new Error(`${file} came out ${width}×${height}`);
      const target = join(ICONS_DIR, file);
      await writeFile(target, png);
      process.stdout.write(`wrote ${target} (${width}×${height}, ${png.length} B)\n`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
