import { expect, it } from 'vitest';
import { LAST_SEEN_RESOLUTION_MS } from './device-repository.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

forEachStore('device repository', ({ store, clock }) => {
  async function enrolled() {
    const { checkpoint } = await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
    const device = await store().devices.enroll(checkpoint.id, 'tablet 3');
    return { checkpointId: checkpoint.id, ...device };
  }

  it('a token authenticates its own device and checkpoint', async () => {
    const { checkpointId, deviceId, token } = await enrolled();
    expect(await store().devices.authenticate(token)).toEqual({ deviceId, checkpointId });
    expect(await store().devices.get(deviceId)).toMatchObject({
      id: deviceId,
      checkpointId,
      name: 'tablet 3',
      revokedAt: null,
    });
  });

  it('an unknown or empty token authenticates nobody', async () => {
    const { token } = await enrolled();
    expect(await store().devices.authenticate(`${token}x`)).toBeUndefined();
    expect(await store().devices.authenticate('')).toBeUndefined();
  });

  it('keeps only a hash of the token', async () => {
    const { token } = await enrolled();
    const rows = await store().db.selectFrom('devices').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('a revoked device fails to authenticate; other devices of the checkpoint still do', async () => {
    const { checkpointId, deviceId, token } = await enrolled();
    const other = await store().devices.enroll(checkpointId, 'tablet 4');
    expect(await store().devices.revoke(deviceId)).toBe(true);
    expect(await store().devices.authenticate(token)).toBeUndefined();
    expect(await store().devices.authenticate(other.token)).toEqual({ deviceId: other.deviceId, checkpointId });
    expect((await store().devices.get(deviceId))?.revokedAt).not.toBeNull();
  });

  it('revoking twice, or an unknown device, reports false', async () => {
    const { deviceId } = await enrolled();
    await store().devices.revoke(deviceId);
    expect(await store().devices.revoke(deviceId)).toBe(false);
    expect(await store().devices.revoke('no-such-device')).toBe(false);
  });

  it('records when a device was last seen, at most once a minute', async () => {
    const { deviceId, token } = await enrolled();
    await store().devices.authenticate(token);
    const first = (await store().devices.get(deviceId))?.lastSeenAt;
    expect(first).toBe(new Date(clock().now()).toISOString());

    clock().advance(LAST_SEEN_RESOLUTION_MS - 1);
    await store().devices.authenticate(token);
    expect((await store().devices.get(deviceId))?.lastSeenAt).toBe(first);

    clock().advance(1);
    await store().devices.authenticate(token);
    expect((await store().devices.get(deviceId))?.lastSeenAt).toBe(new Date(clock().now()).toISOString());
  });

  it('cannot enroll into a checkpoint that does not exist', async () => {
    await expect(store().devices.enroll('no-such-checkpoint', 'tablet')).rejects.toThrow();
  });
});
