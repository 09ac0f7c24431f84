// api.md "Hostile input", case by case through HTTP on SQLite and PostgreSQL: what the fuzz test
// (fuzz/hostile-input.test.ts) finds at random, here by name — each answered 4xx or rejected with its field, never 5xx.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BatchResult } from '../contract/vehicle-check.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { DEFAULT_CHECKPOINT_CONFIG } from '../domain/shift-schedule.ts';
import type { Store } from './store/create-store.ts';
import { makeServerPerson, toIngest } from '../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../tests/support/server/app.ts';

/** The headers helmet sets on every answer (security.ts): a router error must carry them too. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'strict-transport-security',
];

forEachStore('hostile input', ({ store }) => {
  let dist: string;
  let t: TestApp;
  beforeEach(async () => {
    // The app's page beside the API, as in production: it must never stand in for an /api path.
    dist = mkdtempSync(join(tmpdir(), 'kakou-hostile-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>卡口</title>');
    t = await openTestApp(store(), { distDir: dist });
  });
  afterEach(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  /** A check of this app's device with `change` made to it after it was built (so it may break the schema). */
  const sent = (change: (check: VehicleCheck) => unknown): unknown => change(t.ownCheck());

  async function post(checks: unknown[]): Promise<BatchResult[]> {
    return t.postChecks(checks as VehicleCheck[]);
  }

  async function storedIds(): Promise<string[]> {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/vehicle-checks?limit=500',
      headers: t.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ checks: { check: VehicleCheck }[] }>().checks.map((c) => c.check.id);
  }

  function expectProblem(response: LightMyRequestResponse, status: number, detail?: RegExp): void {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
    for (const header of SECURITY_HEADERS) expect(response.headers[header], header).toBeDefined();
    const body = response.json<{ status: number; detail: string }>();
    expect(body.status).toBe(status);
    if (detail !== undefined) expect(body.detail).toMatch(detail);
  }

  /** Each refused check is rejected naming its field; the good one beside them is stored. */
  async function expectRejectedBeside(cases: { check: unknown; field: string }[]): Promise<void> {
    const good = t.ownCheck();
    const results = await post([...cases.map((c) => c.check), good]);
    cases.forEach(({ field }, i) => {
      expect(results[i], field).toMatchObject({ status: 'rejected', code: 'invalid-check' });
      expect(results[i]?.error, field).toContain(`${field}:`);
    });
    expect(results.at(-1)).toEqual({ id: good.id, status: 'created' });
    expect(await storedIds()).toEqual([good.id]);
  }

  it('a completedAt of 9999-12-31T23:59:59-23:59 is rejected, not stored with a NaN local hour', async () => {
    await expectRejectedBeside([
      { check: sent((c) => ({ ...c, completedAt: '9999-12-31T23:59:59-23:59' })), field: 'completedAt' },
      { check: sent((c) => ({ ...c, startedAt: '1999-12-31T23:59:59Z' })), field: 'startedAt' },
      {
        check: sent((c) => ({
          ...c,
          persons: [makeServerPerson({ test: { status: 'negative', sampledAt: '2100-01-01T00:00:00Z' } })],
        })),
        field: 'persons.0.test.sampledAt',
      },
    ]);
  });

  it('the first and last moments of 2000–2099, in any offset, are stored on their local day', async () => {
    const first = t.ownCheck({ completedAt: '2000-01-01T00:00:00+14:00' });
    const last = t.ownCheck({ completedAt: '2099-12-31T23:59:59-12:00' });
    expect(await post([first, last])).toEqual([
      { id: first.id, status: 'created' },
      { id: last.id, status: 'created' },
    ]);
    const { checks } = (
      await t.inject({
        method: 'GET',
        url: '/api/v1/vehicle-checks?limit=10',
        headers: (await t.leadSession()).headers,
      })
    ).json<{ checks: { check: VehicleCheck; localDay: string }[] }>();
    expect(checks.map((c) => c.localDay)).toEqual(['1999-12-31', '2100-01-01']);
  });

  it('a NUL in the team or in the origin is rejected naming the field; the rest of the batch is stored', async () => {
    await expectRejectedBeside([
      { check: sent((c) => ({ ...c, team: 'A\u0000' })), field: 'team' },
      {
        check: sent((c) => ({ ...c, vehicle: { ...c.vehicle, origin: { province: '湖\u0000南', city: '娄底' } } })),
        field: 'vehicle.origin.province',
      },
      { check: sent((c) => ({ ...c, officerId: '\u0000' })), field: 'officerId' },
    ]);
  });

  it('bidirectional and zero-width characters in one-line fields are rejected naming the field', async () => {
    const registered = (name: string) => (c: VehicleCheck) => ({
      ...c,
      persons: [makeServerPerson({ registration: { name, idNumber: '430101199003071238', phone: '13800138000' } })],
    });
    await expectRejectedBeside([
      { check: sent((c) => ({ ...c, vehicle: { ...c.vehicle, plate: '湘K\u202e54321' } })), field: 'vehicle.plate' },
      { check: sent(registered('张\u200b三')), field: 'persons.0.registration.name' },
      { check: sent((c) => ({ ...c, shiftId: 'shift\u2066-a' })), field: 'shiftId' },
      {
        check: sent((c) => ({
          ...c,
          vehicle: { ...c.vehicle, destination: { ...c.vehicle.destination, village: '三\ufeff村' } },
        })),
        field: 'vehicle.destination.village',
      },
      { check: sent((c) => ({ ...c, notes: 'ok\u0000' })), field: 'notes' },
      { check: sent((c) => ({ ...c, notes: 'looks \u202eright' })), field: 'notes' },
    ]);
  });

  it('notes keep line breaks, tabs and a ZWJ emoji; text is stored in NFC', async () => {
    const check = t.ownCheck({
      notes: '第一行\n第二行\r\n\t缩进 👨\u200d👩\u200d👧',
      persons: [
        makeServerPerson({
          registration: { name: 'Jose\u0301', idNumber: '430101199003071238', phone: '13800138000' },
        }),
      ],
    });
    expect(await post([check])).toEqual([{ id: check.id, status: 'created' }]);
    const [stored] = (
      await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: (await t.leadSession()).headers })
    ).json<{ checks: { check: VehicleCheck }[] }>().checks;
    expect(stored?.check.notes).toBe(check.notes);
    expect(stored?.check.persons[0]?.registration?.name).toBe('José');
    // The same check sent again, as the tablet resends it, is the same content: a duplicate.
    expect(await post([check])).toEqual([{ id: check.id, status: 'duplicate' }]);
  });

  it('a rev or a policyVersion of 3e9 is rejected naming the field', async () => {
    await expectRejectedBeside([
      { check: sent((c) => ({ ...c, rev: 3e9 })), field: 'rev' },
      { check: sent((c) => ({ ...c, policyVersion: 3e9 })), field: 'policyVersion' },
      { check: sent((c) => ({ ...c, rev: 1.5 })), field: 'rev' },
    ]);
  });

  it('a "__proto__" key in a check is dropped, not a 400 for the whole batch', async () => {
    const check = t.ownCheck();
    const body = `{"checks":[${JSON.stringify(check).replace('{', '{"__proto__":{"polluted":1},')}]}`;
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: { ...t.device.headers, 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ results: BatchResult[] }>().results).toEqual([{ id: check.id, status: 'created' }]);
  });

  it('GET /api/v1/policy/3000000000 → 400, not a 500 from an int4 column', async () => {
    expectProblem(
      await t.inject({ method: 'GET', url: '/api/v1/policy/3000000000', headers: t.device.headers }),
      400,
      /params\.version/u,
    );
    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/policy/2147483647', headers: t.device.headers }), 404);
  });

  it('a checkpoint-config baseVersion of 3e9 → 400 naming it; a team with a bidirectional control too', async () => {
    const { teams, shifts, rotationAnchor } = DEFAULT_CHECKPOINT_CONFIG;
    const body = { teams, shifts, rotationAnchor };
    const { headers } = await t.leadSession();
    const put = (payload: object) => t.inject({ method: 'PUT', url: '/api/v1/checkpoint-config', headers, payload });
    expectProblem(await put({ ...body, baseVersion: 3e9 }), 400, /body\.baseVersion/u);
    expectProblem(await put({ ...body, teams: ['甲\u202e', '乙'], baseVersion: 0 }), 400, /body\.teams\.0/u);
    expectProblem(await put({ ...body, rotationAnchor: '9999-01-01', baseVersion: 0 }), 400, /rotationAnchor/u);
  });

  it('a vehicle-checks cursor holding NUL or garbage → 400', async () => {
    const { headers } = await t.leadSession();
    const list = (query: string) => t.inject({ method: 'GET', url: `/api/v1/vehicle-checks?${query}`, headers });
    expectProblem(await list('cursor=%00'), 400, /cursor/u);
    expectProblem(await list('cursor=%E0%A4%A'), 400);
    const forged = Buffer.from(JSON.stringify([0, 'a\u0000'])).toString('base64url');
    expectProblem(await list(`cursor=${forged}`), 400, /cursor/u);
    expectProblem(await list(`cursor=${Buffer.from('[1e400,"x"]').toString('base64url')}`), 400, /cursor/u);
    expectProblem(await list('limit=3000000000'), 400, /limit/u);
    expectProblem(await list('from=9999-12-31T23:59:59-23:59'), 400, /from/u);
  });

  it('a device name or enrollment code holding NUL → 400, and no tablet is enrolled', async () => {
    const enroll = (payload: object) => t.inject({ method: 'POST', url: '/api/v1/devices', payload });
    expectProblem(await enroll({ enrollmentCode: t.enrollmentCode, name: 'tablet\u0000' }), 400, /body\.name/u);
    expectProblem(await enroll({ enrollmentCode: `${t.enrollmentCode}\u0000`, name: 'tablet' }), 400);
    expect(await t.store.devices.listForCheckpoint(t.checkpointId)).toHaveLength(1);
  });

  it('a NUL in any query string or path parameter → 4xx on every route that reads one', async () => {
    const asAdmin = (url: string) => t.inject({ method: 'GET', url, headers: t.admin.headers });
    for (const url of [
      '/api/v1/tallies/daily?date=%00',
      '/api/v1/tallies/daily?date=2026-11-28&checkpointId=%00',
      '/api/v1/tallies/daily.csv?date=2026-11-28&checkpointId=%00',
      '/api/v1/tallies/daily.xlsx?date=9999-12-31&checkpointId=x',
      '/api/v1/handoffs?date=2026-11-28&checkpointId=%00',
      '/api/v1/handoffs.csv?date=2026-11-28&checkpointId=%E2%80%AE',
      '/api/v1/checkpoint-config?checkpointId=%00',
      '/api/v1/vehicle-checks?checkpointId=%00',
    ]) {
      expectProblem(await asAdmin(url), 400);
    }
    expectProblem(
      await t.inject({ method: 'DELETE', url: '/api/v1/devices/%00', headers: t.admin.headers }),
      400,
      /params\.deviceId/u,
    );
  });

  it('/API/v1/health and other near misses of /api are a 404 problem, never the app’s page', async () => {
    for (const url of ['/API/v1/health', '/Api/v1/health', '/api/V1/health', '/%41PI/v1/health', '//api/v1/nowhere']) {
      expectProblem(await t.inject({ method: 'GET', url }), 404);
    }
    // Beside /api the app's page still answers its own paths.
    const page = await t.inject({ method: 'GET', url: '/checks/today' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/u);
  });

  it('a malformed URL → 400 problem with the security headers', async () => {
    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/%E0%A4%A' }), 400, /URL/u);
    expectProblem(await t.inject({ method: 'GET', url: '/checks/%FF' }), 400);
  });

  it('a 200-character id → 414 problem with the security headers', async () => {
    expectProblem(
      await t.inject({ method: 'DELETE', url: `/api/v1/devices/${'d'.repeat(200)}`, headers: t.admin.headers }),
      414,
    );
    // A GET past the router's parameter length matches the app's files (a wildcard) instead; under /api, a 404.
    expectProblem(
      await t.inject({ method: 'GET', url: `/api/v1/policy/${'9'.repeat(200)}`, headers: t.device.headers }),
      404,
    );
  });

  it('answers JSON errors, a wrong content type and a body over the limit as problems with the security headers', async () => {
    const batch = (payload: string, type = 'application/json') =>
      t.inject({
        method: 'POST',
        url: '/api/v1/vehicle-checks/batch',
        headers: { ...t.device.headers, 'content-type': type },
        payload,
      });
    expectProblem(await batch('{"checks": ['), 400, /JSON/u);
    expectProblem(await batch('<checks/>', 'application/xml'), 415);
    // Nested 50,000 deep: parsed without overflowing a stack, and refused as one check, not as the batch.
    const deep = await batch(`{"checks":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`);
    expect(deep.statusCode).toBe(200);
    expect(deep.json<{ results: BatchResult[] }>().results).toMatchObject([
      { status: 'rejected', code: 'invalid-check' },
    ]);
    expectProblem(
      await t.inject({
        method: 'POST',
        url: '/api/v1/devices',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ enrollmentCode: 'x', name: 'y'.repeat(5000) }),
      }),
      413,
    );
  });

  it('a check stored before these rules (a tablet clock of 1970) still pages out', async () => {
    const legacy = t.ownCheck();
    const item = toIngest(legacy);
    const old = { ...legacy, completedAt: '1970-01-01T08:00:00+08:00' };
    // Straight into the store, as an older server stored it: the schema of today would refuse it.
    await t.store.vehicleChecks.ingest([
      { ...item, check: old, body: JSON.stringify(old), completedAtMs: 0, localDay: '1970-01-01', localHour: 8 },
    ]);
    const { headers } = await t.leadSession();
    const response = await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/u);
    expect(response.json<{ checks: { check: VehicleCheck }[] }>().checks.map((c) => c.check.completedAt)).toEqual([
      '1970-01-01T08:00:00+08:00',
    ]);
  });
});

forEachStore('a value the store refuses past a schema', ({ store }) => {
  it('is a 400 problem, never a 500, and says nothing of the store', async () => {
    const real = store();
    // A PostgreSQL data exception (22P05: a NUL in text), as a route whose schema let the value through would meet it.
    const refusal = Object.assign(new Error('unsupported Unicode escape sequence at \\u0000 in "A"'), {
      code: '22P05',
    });
    const leaky: Store = { ...real, checkpoints: { ...real.checkpoints, get: () => Promise.reject(refusal) } };
    const t = await openTestApp(leaky);
    try {
      const response = await t.inject({
        method: 'GET',
        url: '/api/v1/tallies/daily?date=2026-11-28',
        headers: t.device.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
      expect(response.body).not.toContain('Unicode');
    } finally {
      await t.close();
    }
  });
});
