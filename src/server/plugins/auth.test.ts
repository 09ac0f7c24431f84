// Bearer tokens through HTTP: who may call what, on SQLite and PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

forEachStore('auth', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const expectUnauthorized = async (headers: Record<string, string>) => {
    for (const [method, url] of [
      ['GET', '/api/v1/policy'],
      ['GET', '/api/v1/vehicle-checks'],
      ['POST', '/api/v1/vehicle-checks/batch'],
    ] as const) {
      const response = await t.inject({
        method,
        url,
        headers,
        ...(method === 'POST' ? { payload: { checks: [{}] } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  };

  it('answers 401 without a token', async () => {
    await expectUnauthorized({});
  });

  it('answers 401 for a garbage token or another scheme', async () => {
    await expectUnauthorized({ authorization: 'Bearer not-a-token' });
    await expectUnauthorized({ authorization: `Basic ${t.device.token}` });
  });

  it('answers 401 for a revoked device token and a revoked admin token', async () => {
    await t.store.devices.revoke(t.device.deviceId);
    await expectUnauthorized(t.device.headers);
    const { id, token } = await t.store.adminTokens.create();
    await t.store.adminTokens.revoke(id);
    await expectUnauthorized({ authorization: `Bearer ${token}` });
  });

  it('answers 403 to a device on admin-only routes, and lets the admin through', async () => {
    const device = await t.inject({ method: 'PUT', url: '/api/v1/policy', headers: t.device.headers, payload: {} });
    expect(device.statusCode).toBe(403);
    const admin = await t.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${t.device.deviceId}`,
      headers: t.admin.headers,
    });
    expect(admin.statusCode).toBe(204);
  });

  it('needs no token for health', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
