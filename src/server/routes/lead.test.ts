// The lead through HTTP, on SQLite and PostgreSQL: the first PIN from a tablet (or the hash it already keeps), the PIN
// every tablet fetches to verify offline, lead sessions and the limit on wrong PINs, and a change that ends sessions.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LEAD_PIN_MIN_ITERATIONS, type CheckpointLeadPin } from '../../domain/lead-pin.ts';
import { buildApp } from '../app.ts';
import { hashLeadPin, leadPinMatches } from '../store/lead-pin-hash.ts';
import { LEAD_PIN_ATTEMPT_WINDOW_MS, LEAD_SESSION_TTL_MS } from '../store/lead-session-repository.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import {
  openTestApp,
  TEST_LEAD_PIN,
  TEST_LEAD_PIN_ITERATIONS,
  type TestApp,
} from '../../../tests/support/server/app.ts';

const PIN_URL = '/api/v1/lead-pin';
const SESSIONS_URL = '/api/v1/lead-sessions';
const NEW_PIN = '730518';

forEachStore('lead routes', ({ store, clock }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const pinOf = async (headers: { authorization: string }) => {
    const response = await t.inject({ method: 'GET', url: PIN_URL, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.json<CheckpointLeadPin>();
  };
  const unlock = (pin: string, headers = t.device.headers) =>
    t.inject({ method: 'POST', url: SESSIONS_URL, headers, payload: { pin } });

  it("takes the first lead's PIN from a tablet and hands its hash to every tablet of the checkpoint", async () => {
    expect(await pinOf(t.device.headers)).toEqual({
      checkpointId: t.checkpointId,
      version: 0,
      setAt: null,
      setBy: null,
      hash: null,
    });
    const set = await t.inject({
      method: 'POST',
      url: PIN_URL,
      headers: t.device.headers,
      payload: { pin: TEST_LEAD_PIN },
    });
    expect(set.statusCode).toBe(201);
    expect(set.body).not.toContain(TEST_LEAD_PIN);

    const other = await t.enrollDevice();
    const fetched = await pinOf(other.headers);
    expect(fetched).toMatchObject({ version: 1, setBy: 'tablet', setAt: '2026-11-28T00:00:00.000Z' });
    expect(fetched).toEqual(set.json());
    // What the other tablet will verify offline: the PIN matches, another does not.
    expect(fetched.hash && (await leadPinMatches(TEST_LEAD_PIN, fetched.hash))).toBe(true);
    expect(fetched.hash && (await leadPinMatches(NEW_PIN, fetched.hash))).toBe(false);

    // The second tablet's first lead comes too late: the checkpoint's PIN stands.
    const late = await t.inject({ method: 'POST', url: PIN_URL, headers: other.headers, payload: { pin: NEW_PIN } });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ currentVersion: number }>().currentVersion).toBe(1);
    expect((await pinOf(other.headers)).hash).toEqual(fetched.hash);
  });

  it('keeps the hash a tablet set before as it is, if it is slow enough; refuses a weak PIN in words', async () => {
    const weak = await t.inject({
      method: 'POST',
      url: PIN_URL,
      headers: t.device.headers,
      payload: { pin: '123456' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ detail: string }>().detail).toMatch(/run of digits/u);
    const short = await t.inject({ method: 'POST', url: PIN_URL, headers: t.device.headers, payload: { pin: '4829' } });
    expect(short.statusCode).toBe(400);

    const fast = await hashLeadPin(TEST_LEAD_PIN, TEST_LEAD_PIN_ITERATIONS);
    const tooFast = await t.inject({
      method: 'POST',
      url: PIN_URL,
      headers: t.device.headers,
      payload: { hash: fast },
    });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json<{ detail: string }>().detail).toMatch(/iterations/u);

    const slow = await hashLeadPin(TEST_LEAD_PIN, LEAD_PIN_MIN_ITERATIONS);
    const kept = await t.inject({ method: 'POST', url: PIN_URL, headers: t.device.headers, payload: { hash: slow } });
    expect(kept.statusCode).toBe(201);
    expect((await pinOf(t.device.headers)).hash).toEqual(slow);
    // The PIN behind it opens a lead session: the same record works offline and online.
    expect((await unlock(TEST_LEAD_PIN)).statusCode).toBe(201);
  });

  it('hashes a PIN it is given with at least 600,000 PBKDF2 rounds by default', async () => {
    const app = await buildApp({ store: store(), version: 'test' });
    try {
      const response = await app.inject({
        method: 'POST',
        url: PIN_URL,
        headers: t.device.headers,
        payload: { pin: TEST_LEAD_PIN },
      });
      expect(response.statusCode).toBe(201);
      const { hash } = response.json<CheckpointLeadPin>();
      expect(hash?.algorithm).toBe('PBKDF2-SHA-256');
      expect(hash?.iterations).toBeGreaterThanOrEqual(600_000);
    } finally {
      await app.close();
    }
  });

  it('answers 409 to an unlock while the checkpoint has no PIN', async () => {
    const response = await unlock(TEST_LEAD_PIN);
    expect(response.statusCode).toBe(409);
    expect(response.json<{ detail: string }>().detail).toMatch(/no lead PIN/u);
  });

  it('buys a 15-minute lead token with the right PIN, stored hashed, that opens the lead’s routes', async () => {
    await t.leadSession();
    const response = await unlock(TEST_LEAD_PIN);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { token, expiresAt } = response.json<{ token: string; expiresAt: string }>();
    expect(expiresAt).toBe(new Date(Date.parse('2026-11-28T00:00:00Z') + LEAD_SESSION_TTL_MS).toISOString());
    const rows = await t.store.db.selectFrom('lead_sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);

    const headers = { authorization: `Bearer ${token}` };
    const list = () => t.inject({ method: 'GET', url: '/api/v1/handoffs?date=2026-11-28', headers });
    expect((await list()).statusCode).toBe(200);
    clock().advance(LEAD_SESSION_TTL_MS);
    const expired = await list();
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ detail: string }>().detail).toMatch(/expired: the lead unlocks again/u);
  });

  it('answers 403 to 5 wrong PINs with the tries left, then 429 with Retry-After, even for the right PIN', async () => {
    await t.leadSession();
    const other = await t.enrollDevice();
    const left: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const wrong = await unlock('111222');
      expect(wrong.statusCode).toBe(403);
      left.push(wrong.json<{ attemptsLeft: number }>().attemptsLeft);
      clock().advance(60_000);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const refused = await unlock(TEST_LEAD_PIN);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(Number(refused.headers['retry-after'])).toBe((LEAD_PIN_ATTEMPT_WINDOW_MS - 5 * 60_000) / 1000);
    // Another tablet of the checkpoint is not held back.
    expect((await unlock(TEST_LEAD_PIN, other.headers)).statusCode).toBe(201);

    clock().advance(LEAD_PIN_ATTEMPT_WINDOW_MS - 5 * 60_000);
    expect((await unlock(TEST_LEAD_PIN)).statusCode).toBe(201);
  });

  it('lets a lead change the PIN: every lead session ends, the new PIN opens, every tablet fetches it', async () => {
    const lead = await t.leadSession();
    const elsewhere = await t.leadSession(await t.enrollDevice());
    const change = (pin: string, headers: { authorization: string }, query = '') =>
      t.inject({ method: 'PUT', url: `${PIN_URL}${query}`, headers, payload: { pin } });

    const device = await change(NEW_PIN, t.device.headers);
    expect(device.statusCode).toBe(403);
    expect(device.json<{ detail: string }>().detail).toMatch(/lead must unlock/u);
    expect((await change('000000', lead.headers)).statusCode).toBe(400);

    const changed = await change(NEW_PIN, lead.headers);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<CheckpointLeadPin>()).toMatchObject({ version: 2, setBy: 'lead' });
    for (const ended of [lead, elsewhere]) {
      const response = await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: ended.headers });
      expect(response.statusCode).toBe(401);
    }
    expect((await unlock(TEST_LEAD_PIN)).statusCode).toBe(403);
    expect((await unlock(NEW_PIN)).statusCode).toBe(201);
    expect((await pinOf(t.device.headers)).version).toBe(2);

    // An admin names the checkpoint.
    expect((await change(TEST_LEAD_PIN, t.admin.headers)).statusCode).toBe(400);
    const byAdmin = await change(TEST_LEAD_PIN, t.admin.headers, `?checkpointId=${t.checkpointId}`);
    expect(byAdmin.json<CheckpointLeadPin>()).toMatchObject({ version: 3, setBy: 'admin' });
  });

  it('ends a lead session when the lead locks the tablet; the device token goes on working', async () => {
    const lead = await t.leadSession();
    const ended = await t.inject({ method: 'DELETE', url: `${SESSIONS_URL}/current`, headers: lead.headers });
    expect(ended.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/api/v1/handoffs?date=2026-11-28', headers: lead.headers });
    expect(after.statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/v1/policy', headers: t.device.headers })).statusCode).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths[PIN_URL] ?? {}).sort()).toEqual(['get', 'post', 'put']);
    expect(Object.keys(doc.paths[SESSIONS_URL] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths[`${SESSIONS_URL}/current`] ?? {})).toEqual(['delete']);
  });
});
