// The API's page and document: /api/docs is a page whose every script and style this server sends itself (a checkpoint's
// LAN has no internet), under the same strict CSP as the app, beside the PWA; /api/docs/json lists the sync routes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REJECT_CODES } from '../../contract/reject-code.ts';
import { openTestStore, type OpenedTestStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { API_DOCS_JSON_PATH, API_DOCS_PREFIX } from './api-docs.ts';

let dist: string;
let opened: OpenedTestStore;
let t: TestApp;

beforeAll(async () => {
  // With the PWA served beside it, as in production: its fallback must not answer the page's paths.
  dist = mkdtempSync(join(tmpdir(), 'kakou-docs-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>卡口</title>');
  opened = await openTestStore('sqlite');
  t = await openTestApp(opened.store, { distDir: dist });
});

afterAll(async () => {
  await t.close();
  await opened.dispose();
  rmSync(dist, { recursive: true, force: true });
});

/** The src and href of the page's scripts and stylesheets, as written. */
function assetReferences(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/gu)].map((match) => match[1] ?? '');
}

it('answers /api/docs with the page, under the app’s strict CSP', async () => {
  const response = await t.inject({ method: 'GET', url: API_DOCS_PREFIX });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/html/u);
  expect(response.body).toContain('<div id="swagger-ui">');
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/u);
  expect(csp).toContain("connect-src 'self'");
});

it('sends every script and style of the page itself: nothing from another host', async () => {
  const html = (await t.inject({ method: 'GET', url: API_DOCS_PREFIX })).body;
  const references = assetReferences(html);
  expect(references.length).toBeGreaterThanOrEqual(4);
  for (const reference of references) {
    // A path on this server: no scheme, no protocol-relative host.
    expect(reference, reference).toMatch(/^\/api\/docs\/static\/[\w./-]+$/u);
    const asset = await t.inject({ method: 'GET', url: reference });
    expect(asset.statusCode, reference).toBe(200);
    expect(asset.rawPayload.length, reference).toBeGreaterThan(0);
    const type = String(asset.headers['content-type']);
    if (reference.endsWith('.js')) expect(type, reference).toMatch(/javascript/u);
    if (reference.endsWith('.css')) expect(type, reference).toMatch(/^text\/css/u);
  }
  // The script that starts the page points it at the document beside it, on this server.
  const initializer = (await t.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/static/swagger-initializer.js` })).body;
  expect(initializer).toContain("resolveUrl('./json')");
});

it('serves the OpenAPI document beside the page, listing the sync routes and the reject codes', async () => {
  const response = await t.inject({ method: 'GET', url: API_DOCS_JSON_PATH });
  expect(response.statusCode).toBe(200);
  const doc = response.json<{
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { enum?: string[] }> };
  }>();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/v1/devices',
      '/api/v1/policy',
      '/api/v1/vehicle-checks/batch',
      '/api/v1/vehicle-checks',
      '/api/v1/checkpoint-config',
      '/api/v1/checkpoint-config/history',
      '/api/v1/lead-pin',
      '/api/v1/lead-sessions',
      '/api/v1/tallies/daily',
      '/api/v1/handoffs',
      '/api/v1/handoffs.csv',
      '/api/v1/handoffs.xlsx',
    ]),
  );
  // The page's own routes are not part of the API it describes.
  expect(Object.keys(doc.paths).filter((path) => path.startsWith(API_DOCS_PREFIX))).toEqual([]);
  expect(doc.components.schemas['RejectCode']?.enum).toEqual([...REJECT_CODES]);
  const yaml = await t.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/yaml` });
  expect(yaml.statusCode).toBe(200);
  expect(yaml.body).toContain('/api/v1/vehicle-checks/batch:');
});
