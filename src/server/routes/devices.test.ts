// Enrollment and revocation through HTTP, on SQLite and PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { ENROLLMENT_BODY_LIMIT_BYTES } from './devices.ts';

const WRONG_CODES_ALLOWED = 3;

forEachStore('device routes', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store(), { enrollmentRateLimit: { max: WRONG_CODES_ALLOWED, timeWindowMs: 60_000 } });
  });
  afterEach(async () => {
    await t.close();
  });

  const enroll = (enrollmentCode: string, remoteAddress = '10.0.0.7') =>
    t.inject({ method: 'POST', url: '/api/v1/devices', payload: { enrollmentCode, name: 'tablet 3' }, remoteAddress });

  it('names the county the checkpoint stands in, once an admin has named it: where the tablets’ picker starts', async () => {
    await t.store.checkpoints.setCountyCode(t.checkpointId, '431321');
    const response = await enroll(t.enrollmentCode);
    expect(response.json<{ checkpoint: { countyCode: string | null } }>().checkpoint.countyCode).toBe('431321');
  });

  it('enrolls a device with its checkpoint code: 201 with a token that works', async () => {
    const response = await enroll(t.enrollmentCode);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ deviceId: string; token: string; checkpoint: Record<string, string | null> }>();
    expect(body.checkpoint).toEqual({
      id: t.checkpointId,
      name: '娄底东',
      province: '湖南',
      city: '娄底',
      timezone: 'Asia/Shanghai',
      countyCode: null,
    });
    expect(body.token.length).toBeGreaterThanOrEqual(40);
    const policy = await t.inject({
      method: 'GET',
      url: '/api/v1/policy',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(policy.statusCode).toBe(200);
    expect((await t.store.devices.get(body.deviceId))?.checkpointId).toBe(t.checkpointId);
  });

  it('accepts the code as an officer types it: lower case, without dashes', async () => {
    const typed = t.enrollmentCode.toLowerCase().replaceAll('-', ' ');
    expect((await enroll(typed)).statusCode).toBe(201);
  });

  it('refuses a wrong or rotated code with a problem, and enrolls nothing', async () => {
    const wrong = await enroll('K7QX-4MZP-ABCD-EFGH-JKLM');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(wrong.json<{ status: number; detail: string }>()).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/enrollment code/u) as unknown,
    });
    await t.store.checkpoints.rotateEnrollmentCode(t.checkpointId);
    expect((await enroll(t.enrollmentCode)).statusCode).toBe(403);
  });

  it(`answers 429 after ${WRONG_CODES_ALLOWED} wrong codes from one address, even for the right code, but not for other addresses`, async () => {
    for (let i = 0; i < WRONG_CODES_ALLOWED; i += 1) expect((await enroll(`WRONG-CODE-${i}`)).statusCode).toBe(403);
    const limited = await enroll(t.enrollmentCode);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await enroll(t.enrollmentCode, '10.0.0.8')).statusCode).toBe(201);
  });

  it('does not count successful enrollments against the limit', async () => {
    for (let i = 0; i < WRONG_CODES_ALLOWED + 2; i += 1) expect((await enroll(t.enrollmentCode)).statusCode).toBe(201);
  });

  it('refuses a request without the code or name with a 400 naming the field', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/devices',
      payload: { enrollmentCode: t.enrollmentCode },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(/body\.name/u);
  });

  it('refuses an enrollment body larger than a code and a name could be with a 413 naming the limit', async () => {
    const payload = { enrollmentCode: t.enrollmentCode, name: 'x'.repeat(ENROLLMENT_BODY_LIMIT_BYTES) };
    const response = await t.inject({ method: 'POST', url: '/api/v1/devices', payload });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ detail: string }>().detail).toContain(String(ENROLLMENT_BODY_LIMIT_BYTES));
  });

  it('lets an admin revoke a device: its token stops working at once', async () => {
    const revoke = await t.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${t.device.deviceId}`,
      headers: t.admin.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const after = await t.inject({ method: 'GET', url: '/api/v1/policy', headers: t.device.headers });
    expect(after.statusCode).toBe(401);
    const again = await t.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${t.device.deviceId}`,
      headers: t.admin.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('does not let a device revoke another device', async () => {
    const sibling = await t.enrollDevice();
    const response = await t.inject({
      method: 'DELETE',
      url: `/api/v1/devices/${sibling.deviceId}`,
      headers: t.device.headers,
    });
    expect(response.statusCode).toBe(403);
    expect((await t.store.devices.get(sibling.deviceId))?.revokedAt).toBeNull();
  });
});
