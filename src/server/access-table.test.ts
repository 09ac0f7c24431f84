// Who may call what, route by route: every route the app serves × { no token, a device, a lead (valid, expired,
// ended by a PIN change), an admin } answers the status in this table, on SQLite and PostgreSQL. The routes are read
// from the app itself, so a route added without a row here fails the first test. docs/api.md prints the same table.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { servedRoutes } from './app.ts';
import { hashLeadPin } from './store/lead-pin-hash.ts';
import { LEAD_SESSION_TTL_MS } from './store/lead-session-repository.ts';
import { openTestApp, TEST_LEAD_PIN, TEST_LEAD_PIN_ITERATIONS, type TestApp } from '../../tests/support/server/app.ts';
import { openTestStore, STORE_KINDS, type OpenedTestStore } from '../../tests/support/server/store/stores.ts';

const WHO = ['none', 'device', 'lead', 'leadExpired', 'leadRevoked', 'admin'] as const;
type Who = (typeof WHO)[number];
type Statuses = Record<Who, number>;

/** Anyone, whatever token they send (a stale one included): the status the route gives a valid request. */
const anyone = (status: number): Statuses => ({
  none: status,
  device: status,
  lead: status,
  leadExpired: status,
  leadRevoked: status,
  admin: status,
});
/** A device token of the checkpoint, a lead session, or an admin token. */
const device = (status: number): Statuses => ({ ...anyone(status), none: 401, leadExpired: 401, leadRevoked: 401 });
/** A lead session or an admin token: a device token alone is told a lead must unlock. */
const lead = (status: number): Statuses => ({ ...device(status), device: 403 });
/** An admin token only. */
const admin = (status: number): Statuses => ({ ...lead(status), lead: 403 });

interface RouteCase {
  /** A request that the route serves when the caller may use it (the admin names the checkpoint). */
  request: (t: TestApp, who: Who) => Promise<Omit<InjectOptions, 'headers'>> | Omit<InjectOptions, 'headers'>;
  expected: Statuses;
}

const DAY = '2026-11-28';
/** Admins name the checkpoint on checkpoint-scoped routes; a device (or lead) is its own. */
const scope = (t: TestApp, who: Who, joiner: '?' | '&') =>
  who === 'admin' ? `${joiner}checkpointId=${t.checkpointId}` : '';
const get = (url: string) => () => ({ method: 'GET' as const, url });

/** The access table: one row per route (HEAD answers as GET does, and is left out). */
const ROUTES: Record<string, RouteCase> = {
  'GET /api/v1/health': { request: get('/api/v1/health'), expected: anyone(200) },
  'POST /api/v1/devices': {
    request: (t) => ({
      method: 'POST',
      url: '/api/v1/devices',
      payload: { enrollmentCode: t.enrollmentCode, name: '平板' },
    }),
    expected: anyone(201),
  },
  'DELETE /api/v1/devices/:deviceId': {
    request: async (t) => ({ method: 'DELETE', url: `/api/v1/devices/${(await t.enrollDevice()).deviceId}` }),
    expected: admin(204),
  },
  'GET /api/v1/devices': {
    request: (t) => get(`/api/v1/devices?checkpointId=${t.checkpointId}`)(),
    expected: admin(200),
  },
  // Anyone may sign in, whatever token they send: a fresh account each time, so no sign-in limit is reached.
  'POST /api/v1/sessions': {
    request: async (t) => {
      const username = `signer${(await t.store.adminAccounts.list()).length}`;
      const password = 'correct horse battery';
      await t.store.adminAccounts.create({ username, password, scope: { kind: 'all' } });
      return { method: 'POST', url: '/api/v1/sessions', payload: { username, password } };
    },
    expected: anyone(201),
  },
  // An admin session's own (src/server/routes/admin-sessions.test.ts); an admin token is no session to end.
  'DELETE /api/v1/sessions/current': {
    request: () => ({ method: 'DELETE', url: '/api/v1/sessions/current' }),
    expected: admin(403),
  },
  'GET /api/v1/checkpoints': { request: get('/api/v1/checkpoints'), expected: device(200) },
  'POST /api/v1/checkpoints': {
    request: () => ({
      method: 'POST',
      url: '/api/v1/checkpoints',
      payload: { name: '长沙西', province: '湖南', city: '长沙' },
    }),
    expected: admin(201),
  },
  // A checkpoint of its own for each request, so that archiving or a new code leaves the app's checkpoint as it is.
  'PATCH /api/v1/checkpoints/:checkpointId': {
    request: async (t) => {
      const { checkpoint } = await t.store.checkpoints.create({ name: '长沙西', province: '湖南', city: '长沙' });
      return { method: 'PATCH', url: `/api/v1/checkpoints/${checkpoint.id}`, payload: { name: '长沙西卡口' } };
    },
    expected: admin(200),
  },
  'POST /api/v1/checkpoints/:checkpointId/archive': {
    request: async (t) => {
      const { checkpoint } = await t.store.checkpoints.create({ name: '长沙西', province: '湖南', city: '长沙' });
      return { method: 'POST', url: `/api/v1/checkpoints/${checkpoint.id}/archive` };
    },
    expected: admin(204),
  },
  'POST /api/v1/checkpoints/:checkpointId/enrollment-code': {
    request: async (t) => {
      const { checkpoint } = await t.store.checkpoints.create({ name: '长沙西', province: '湖南', city: '长沙' });
      return { method: 'POST', url: `/api/v1/checkpoints/${checkpoint.id}/enrollment-code` };
    },
    expected: admin(200),
  },
  'GET /api/v1/policy': { request: get('/api/v1/policy'), expected: device(200) },
  'GET /api/v1/policy/versions': { request: get('/api/v1/policy/versions'), expected: device(200) },
  'GET /api/v1/policy/:version': { request: get('/api/v1/policy/1'), expected: device(200) },
  'PUT /api/v1/policy': {
    // A draft leaves the version out: the next one is taken.
    request: () => ({ method: 'PUT', url: '/api/v1/policy', payload: { ...DEFAULT_POLICY, version: undefined } }),
    expected: admin(201),
  },
  // This app's build holds no division lists: an admin gets as far as the 503 that says so (risk-area-lines.test.ts).
  'POST /api/v1/policy/risk-area-lines': {
    request: () => ({ method: 'POST', url: '/api/v1/policy/risk-area-lines', payload: { text: '湖南省 中风险' } }),
    expected: admin(503),
  },
  'GET /api/v1/checkpoint-config': {
    request: (t, who) => get(`/api/v1/checkpoint-config${scope(t, who, '?')}`)(),
    expected: device(200),
  },
  'PUT /api/v1/checkpoint-config': {
    request: async (t, who) => ({
      method: 'PUT',
      url: `/api/v1/checkpoint-config${scope(t, who, '?')}`,
      payload: {
        teams: ['一班', '二班'],
        shifts: [{ name: '全天', start: '08:00' }],
        rotationAnchor: '2026-11-01',
        baseVersion: (await t.store.checkpointConfigs.get(t.checkpointId)).version,
      },
    }),
    expected: lead(200),
  },
  'GET /api/v1/checkpoint-config/history': {
    request: (t, who) => get(`/api/v1/checkpoint-config/history${scope(t, who, '?')}`)(),
    expected: lead(200),
  },
  'GET /api/v1/lead-pin': {
    request: (t, who) => get(`/api/v1/lead-pin${scope(t, who, '?')}`)(),
    expected: device(200),
  },
  // Any tablet may set the first PIN; this checkpoint has one, so the allowed answer is 409, "fetch it".
  'POST /api/v1/lead-pin': {
    request: (t, who) => ({
      method: 'POST',
      url: `/api/v1/lead-pin${scope(t, who, '?')}`,
      payload: { pin: '730518' },
    }),
    expected: device(409),
  },
  'PUT /api/v1/lead-pin': {
    request: (t, who) => ({
      method: 'PUT',
      url: `/api/v1/lead-pin${scope(t, who, '?')}`,
      payload: { pin: TEST_LEAD_PIN },
    }),
    expected: lead(200),
  },
  'POST /api/v1/lead-sessions': {
    request: () => ({ method: 'POST', url: '/api/v1/lead-sessions', payload: { pin: TEST_LEAD_PIN } }),
    // A tablet's: an admin has no PIN pad.
    expected: { ...device(201), admin: 403 },
  },
  'DELETE /api/v1/lead-sessions/current': {
    request: () => ({ method: 'DELETE', url: '/api/v1/lead-sessions/current' }),
    expected: { ...admin(204), lead: 204, admin: 403 },
  },
  'POST /api/v1/vehicle-checks/batch': {
    request: (t) => ({ method: 'POST', url: '/api/v1/vehicle-checks/batch', payload: { checks: [t.ownCheck()] } }),
    expected: device(200),
  },
  'GET /api/v1/vehicle-checks': { request: get('/api/v1/vehicle-checks'), expected: lead(200) },
  'GET /api/v1/tallies/daily': {
    request: (t, who) => get(`/api/v1/tallies/daily?date=${DAY}${scope(t, who, '&')}`)(),
    expected: device(200),
  },
  'GET /api/v1/tallies/daily.csv': {
    request: (t, who) => get(`/api/v1/tallies/daily.csv?date=${DAY}${scope(t, who, '&')}`)(),
    expected: device(200),
  },
  'GET /api/v1/tallies/daily.xlsx': {
    request: (t, who) => get(`/api/v1/tallies/daily.xlsx?date=${DAY}${scope(t, who, '&')}`)(),
    expected: device(200),
  },
  'GET /api/v1/tallies/region': { request: get(`/api/v1/tallies/region?date=${DAY}`), expected: admin(200) },
  'GET /api/v1/tallies/region.csv': { request: get(`/api/v1/tallies/region.csv?date=${DAY}`), expected: admin(200) },
  'GET /api/v1/tallies/region.xlsx': { request: get(`/api/v1/tallies/region.xlsx?date=${DAY}`), expected: admin(200) },
  'GET /api/v1/handoffs': {
    request: (t, who) => get(`/api/v1/handoffs?date=${DAY}${scope(t, who, '&')}`)(),
    expected: lead(200),
  },
  'GET /api/v1/handoffs.csv': {
    request: (t, who) => get(`/api/v1/handoffs.csv?date=${DAY}${scope(t, who, '&')}`)(),
    expected: lead(200),
  },
  'GET /api/v1/handoffs.xlsx': {
    request: (t, who) => get(`/api/v1/handoffs.xlsx?date=${DAY}${scope(t, who, '&')}`)(),
    expected: lead(200),
  },
  'GET /api/v1/handoffs/region': { request: get(`/api/v1/handoffs/region?date=${DAY}`), expected: admin(200) },
  'GET /api/v1/handoffs/region.csv': { request: get(`/api/v1/handoffs/region.csv?date=${DAY}`), expected: admin(200) },
  'GET /api/v1/handoffs/region.xlsx': {
    request: get(`/api/v1/handoffs/region.xlsx?date=${DAY}`),
    expected: admin(200),
  },
  'GET /ca.crt': { request: get('/ca.crt'), expected: anyone(200) },
  // The PWA's files, served beside the API as in production.
  'GET /*': { request: get('/index.html'), expected: anyone(200) },
  'GET /api/docs': { request: get('/api/docs'), expected: anyone(200) },
  'GET /api/docs/json': { request: get('/api/docs/json'), expected: anyone(200) },
  'GET /api/docs/yaml': { request: get('/api/docs/yaml'), expected: anyone(200) },
  // The page lives at /api/docs; its old address sends there.
  'GET /api/docs/static/index.html': { request: get('/api/docs/static/index.html'), expected: anyone(302) },
  'GET /api/docs/static/swagger-initializer.js': {
    request: get('/api/docs/static/swagger-initializer.js'),
    expected: anyone(200),
  },
  'GET /api/docs/static/*': { request: get('/api/docs/static/swagger-ui.css'), expected: anyone(200) },
};

describe.each(STORE_KINDS)('access table (%s)', (kind) => {
  let opened: OpenedTestStore;
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'kakou-access-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>卡口</title>');
    opened = await openTestStore(kind);
    t = await openTestApp(opened.store, {
      distDir: dist,
      authorityCertificatePem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
    });
    await t.app.ready();
  });
  afterAll(async () => {
    await t.close();
    await opened.dispose();
    rmSync(dist, { recursive: true, force: true });
  });

  /**
   * A fresh token of this caller for one request (a request may end a lead's sessions or change the PIN): a lead
   * session left to expire, one ended by a PIN change (to the same PIN, so the next sessions can be bought with it),
   * a valid one; the device's and the admin's tokens. Only the caller's is made: each lead session costs a PIN hash.
   */
  async function tokenOf(who: Who): Promise<Record<string, string>> {
    switch (who) {
      case 'none':
        return {};
      case 'device':
        return t.device.headers;
      case 'admin':
        return t.admin.headers;
      case 'lead':
        return (await t.leadSession()).headers;
      case 'leadExpired': {
        const expired = await t.leadSession();
        opened.clock.advance(LEAD_SESSION_TTL_MS);
        return expired.headers;
      }
      case 'leadRevoked': {
        const revoked = await t.leadSession();
        const samePin = await hashLeadPin(TEST_LEAD_PIN, TEST_LEAD_PIN_ITERATIONS);
        await t.store.leadPins.replace(t.checkpointId, samePin, { setBy: 'admin', deviceId: null });
        return revoked.headers;
      }
    }
  }

  it('has a row for every route the app serves, and none for a route it does not', () => {
    const served = servedRoutes(t.app).map((route) => `${route.method} ${route.url}`);
    expect([...served].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s', async (_route, { request, expected }) => {
    const answered = {} as Statuses;
    for (const who of WHO) {
      const headers = await tokenOf(who);
      const response = await t.inject({ ...(await request(t, who)), headers });
      answered[who] = response.statusCode;
      if (response.statusCode === 401 || response.statusCode === 403) {
        expect(response.headers['content-type'], `${who}: a problem`).toMatch(/^application\/problem\+json/u);
      }
      if (who === 'device' && response.statusCode === 403 && expected.lead < 400 && expected.admin < 400) {
        expect(response.json<{ detail: string }>().detail, 'a device alone is told why').toMatch(/lead must unlock/u);
      }
    }
    expect(answered).toEqual(expected);
  });
});
