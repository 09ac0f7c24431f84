// A checkpoint's tablets as the console lists them, on SQLite and PostgreSQL: each tablet's last sync with the app
// version and the checks still queued on it that it sent with its batch; a header it got wrong never costs a check.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { APP_VERSION_HEADER, PENDING_HEADER } from './sync-report.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';

interface ListedDevice {
  deviceId: string;
  name: string;
  checkpointId: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  appVersion: string | null;
  pendingChecks: number | null;
  revokedAt: string | null;
}

forEachStore('device listing', ({ store, clock }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const isoNow = () => new Date(clock().now()).toISOString();

  async function postWith(
    headers: Record<string, string>,
    device: TestDevice | { headers: Record<string, string> } = t.device,
  ) {
    const check = 'deviceId' in device ? t.ownCheck({}, device) : t.ownCheck();
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: { ...device.headers, ...headers },
      payload: { checks: [check] },
    });
    expect(response.statusCode, JSON.stringify(headers)).toBe(200);
    expect(response.json<{ results: { status: string }[] }>().results[0]?.status).toBe('created');
  }

  async function listed(headers: Record<string, string> = t.admin.headers, checkpointId = t.checkpointId) {
    const response = await t.inject({ method: 'GET', url: `/api/v1/devices?checkpointId=${checkpointId}`, headers });
    expect(response.statusCode).toBe(200);
    return response.json<ListedDevice[]>();
  }
  const own = async () => (await listed()).find((d) => d.deviceId === t.device.deviceId);

  it('shows the app version, the checks pending and the time of the last batch a tablet posted', async () => {
    expect(await own()).toEqual({
      deviceId: t.device.deviceId,
      name: 'tablet',
      checkpointId: t.checkpointId,
      enrolledAt: '2026-11-28T00:00:00.000Z',
      lastSeenAt: null,
      lastSyncAt: null,
      appVersion: null,
      pendingChecks: null,
      revokedAt: null,
    });
    clock().advance(90_000);
    await postWith({ 'Kakou-App-Version': '1.2.3+abc', 'Kakou-Pending': '17' });
    expect(await own()).toMatchObject({
      lastSeenAt: isoNow(),
      lastSyncAt: isoNow(),
      appVersion: '1.2.3+abc',
      pendingChecks: 17,
    });
    // The next batch says the queue emptied.
    clock().advance(60_000);
    await postWith({ [APP_VERSION_HEADER]: '1.2.3+abc', [PENDING_HEADER]: '0' });
    expect(await own()).toMatchObject({ lastSyncAt: isoNow(), pendingChecks: 0 });
    // Nothing secret in the list.
    expect(JSON.stringify(await listed())).not.toContain(t.device.token);
  });

  it('keeps a malformed or missing header as not said (null), and takes the batch all the same', async () => {
    const malformed: Record<string, string>[] = [
      { 'Kakou-Pending': '-3' },
      { 'Kakou-Pending': 'seventeen' },
      { 'Kakou-Pending': '1e3' },
      { 'Kakou-Pending': '17.5' },
      { 'Kakou-Pending': '1000000000' },
      { 'Kakou-Pending': '' },
      { 'Kakou-App-Version': 'v'.repeat(65) },
      { 'Kakou-App-Version': '1.2\t3' },
      { 'Kakou-App-Version': '   ' },
      {},
    ];
    for (const headers of malformed) {
      await postWith({ 'Kakou-App-Version': '1.2.3+abc', 'Kakou-Pending': '17', ...headers });
      const device = await own();
      const said = JSON.stringify(headers);
      if ('Kakou-Pending' in headers) expect(device?.pendingChecks, said).toBeNull();
      else expect(device?.pendingChecks, said).toBe(17);
      if ('Kakou-App-Version' in headers) expect(device?.appVersion, said).toBeNull();
      else expect(device?.appVersion, said).toBe('1.2.3+abc');
    }
    // A tablet from before the headers: its last sync is known, the rest is not said.
    await postWith({});
    expect(await own()).toMatchObject({ lastSyncAt: isoNow(), appVersion: null, pendingChecks: null });
    expect(await t.store.vehicleChecks.count(t.checkpointId)).toBe(malformed.length + 1);
  });

  it('counts a lead’s batch as its tablet’s, and an admin’s as no tablet’s', async () => {
    const lead = await t.leadSession();
    await postWith({ 'Kakou-App-Version': '2.0.0+lead', 'Kakou-Pending': '3' }, lead);
    expect(await own()).toMatchObject({ appVersion: '2.0.0+lead', pendingChecks: 3 });
    clock().advance(60_000);
    await postWith({ 'Kakou-App-Version': '9.9.9', 'Kakou-Pending': '99' }, t.admin);
    expect(await own()).toMatchObject({
      appVersion: '2.0.0+lead',
      pendingChecks: 3,
      lastSyncAt: '2026-11-28T00:00:00.000Z',
    });
  });

  it('lists a checkpoint’s tablets, revoked ones too, the most recently enrolled first; only to an admin', async () => {
    clock().advance(60_000);
    const second = await t.enrollDevice();
    await t.store.devices.revoke(t.device.deviceId);
    const devices = await listed();
    expect(devices.map((d) => [d.deviceId, d.revokedAt])).toEqual([
      [second.deviceId, null],
      [t.device.deviceId, '2026-11-28T00:01:00.000Z'],
    ]);
    // The checkpoint's latest sync, as the checkpoints' list shows it, is its tablets' latest.
    await postWith({ 'Kakou-Pending': '1' }, second);
    const checkpoint = (await t.inject({ method: 'GET', url: '/api/v1/checkpoints', headers: t.admin.headers })).json<
      { id: string; devices: number; lastSyncAt: string | null }[]
    >()[0];
    expect(checkpoint).toMatchObject({ id: t.checkpointId, devices: 1, lastSyncAt: '2026-11-28T00:01:00.000Z' });

    const get = (url: string, headers: Record<string, string>) => t.inject({ method: 'GET', url, headers });
    expect((await get(`/api/v1/devices?checkpointId=${t.checkpointId}`, second.headers)).statusCode).toBe(403);
    expect((await get('/api/v1/devices', t.admin.headers)).statusCode).toBe(400);
    expect((await get('/api/v1/devices?checkpointId=no-such-checkpoint', t.admin.headers)).statusCode).toBe(404);
    expect((await get(`/api/v1/devices?checkpointId=${t.checkpointId}`, {})).statusCode).toBe(401);
  });
});
