// The shift configuration's history in the store: every accepted version with what made it, none for a refused edit.
import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { ConfigVersionConflictError } from './store-errors.ts';

const body = (teams: string[]) => ({ teams, shifts: [{ name: '全天', start: '08:00' }], rotationAnchor: '2026-01-01' });

forEachStore('checkpoint config repository', ({ store, clock }) => {
  it('keeps each accepted version with who made it, newest first; a conflicting edit leaves no trace', async () => {
    const { checkpoint } = await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
    const { deviceId } = await store().devices.enroll(checkpoint.id, 'tablet');
    const configs = store().checkpointConfigs;
    await configs.update(checkpoint.id, body(['A', 'B']), 0, { madeBy: 'lead', deviceId });
    clock().advance(60_000);
    await configs.update(checkpoint.id, body(['A', 'B', 'C']), 1, { madeBy: 'admin', deviceId: null });
    await expect(configs.update(checkpoint.id, body(['X']), 1, { madeBy: 'lead', deviceId })).rejects.toBeInstanceOf(
      ConfigVersionConflictError,
    );

    expect(await configs.history(checkpoint.id, 10)).toEqual([
      { ...body(['A', 'B', 'C']), version: 2, updatedAt: '2026-11-28T00:01:00.000Z', madeBy: 'admin', deviceId: null },
      { ...body(['A', 'B']), version: 1, updatedAt: '2026-11-28T00:00:00.000Z', madeBy: 'lead', deviceId },
    ]);
    expect(await configs.history(checkpoint.id, 1)).toHaveLength(1);
  });
});
