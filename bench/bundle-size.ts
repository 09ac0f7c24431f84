// Figure 1: the JS a first visit must download before the app runs (gzip -9), against all the app's JS.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BYTES_PER_KB, notMeasured, type MeasurementResult, type Quantity } from './measurement.ts';

const MEASUREMENT = { id: '1', title: 'Initial JS, gzip -9 (scanner lazy)', goal: { max: 150, unit: 'kB' } } as const;
const GZIP_LEVEL = 9;
const BUILD_LOG_TAIL_LINES = 15;
// Strings found only in the library itself (its zxing decoder, its internal errors), not in our adapter that names its API.
const SCANNER_LIBRARY_PATTERN = /ZXing|Html5QrcodeOrFail/u;

export interface BundleSizeResult {
  result: MeasurementResult;
  /** Whether ./dist holds a fresh build the browser figures can serve. */
  distBuilt: boolean;
}

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/** The start tags of one element name, with their attributes (values unquoted); enough for Vite's own index.html. */
function startTags(html: string, name: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'giu'))) {
    const attributes = new Map<string, string>();
    for (const attr of (match[1] ?? '').matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gu)) {
      const key = attr[1];
      if (key) attributes.set(key.toLowerCase(), attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    tags.push({ name, attributes });
  }
  return tags;
}

/** Paths (relative to dist) of the entry module script and the chunks index.html preloads with it. */
export function initialScripts(indexHtml: string): string[] {
  const entries = startTags(indexHtml, 'script')
    .filter((t) => t.attributes.get('type') === 'module')
    .map((t) => t.attributes.get('src'));
  const preloads = startTags(indexHtml, 'link')
    .filter((t) => t.attributes.get('rel') === 'modulepreload')
    .map((t) => t.attributes.get('href'));
  return [...entries, ...preloads]
    .filter((src): src is string => src !== undefined && src !== '' && !/^[a-z]+:/iu.test(src))
    .map((src) => src.replace(/^\.?\//u, ''));
}

/** The chunk main.tsx imports to start the app when the page is in a secure context (as every measured visit is). */
const SECURE_START_CHUNK_PATTERN =
  /import\(\s*[`'"]\.\/(start-app-[\w-]+\.js)[`'"]\s*\)[\s\S]{0,200}?__vite__mapDeps\(\[([\d,\s]*)\]\)/u;
const PRELOAD_LIST_PATTERN = /m\.f=\[([^\]]*)\]/u;

/**
 * The app's start chunk and the chunks Vite preloads with it, read from the entry chunk: main.tsx imports the app
 * only after its secure-context check, so index.html alone no longer names what a first visit downloads.
 */
export function secureStartScripts(entrySource: string): string[] {
  const start = SECURE_START_CHUNK_PATTERN.exec(entrySource);
  const list = PRELOAD_LIST_PATTERN.exec(entrySource);
  if (!start?.[1] || start[2] === undefined || list?.[1] === undefined) {
    throw new Error(
      "the entry chunk names no start-app chunk with its preloads: main.tsx's start-up changed, update bench/bundle-size.ts",
    );
  }
  const files = [...list[1].matchAll(/[`'"]([^`'"]+)[`'"]/gu)].map((m) => m[1] ?? '');
  const deps = start[2]
    .split(',')
    .filter((index) => index.trim() !== '')
    .map((index) => files[Number(index)])
    .filter((file): file is string => file !== undefined && file.endsWith('.js'));
  return [`assets/${start[1]}`, ...deps.map((file) => file.replace(/^\.?\//u, ''))];
}

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file), { level: GZIP_LEVEL }).length / BYTES_PER_KB;
}

export function buildApp(repoRoot: string): void {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status === 0) return;
  const log = `${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-BUILD_LOG_TAIL_LINES).join('\n');
  throw new Error(
    `\`npx vite build\` failed (exit ${build.status ?? build.signal ?? '?'}): ${log.replace(/\s+/gu, ' ').slice(0, 400)}`,
  );
}

export function measureBundleSize(repoRoot: string): BundleSizeResult {
  try {
    buildApp(repoRoot);
  } catch (e) {
    return { result: notMeasured(MEASUREMENT, e), distBuilt: false };
  }
  try {
    const dist = join(repoRoot, 'dist');
    const fromHtml = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8'));
    const entry = fromHtml[0];
    if (entry === undefined) throw new Error('dist/index.html names no <script type=module>');
    const initial = [...new Set([...fromHtml, ...secureStartScripts(readFileSync(join(dist, entry), 'utf8'))])];

    // Every chunk the app can ever load is in assets/; the service worker and workbox runtime sit beside index.html.
    const allJs = readdirSync(join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const initialSet = new Set(initial);
    const lazy = allJs.filter((f) => !initialSet.has(f));

    const initialKb = initial.reduce((sum, f) => sum + gzipKb(join(dist, f)), 0);
    const allKb = allJs.reduce((sum, f) => sum + gzipKb(join(dist, f)), 0);
    const lazyDetails: Quantity[] = lazy
      .map((f) => {
        const source = readFileSync(join(dist, f), 'utf8');
        const isScanner = SCANNER_LIBRARY_PATTERN.test(source);
        return {
          label: `lazy ${f}${isScanner ? ' (html5-qrcode)' : ''}`,
          value: gzipKb(join(dist, f)),
          unit: 'kB' as const,
        };
      })
      .sort((a, b) => b.value - a.value);

    const notes = [`initial = ${initial.join(' + ')}`];
    if (initial.some((f) => SCANNER_LIBRARY_PATTERN.test(readFileSync(join(dist, f), 'utf8')))) {
      notes.push('html5-qrcode is in the initial JS: the scanner is not lazy');
    } else if (!lazyDetails.some((d) => d.label.includes('html5-qrcode'))) {
      notes.push('no chunk holds html5-qrcode: the scanner is not in the app yet');
    }
    return {
      distBuilt: true,
      result: {
        ...MEASUREMENT,
        status: 'measured',
        figure: { label: `initial JS (${initial.length} files)`, value: initialKb, unit: 'kB' },
        baselines: [
          { label: `all JS in dist/assets, as if nothing were lazy (${allJs.length} files)`, value: allKb, unit: 'kB' },
        ],
        details: lazyDetails,
        notes,
      },
    };
  } catch (e) {
    return { result: notMeasured(MEASUREMENT, e), distBuilt: true };
  }
}
