// Scopes enforced by the server, on SQLite and PostgreSQL: a city's admin reads and manages its city's checkpoints
// and gets 403 for any other, on every route that names a checkpoint; only an admin of every checkpoint publishes the
// policy, and the versions say who published each.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AdminScope } from '../../domain/admin-scope.ts';
import { DEFAULT_POLICY, type Policy } from '../../domain/policy.ts';
import { ADMIN_TOKEN_ACTOR, WHOLE_SCOPE_ONLY } from '../plugins/auth.ts';
import type { Checkpoint } from '../store/checkpoint-repository.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';

const DAY = '2026-11-28';
/** A type, not an interface: inject's headers want an index signature, which only a type literal gives. */
type AuthHeaders = Record<'authorization', string>;

forEachStore('admin scopes', ({ store }) => {
  let t: TestApp;
  let changsha: Checkpoint;
  let changshaTablet: TestDevice;
  beforeEach(async () => {
    t = await openTestApp(store());
    changsha = (await t.store.checkpoints.create({ name: '长沙西', province: '湖南', city: '长沙' })).checkpoint;
    changshaTablet = await t.enrollDevice(changsha.id);
  });
  afterEach(async () => {
    await t.close();
  });

  /** A signed-in admin of `scope`, named `username`. */
  async function adminOf(username: string, scope: AdminScope): Promise<AuthHeaders> {
    const account = await t.store.adminAccounts.create({ username, password: 'correct horse battery', scope });
    const { token } = await t.store.adminSessions.create(account.adminId);
    return { authorization: `Bearer ${token}` };
  }
  const loudiAdmin = () => adminOf('loudi', { kind: 'city', province: '湖南', city: '娄底' });

  /** Each request naming a checkpoint, as a function of the checkpoint's id (and its tablet, for revoking one). */
  const scopedRequests = (id: string, tablet: TestDevice) => ({
    'GET /api/v1/tallies/daily': {
      method: 'GET' as const,
      url: `/api/v1/tallies/daily?date=${DAY}&checkpointId=${id}`,
    },
    'GET /api/v1/tallies/daily.csv': {
      method: 'GET' as const,
      url: `/api/v1/tallies/daily.csv?date=${DAY}&checkpointId=${id}`,
    },
    'GET /api/v1/handoffs': { method: 'GET' as const, url: `/api/v1/handoffs?date=${DAY}&checkpointId=${id}` },
    'GET /api/v1/vehicle-checks': { method: 'GET' as const, url: `/api/v1/vehicle-checks?checkpointId=${id}` },
    'GET /api/v1/devices': { method: 'GET' as const, url: `/api/v1/devices?checkpointId=${id}` },
    'GET /api/v1/checkpoint-config': { method: 'GET' as const, url: `/api/v1/checkpoint-config?checkpointId=${id}` },
    'PUT /api/v1/checkpoint-config': {
      method: 'PUT' as const,
      url: `/api/v1/checkpoint-config?checkpointId=${id}`,
      payload: {
        teams: ['一班', '二班'],
        shifts: [{ name: '全天', start: '08:00' }],
        rotationAnchor: '2026-11-01',
        baseVersion: 0,
      },
    },
    'DELETE /api/v1/devices/:deviceId': { method: 'DELETE' as const, url: `/api/v1/devices/${tablet.deviceId}` },
  });

  it('gives a city’s admin 403 for a checkpoint outside its city on every route that names one, changing nothing', async () => {
    const loudi = await loudiAdmin();
    for (const [route, request] of Object.entries(scopedRequests(changsha.id, changshaTablet))) {
      const response = await t.inject({ ...request, headers: loudi });
      expect(response.statusCode, route).toBe(403);
      expect(response.headers['content-type'], route).toMatch(/^application\/problem\+json/u);
      expect(response.json<{ detail: string }>().detail, route).toMatch(/outside this admin's scope/u);
    }
    // The other city's tablet still syncs, and its configuration is as it was.
    const policy = await t.inject({ method: 'GET', url: '/api/v1/policy', headers: changshaTablet.headers });
    expect(policy.statusCode).toBe(200);
    expect((await t.store.checkpointConfigs.get(changsha.id)).version).toBe(0);
    expect((await t.store.devices.get(changshaTablet.deviceId))?.revokedAt).toBeNull();
  });

  it('lets the same admin do each of these for a checkpoint of its own city', async () => {
    const loudi = await loudiAdmin();
    for (const [route, request] of Object.entries(scopedRequests(t.checkpointId, t.device))) {
      const response = await t.inject({ ...request, headers: loudi });
      expect(response.statusCode, route).toBe(route.startsWith('DELETE') ? 204 : 200);
    }
    // A province's admin reaches the other city too.
    const hunan = await adminOf('hunan', { kind: 'province', province: '湖南' });
    for (const [route, request] of Object.entries(scopedRequests(changsha.id, changshaTablet))) {
      const response = await t.inject({ ...request, headers: hunan });
      expect(response.statusCode, route).toBe(route.startsWith('DELETE') ? 204 : 200);
    }
  });

  it('asks a scoped admin to name the checkpoint of the checks it pages through', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: await loudiAdmin() });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(/checkpointId/u);
    // An admin token pages through every checkpoint's at once, as before.
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: t.admin.headers })).statusCode,
    ).toBe(200);
  });

  it('leaves uploading checks to tablets and admin tokens: a city’s admin session gets 403 and nothing is stored', async () => {
    const check = t.ownCheck();
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: await loudiAdmin(),
      payload: { checks: [check] },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ detail: string }>().detail).toBe(WHOLE_SCOPE_ONLY);
    const page = await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: t.admin.headers });
    expect(page.json<{ checks: unknown[] }>().checks).toEqual([]);
  });

  /** What an admin sends: a policy without its version (the next one is taken). */
  const draft = (feverThresholdC: number): Partial<Policy> => {
    const body: Partial<Policy> = { ...DEFAULT_POLICY, feverThresholdC, effectiveFrom: '2026-11-01T00:00:00+08:00' };
    delete body.version;
    return body;
  };
  const publish = (headers: AuthHeaders, feverThresholdC: number) =>
    t.inject({ method: 'PUT', url: '/api/v1/policy', headers, payload: draft(feverThresholdC) });
  const versions = async (headers: AuthHeaders) => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/policy/versions', headers });
    expect(response.statusCode).toBe(200);
    return response.json<
      { version: number; effectiveFrom: string; publishedAt: string; publishedBy: string | null }[]
    >();
  };

  it('lets only an admin of every checkpoint publish the policy, and names who published each version', async () => {
    const loudi = await loudiAdmin();
    for (const headers of [loudi, await adminOf('hunan', { kind: 'province', province: '湖南' })]) {
      const refused = await publish(headers, 37.0);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ detail: string }>().detail).toBe(WHOLE_SCOPE_ONLY);
    }
    const command = await adminOf('command', { kind: 'all' });
    expect((await publish(command, 37.0)).statusCode).toBe(201);
    expect((await publish(t.admin.headers, 37.2)).statusCode).toBe(201);
    expect(await versions(command)).toEqual([
      {
        version: 3,
        effectiveFrom: '2026-11-01T00:00:00+08:00',
        publishedAt: '2026-11-28T00:00:00.000Z',
        publishedBy: ADMIN_TOKEN_ACTOR,
      },
      {
        version: 2,
        effectiveFrom: '2026-11-01T00:00:00+08:00',
        publishedAt: '2026-11-28T00:00:00.000Z',
        publishedBy: 'command',
      },
      {
        version: 1,
        effectiveFrom: DEFAULT_POLICY.effectiveFrom,
        publishedAt: expect.any(String) as string,
        publishedBy: null,
      },
    ]);
    // The version 3 in effect is the admin token's; every tablet reads the same list.
    const current = await t.inject({ method: 'GET', url: '/api/v1/policy', headers: changshaTablet.headers });
    expect(current.json<Policy>()).toMatchObject({ version: 3, feverThresholdC: 37.2 });
    expect((await versions(changshaTablet.headers)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await versions(loudi)).map((v) => v.version)).toEqual([3, 2, 1]);
  });
});
