// Policy endpoints through HTTP, and checks judged under the version they name, on SQLite and PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import { DEFAULT_POLICY, type Policy } from '../../domain/policy.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

forEachStore('policy routes', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  // A draft: what an admin sends, without a version.
  const stricter: Omit<Policy, 'version'> & { version?: number } = {
    ...DEFAULT_POLICY,
    feverThresholdC: 37.0,
    effectiveFrom: '2026-11-01T00:00:00+08:00',
  };
  delete stricter.version;
  const publish = (body: object, headers = t.admin.headers) =>
    t.inject({ method: 'PUT', url: '/api/v1/policy', headers, payload: body });

  it('serves the current policy and any published version to a device', async () => {
    const current = await t.inject({ method: 'GET', url: '/api/v1/policy', headers: t.device.headers });
    expect(current.statusCode).toBe(200);
    expect(current.json<Policy>()).toEqual(DEFAULT_POLICY);
    const v1 = await t.inject({ method: 'GET', url: '/api/v1/policy/1', headers: t.device.headers });
    expect(v1.json<Policy>()).toEqual(DEFAULT_POLICY);
  });

  it('answers 404 for a version that was never published', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/policy/99', headers: t.device.headers });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ detail: string }>().detail).toMatch(/99/u);
  });

  it('lets an admin publish the next version, which becomes current once in effect', async () => {
    const response = await publish(stricter);
    expect(response.statusCode).toBe(201);
    expect(response.headers['location']).toBe('/api/v1/policy/2');
    expect(response.json<Policy>()).toEqual({ ...stricter, version: 2 });
    const current = await t.inject({ method: 'GET', url: '/api/v1/policy', headers: t.device.headers });
    expect(current.json<Policy>().version).toBe(2);
  });

  it('answers 409 when the given version is not the next one', async () => {
    const response = await publish({ ...stricter, version: 5 });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ detail: string }>().detail).toMatch(/next version is 2/u);
  });

  it('refuses a policy that breaks its own rules, naming the field', async () => {
    const broken = {
      ...stricter,
      allowedDispositions: { ...stricter.allowedDispositions, car: ['release'] },
    };
    const response = await publish(broken);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(/recommendations\.car\./u);
  });

  it('judges each check under the policy version it names', async () => {
    expect((await publish(stricter)).statusCode).toBe(201);
    const warm = (policyVersion: number): VehicleCheck =>
      makeServerCheck({
        checkpointId: t.checkpointId,
        deviceId: t.device.deviceId,
        policyVersion,
        persons: [makeServerPerson({ temperatures: [37.1] })],
      });
    const underV1 = warm(1);
    const underV2 = warm(2);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: t.device.headers,
      payload: { checks: [underV1, underV2] },
    });
    expect(response.json<{ results: BatchResult[] }>().results.map((r) => r.status)).toEqual(['created', 'created']);
    const { checks } = await t.store.vehicleChecks.list({ checkpointId: t.checkpointId, limit: 10 });
    const flagsOf = (id: string) => checks.find((c) => c.check.id === id)?.serverFlags;
    expect(flagsOf(underV1.id)).toEqual([[]]);
    expect(flagsOf(underV2.id)).toEqual([['fever']]);
  });
});
