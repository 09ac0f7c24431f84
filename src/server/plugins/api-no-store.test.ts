// No API answer may be kept by a cache: every documented operation, whatever its status and whoever asks, the answers
// that carry registrations or a token above all, and API paths no route answers; a route may opt in by saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { openTestStore, type OpenedTestStore } from '../../../tests/support/server/store/stores.ts';
import { API_DOCS_JSON_PATH } from './api-docs.ts';
import { API_CACHE_CONTROL } from './api-no-store.ts';

const DAY = '2026-11-28';
const REGISTRATION = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
/** A route of the test's own that opts into caching, as a route of the app could. */
const CACHED_PATH = '/api/v1/test-cached';
const OWN_CACHE_CONTROL = 'public, max-age=60';

let opened: OpenedTestStore;
let t: TestApp;

beforeAll(async () => {
  opened = await openTestStore('sqlite');
  t = await openTestApp(opened.store);
  t.app.get(CACHED_PATH, (_request, reply) => reply.header('cache-control', OWN_CACHE_CONTROL).send({ cached: true }));
  const base = makeServerCheck();
  await t.postChecks([
    t.ownCheck({
      completedAt: `${DAY}T09:00:00+08:00`,
      vehicle: {
        ...base.vehicle,
        destination: { province: '湖南', city: '娄底', county: '双峰县', township: '三塘铺镇', village: '三塘村' },
      },
      persons: [makeServerPerson({ codeColor: 'yellow', disposition: 'sample-on-site', registration: REGISTRATION })],
      disposition: 'sample-on-site',
    }),
  ]);
});

afterAll(async () => {
  await t.close();
  await opened.dispose();
});

interface Operation {
  method: string;
  url: string;
}

/** Every operation under /api of the API's own document, path parameters filled with a placeholder. */
async function documentedOperations(): Promise<Operation[]> {
  const document = (await t.inject({ method: 'GET', url: API_DOCS_JSON_PATH })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  const apiPaths = Object.entries(document.paths).filter(([path]) => path.startsWith('/api/') && path !== CACHED_PATH);
  return apiPaths.flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      url: path.replaceAll(/\{[^}]+\}/gu, 'placeholder'),
    })),
  );
}

describe('Cache-Control on API answers', () => {
  it('is no-store on every documented operation, for an admin, a tablet and a caller without a token', async () => {
    const operations = await documentedOperations();
    // The document lists the routes that matter here; a document missing them would make this test say nothing.
    expect(operations.map((o) => `${o.method} ${o.url}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/vehicle-checks',
        'GET /api/v1/handoffs',
        'GET /api/v1/handoffs.csv',
        'POST /api/v1/devices',
      ]),
    );
    for (const headers of [t.admin.headers, t.device.headers, {}]) {
      for (const { method, url } of operations) {
        const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
        const response = await t.inject({
          method,
          url: `${url}?date=${DAY}`,
          headers,
          ...(withBody ? { payload: {} } : {}),
        });
        expect(response.headers['cache-control'], `${method} ${url} → ${response.statusCode}`).toBe(API_CACHE_CONTROL);
      }
    }
  });

  it('is no-store on the answers that carry registrations: the checks, the hand-off list and its CSV', async () => {
    const day = `date=${DAY}&checkpointId=${t.checkpointId}`;
    for (const url of ['/api/v1/vehicle-checks', `/api/v1/handoffs?${day}`, `/api/v1/handoffs.csv?${day}`]) {
      const response = await t.inject({ method: 'GET', url, headers: t.admin.headers });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(REGISTRATION.idNumber);
      expect(response.headers['cache-control'], url).toBe(API_CACHE_CONTROL);
    }
  });

  it('is no-store on an enrollment, whose answer is the tablet’s token', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/devices',
      payload: { enrollmentCode: t.enrollmentCode, name: 'tablet 9' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ token: string }>().token).not.toBe('');
    expect(response.headers['cache-control']).toBe(API_CACHE_CONTROL);
  });

  it('is no-store on an API path no route answers, and on a refused token', async () => {
    for (const url of ['/api/v1/nothing-here', '/api', '/api/']) {
      const response = await t.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['cache-control'], url).toBe(API_CACHE_CONTROL);
    }
    const refused = await t.inject({
      method: 'GET',
      url: '/api/v1/vehicle-checks',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe(API_CACHE_CONTROL);
  });

  it('is what a route says when it opts into caching itself', async () => {
    const response = await t.inject({ method: 'GET', url: CACHED_PATH });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(OWN_CACHE_CONTROL);
  });

  it('leaves paths outside the API to their own rules', async () => {
    // The app's pages and files set their own (static.ts); a path merely beginning with the letters is not the API.
    const response = await t.inject({ method: 'GET', url: '/apiary' });
    expect(response.headers['cache-control']).toBeUndefined();
  });
});
