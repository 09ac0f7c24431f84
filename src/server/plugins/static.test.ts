// The PWA beside the API: SPA fallback, caching that lets a new version through, and a CSP on every answer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore, type OpenedTestStore } from '../store/test-stores.ts';
import { openTestApp, type TestApp } from '../test-app.ts';

const INDEX_HTML = '<!doctype html><title>卡口</title><script type="module" src="/assets/index-abc123.js"></script>';

let dist: string;
let opened: OpenedTestStore;
let t: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kakou-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
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
