// The PWA beside the API: SPA fallback, caching that lets a new version through, the build's compressed copies to
// tablets that accept them, and a CSP on every answer.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDist } from '../../../scripts/precompress-dist.ts';
import { openTestStore, type OpenedTestStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

const INDEX_HTML = '<!doctype html><title>卡口</title><script type="module" src="/assets/index-abc123.js"></script>';
/** Big enough to be precompressed, like a real bundle. */
const MAIN_JS = Array.from({ length: 400 }, (_, i) => `export const label${i} = '卡口 checkpoint ${i}';`).join('\n');
/** A WebAssembly header followed by a repetitive body, so it shrinks as the real decoder does. */
const WASM = Buffer.concat([
  Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
  Buffer.alloc(16 * 1024, 'zxing'),
]);
/** Random bytes do not shrink: the build keeps no compressed copy of them. */
const INCOMPRESSIBLE_JS = randomBytes(8 * 1024);
const TINY_CSS = 'body{margin:0}';
/** What lands in a build folder by mistake: an editor's or a deploy tool's files, never meant to be served. */
const SECRET_ENV = 'DATABASE_URL=postgres://kakou:s3cret@db/kakou';
const GIT_CONFIG = '[remote "origin"]\n\turl = https://token@git.example.cn/kakou.git';

let dist: string;
let opened: OpenedTestStore;
let t: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kakou-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), MAIN_JS);
  writeFileSync(join(dist, 'assets', 'zxing_reader-abc123.wasm'), WASM);
  writeFileSync(join(dist, 'assets', 'random-abc123.js'), INCOMPRESSIBLE_JS);
  writeFileSync(join(dist, 'assets', 'tiny-abc123.css'), TINY_CSS);
  writeFileSync(join(dist, '.env'), SECRET_ENV);
  mkdirSync(join(dist, '.git'));
  writeFileSync(join(dist, '.git', 'config'), GIT_CONFIG);
  writeFileSync(join(dist, 'assets', '.DS_Store'), MAIN_JS);
  await precompressDist(dist);
  opened = await openTestStore('sqlite');
  t = await openTestApp(opened.store, { distDir: dist });
});

afterAll(async () => {
  await t.close();
  await opened.dispose();
  rmSync(dist, { recursive: true, force: true });
});

it('serves the app at / and at any page path, so a reload on a deep link opens it', async () => {
  for (const url of ['/', '/checks/2026-11-28', '/settings?tab=device']) {
    const response = await t.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/u);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['cache-control']).toBe('no-cache');
  }
});

it('never lets the service worker be cached, and caches hashed assets for good', async () => {
  const sw = await t.inject({ method: 'GET', url: '/sw.js' });
  expect(sw.statusCode).toBe(200);
  expect(sw.headers['cache-control']).toBe('no-cache');
  const asset = await t.inject({ method: 'GET', url: '/assets/index-abc123.js' });
  expect(asset.headers['cache-control']).toMatch(/immutable/u);
});

it('answers a missing asset and an unknown API path with a 404 problem, not the app', async () => {
  for (const url of ['/assets/missing-123.js', '/api/v1/unknown']) {
    const response = await t.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
  }
});

it('never serves a dotfile or anything under a dot-folder: a 404 problem, not the file and not the app', async () => {
  for (const url of [
    '/.env',
    '/.git/config',
    '/assets/.DS_Store',
    '/%2eenv',
    '/%2Egit/config',
    '/.git/',
    '/.well-known/anything',
  ]) {
    for (const encoding of [undefined, 'br, gzip']) {
      const response = await t.inject({
        method: 'GET',
        url,
        headers: encoding === undefined ? {} : { 'accept-encoding': encoding },
      });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/u);
      expect(response.body, url).not.toContain('s3cret');
      expect(response.body, url).not.toContain('token@');
      expect(response.body, url).not.toContain('卡口');
    }
  }
  expect((await t.inject({ method: 'HEAD', url: '/.env' })).statusCode).toBe(404);
});

it('sends a Content-Security-Policy that allows only our own scripts and connections', async () => {
  const response = await t.inject({ method: 'GET', url: '/' });
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/u);
  // WebAssembly (the zxing decoder) may compile; JavaScript eval stays forbidden.
  expect(csp).toMatch(/script-src[^;]*'wasm-unsafe-eval'/u);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/u);
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
});

describe('compressed copies from the build', () => {
  const decoders = { br: brotliDecompressSync, gzip: gunzipSync } as const;

  for (const encoding of ['br', 'gzip'] as const) {
    it(`sends the main script and the decoder's .wasm as ${encoding} to a tablet that accepts it, bytes intact`, async () => {
      for (const [url, original, type] of [
        ['/assets/index-abc123.js', Buffer.from(MAIN_JS), 'application/javascript; charset=utf-8'],
        // WebAssembly.instantiateStreaming refuses anything but application/wasm.
        ['/assets/zxing_reader-abc123.wasm', WASM, 'application/wasm'],
      ] as const) {
        const response = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-encoding'], url).toBe(encoding);
        expect(response.headers['content-type'], url).toBe(type);
        expect(response.headers['vary'], url).toMatch(/accept-encoding/iu);
        expect(response.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
        expect(Number(response.headers['content-length']), url).toBe(response.rawPayload.byteLength);
        expect(response.rawPayload.byteLength, url).toBeLessThan(original.byteLength);
        expect(decoders[encoding](response.rawPayload).equals(original), url).toBe(true);
      }
    });
  }

  it('prefers brotli when the browser accepts both, as Chromium does', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(response.headers['content-encoding']).toBe('br');
  });

  it('sends the plain file to a client that accepts no encoding, still marked as varying by it', async () => {
    const response = await t.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(MAIN_JS);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['vary']).toMatch(/accept-encoding/iu);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the service worker uncached and its scope header when it goes out compressed', async () => {
    writeFileSync(join(dist, 'sw.js'), MAIN_JS);
    await precompressDist(dist);
    const sw = await t.inject({ method: 'GET', url: '/sw.js', headers: { 'accept-encoding': 'br' } });
    expect(sw.headers['content-encoding']).toBe('br');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['service-worker-allowed']).toBe('/');
    expect(sw.headers['content-type']).toBe('application/javascript; charset=utf-8');
  });

  it('answers / and a deep link with index.html, compressed when accepted, never cached', async () => {
    const page = `${INDEX_HTML}<style>${'.plate-key{min-height:64px}'.repeat(60)}</style>`;
    writeFileSync(join(dist, 'index.html'), page);
    await precompressDist(dist);
    for (const url of ['/', '/checks/2026-11-28']) {
      const response = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['content-type'], url).toMatch(/^text\/html/u);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(page);
    }
  });

  it('keeps no copy of a file under 1 KB or of one that would not shrink, and sends those plain', async () => {
    expect(existsSync(join(dist, 'assets', 'tiny-abc123.css.br'))).toBe(false);
    expect(existsSync(join(dist, 'assets', 'random-abc123.js.br'))).toBe(false);
    expect(existsSync(join(dist, 'assets', 'random-abc123.js.gz'))).toBe(false);
    const tiny = await t.inject({
      method: 'GET',
      url: '/assets/tiny-abc123.css',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe(TINY_CSS);
    const random = await t.inject({
      method: 'GET',
      url: '/assets/random-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(random.headers['content-encoding']).toBeUndefined();
    expect(random.rawPayload.equals(INCOMPRESSIBLE_JS)).toBe(true);
  });
});
