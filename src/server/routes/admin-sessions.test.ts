// Admin sign-in through HTTP, on SQLite and PostgreSQL: a username and password buy an 8-hour token that acts as an
// admin within the account's scope; wrong passwords are told apart from nothing and limited; signing out ends it.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ADMIN_ATTEMPT_WINDOW_MS, ADMIN_SESSION_TTL_MS } from '../store/admin-session-repository.ts';
import { SIGN_IN_BODY_LIMIT_BYTES, WRONG_CREDENTIALS } from './admin-sessions.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

const URL = '/api/v1/sessions';
const PASSWORD = 'correct horse battery';
const LOUDI_SCOPE = { kind: 'city', province: '湖南', city: '娄底' } as const;

interface SignedIn {
  token: string;
  expiresAt: string;
  username: string;
  scope: unknown;
}

forEachStore('admin session routes', ({ store, clock }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
    await t.store.adminAccounts.create({ username: 'loudi', password: PASSWORD, scope: LOUDI_SCOPE });
  });
  afterEach(async () => {
    await t.close();
  });

  const signIn = (username: string, password: string, remoteAddress = '10.0.0.7') =>
    t.inject({ method: 'POST', url: URL, payload: { username, password }, remoteAddress });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const detailOf = (response: LightMyRequestResponse) => response.json<{ detail: string }>().detail;

  async function signedIn(username = 'loudi'): Promise<SignedIn> {
    const response = await signIn(username, PASSWORD);
    expect(response.statusCode).toBe(201);
    return response.json<SignedIn>();
  }

  it('answers the right password with an 8-hour token, its username and scope, under any case of the name', async () => {
    const response = await signIn('LouDi', PASSWORD);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const session = response.json<SignedIn>();
    expect(session).toEqual({
      token: expect.any(String) as string,
      expiresAt: new Date(clock().now() + ADMIN_SESSION_TTL_MS).toISOString(),
      username: 'loudi',
      scope: LOUDI_SCOPE,
    });
    expect(session.token.length).toBeGreaterThanOrEqual(40);
  });

  it('lets the token act as an admin within its scope: its city’s checkpoints, reports and tablets', async () => {
    const { token } = await signedIn();
    const headers = bearer(token);
    const listed = await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ id: string }[]>().map((c) => c.id)).toEqual([t.checkpointId]);
    const tally = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily?date=2026-11-28&checkpointId=${t.checkpointId}`,
      headers,
    });
    expect(tally.statusCode).toBe(200);
    const devices = await t.inject({ method: 'GET', url: `/api/v1/devices?checkpointId=${t.checkpointId}`, headers });
    expect(devices.json<{ deviceId: string }[]>().map((d) => d.deviceId)).toEqual([t.device.deviceId]);
    // A lead's route too, as an admin token may.
    const handoffs = await t.inject({
      method: 'GET',
      url: `/api/v1/handoffs?date=2026-11-28&checkpointId=${t.checkpointId}`,
      headers,
    });
    expect(handoffs.statusCode).toBe(200);
  });

  it('answers a wrong password, an unknown username and a disabled account with the same 401 words', async () => {
    const wrong = await signIn('loudi', 'not the password');
    const unknown = await signIn('nobody', PASSWORD);
    await t.store.adminAccounts.create({ username: 'gone', password: PASSWORD, scope: { kind: 'all' } });
    await t.store.adminAccounts.disable('gone');
    const disabled = await signIn('gone', PASSWORD);
    for (const response of [wrong, unknown, disabled]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
      expect(detailOf(response)).toBe(WRONG_CREDENTIALS);
      expect(response.body).not.toContain('token');
    }
  });

  it('refuses a sixth wrong password for a username with 429 and Retry-After, the right one too, until the window frees', async () => {
    for (let i = 0; i < 5; i += 1) {
      // From different addresses: the username's count holds whoever tries.
      expect((await signIn('loudi', `wrong password ${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    }
    const limited = await signIn('loudi', 'wrong password 5');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe(String(ADMIN_ATTEMPT_WINDOW_MS / 1000));
    expect(detailOf(limited)).toMatch(/Too many wrong passwords for this username; try again in 900 s/u);
    const right = await signIn('LOUDI', PASSWORD);
    expect(right.statusCode).toBe(429);

    // Another account from the same address is not held back.
    await t.store.adminAccounts.create({ username: 'hunan', password: PASSWORD, scope: { kind: 'all' } });
    expect((await signIn('hunan', PASSWORD)).statusCode).toBe(201);

    clock().advance(10 * 60_000);
    expect((await signIn('loudi', PASSWORD)).headers['retry-after']).toBe(String(5 * 60));
    clock().advance(5 * 60_000);
    expect((await signIn('loudi', PASSWORD)).statusCode).toBe(201);
  });

  it('refuses an address that tried 20 wrong passwords, whatever the usernames, and no other address', async () => {
    for (let i = 0; i < 20; i += 1) expect((await signIn(`guess${i}`, PASSWORD, '10.6.6.6')).statusCode).toBe(401);
    const limited = await signIn('loudi', PASSWORD, '10.6.6.6');
    expect(limited.statusCode).toBe(429);
    expect(detailOf(limited)).toMatch(/for this address/u);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn('loudi', PASSWORD, '10.0.0.8')).statusCode).toBe(201);
  });

  it('signs out: the token then gets 401, and another session of the account goes on', async () => {
    const { token } = await signedIn();
    const other = await signedIn();
    const out = await t.inject({ method: 'DELETE', url: `${URL}/current`, headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toBe('Bearer');
    expect((await t.inject({ method: 'DELETE', url: `${URL}/current`, headers: bearer(token) })).statusCode).toBe(401);
    const still = await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: bearer(other.token) });
    expect(still.statusCode).toBe(200);
  });

  it('signs out only an admin session: a device or an admin token is told so, and keeps working', async () => {
    for (const headers of [t.device.headers, t.admin.headers]) {
      const refused = await t.inject({ method: 'DELETE', url: `${URL}/current`, headers });
      expect(refused.statusCode).toBe(403);
      expect(detailOf(refused)).toMatch(/no admin session/u);
      expect((await t.inject({ method: 'GET', url: '/api/v1/policy', headers })).statusCode).toBe(200);
    }
    expect((await t.inject({ method: 'DELETE', url: `${URL}/current` })).statusCode).toBe(401);
  });

  it('answers a session past its 8 hours with 401 saying it expired and to sign in again', async () => {
    const { token } = await signedIn();
    clock().advance(ADMIN_SESSION_TTL_MS - 1);
    expect((await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: bearer(token) })).statusCode).toBe(
      200,
    );
    clock().advance(1);
    const expired = await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: bearer(token) });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer');
    expect(detailOf(expired)).toMatch(/admin session has expired \(8 hours\): sign in again/u);
  });

  it('ends the sessions of an account whose password is reset or that is disabled', async () => {
    const { token } = await signedIn();
    await t.store.adminAccounts.resetPassword('loudi', 'staple 2026 lanterns');
    expect((await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: bearer(token) })).statusCode).toBe(
      401,
    );
    const again = await signIn('loudi', 'staple 2026 lanterns');
    expect(again.statusCode).toBe(201);
    await t.store.adminAccounts.disable('loudi');
    const headers = bearer(again.json<SignedIn>().token);
    expect((await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers })).statusCode).toBe(401);
  });

  it('answers hostile sign-ins with a 4xx problem, never a 5xx', async () => {
    const cases: { payload: unknown; status: number }[] = [
      { payload: { username: 'lou\u0000di', password: PASSWORD }, status: 400 },
      { payload: { username: 'lou\u202edi', password: PASSWORD }, status: 400 },
      { payload: { username: 'lou\ud800di', password: PASSWORD }, status: 400 },
      { payload: { username: 'x'.repeat(65), password: PASSWORD }, status: 400 },
      { payload: { username: 'loudi', password: 'p'.repeat(2000) }, status: 400 },
      { payload: { username: 'loudi', password: '' }, status: 400 },
      { payload: { username: 'loudi' }, status: 400 },
      { payload: { username: ['loudi'], password: PASSWORD }, status: 400 },
      { payload: 'loudi:password', status: 400 },
      { payload: { username: 'loudi', password: 'p'.repeat(SIGN_IN_BODY_LIMIT_BYTES) }, status: 413 },
      // Text a password may hold is only hashed, never stored: a wrong one, not a failure.
      { payload: { username: 'loudi', password: 'nul\u0000 and \ud800 half' }, status: 401 },
    ];
    for (const { payload, status } of cases) {
      const response = await t.inject({
        method: 'POST',
        url: URL,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
      const what = JSON.stringify(payload).slice(0, 80);
      expect(response.statusCode, what).toBe(status);
      expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/u);
    }
  });
});
