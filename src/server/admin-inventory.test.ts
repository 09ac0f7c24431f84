// The admin's inventory commands on both stores: what they list, that a revoked admin token stops working, and that no
// token, code or hash of one is ever printed.
import { expect, it } from 'vitest';
import { forEachStore } from '../../tests/support/server/store/stores.ts';
import { INVENTORY_COMMANDS, type AdminOptions } from './admin-inventory.ts';
import { LAST_SEEN_RESOLUTION_MS } from './store/device-repository.ts';
import { StoreInputError } from './store/store-errors.ts';

/** What any secret the store keeps looks like: 64 hex digits (a sha256), or a token of 32 bytes or more. */
const SECRET_LIKE = /[0-9a-f]{64}|[A-Za-z0-9_-]{43,}/u;

forEachStore('admin inventory commands', ({ store, clock }) => {
  async function run(command: string, options: AdminOptions = {}): Promise<Record<string, unknown>> {
    const handler = INVENTORY_COMMANDS[command];
    if (handler === undefined) throw new Error(`no command ${command}`);
    return handler(store(), options);
  }

  async function twoCheckpoints() {
    const s = store();
    const { checkpoint: loudi, enrollmentCode } = await s.checkpoints.create({
      name: '娄底东',
      province: '湖南',
      city: '娄底',
    });
    clock().advance(1_000);
    const { checkpoint: changsha } = await s.checkpoints.create({
      name: '长沙西',
      province: '湖南',
      city: '长沙',
      timezone: 'Asia/Shanghai',
    });
    const kept = await s.devices.enroll(loudi.id, '1号平板');
    const lost = await s.devices.enroll(loudi.id, '2号平板');
    const elsewhere = await s.devices.enroll(changsha.id, '长沙平板');
    return { loudi, changsha, enrollmentCode, kept, lost, elsewhere };
  }

  it('lists every checkpoint with its active tablets and when one was last seen, oldest first', async () => {
    const { loudi, changsha, enrollmentCode, kept, lost } = await twoCheckpoints();
    await store().devices.revoke(lost.deviceId);
    clock().advance(LAST_SEEN_RESOLUTION_MS);
    await store().devices.authenticate(kept.token);
    const seenAt = new Date(clock().now()).toISOString();

    const listed = await run('list-checkpoints');
    expect(listed).toEqual({
      checkpoints: [
        {
          id: loudi.id,
          name: '娄底东',
          province: '湖南',
          city: '娄底',
          timezone: 'Asia/Shanghai',
          countyCode: null,
          archivedAt: null,
          createdAt: expect.any(String) as string,
          activeDevices: 1,
          lastSeenAt: seenAt,
          lastSyncAt: null,
        },
        {
          id: changsha.id,
          name: '长沙西',
          province: '湖南',
          city: '长沙',
          timezone: 'Asia/Shanghai',
          countyCode: null,
          archivedAt: null,
          createdAt: expect.any(String) as string,
          activeDevices: 1,
          lastSeenAt: null,
          lastSyncAt: null,
        },
      ],
    });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(enrollmentCode);
    expect(text).not.toMatch(SECRET_LIKE);
  });

  it('lists an empty store as no checkpoints', async () => {
    expect(await run('list-checkpoints')).toEqual({ checkpoints: [] });
    expect(await run('list-devices')).toEqual({ devices: [] });
    expect(await run('list-admin-tokens')).toEqual({ adminTokens: [] });
  });

  it("lists every tablet, or one checkpoint's, without their tokens", async () => {
    const { loudi, changsha, kept, lost, elsewhere } = await twoCheckpoints();
    const all = (await run('list-devices')) as { devices: { id: string; checkpointId: string; name: string }[] };
    expect(all.devices.map((d) => [d.checkpointId, d.name]).sort()).toEqual(
      [
        [loudi.id, '1号平板'],
        [loudi.id, '2号平板'],
        [changsha.id, '长沙平板'],
      ].sort(),
    );
    // A checkpoint's tablets stay together, so an admin reads them as one group.
    const groups = all.devices.map((d) => d.checkpointId).filter((id, i, ids) => id !== ids[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);

    const one = (await run('list-devices', { checkpoint: loudi.id })) as typeof all & { checkpointId: string };
    expect(one.checkpointId).toBe(loudi.id);
    expect(one.devices.map((d) => d.id).sort()).toEqual([kept.deviceId, lost.deviceId].sort());

    const text = JSON.stringify(all);
    for (const token of [kept.token, lost.token, elsewhere.token]) expect(text).not.toContain(token);
    expect(text).not.toMatch(/token/iu);
    expect(text).not.toMatch(SECRET_LIKE);
  });

  it('refuses an unknown checkpoint and an empty --checkpoint rather than listing everything', async () => {
    await twoCheckpoints();
    await expect(run('list-devices', { checkpoint: 'nope' })).rejects.toThrow(/no checkpoint nope/u);
    await expect(run('list-devices', { checkpoint: ' ' })).rejects.toThrow(StoreInputError);
    await expect(run('list-devices', { checkpoint: ' ' })).rejects.toThrow(/--checkpoint needs a value/u);
  });

  it('lists admin tokens by id and time only; a revoked one stops working and shows as revoked', async () => {
    const old = await store().adminTokens.create();
    clock().advance(1_000);
    const current = await store().adminTokens.create();

    const before = (await run('list-admin-tokens')) as {
      adminTokens: { id: string; createdAt: string; revokedAt: string | null }[];
    };
    // Most recent first: the one just made is on top.
    expect(before.adminTokens.map((t) => [t.id, t.revokedAt])).toEqual([
      [current.id, null],
      [old.id, null],
    ]);
    for (const listed of before.adminTokens)
      expect(Object.keys(listed).sort()).toEqual(['createdAt', 'id', 'revokedAt']);
    const text = JSON.stringify(before);
    expect(text).not.toContain(old.token);
    expect(text).not.toContain(current.token);
    expect(text).not.toMatch(SECRET_LIKE);

    expect(await run('revoke-admin-token', { id: old.id })).toEqual({ adminTokenId: old.id, revoked: true });
    expect(await store().adminTokens.authenticate(old.token)).toBe(false);
    expect(await store().adminTokens.authenticate(current.token)).toBe(true);
    const after = (await run('list-admin-tokens')) as typeof before;
    expect(after.adminTokens.find((t) => t.id === old.id)?.revokedAt).toBe(new Date(clock().now()).toISOString());
    expect(after.adminTokens.find((t) => t.id === current.id)?.revokedAt).toBeNull();
  });

  it('refuses to revoke an unknown or already revoked admin token, and a missing --id, in words', async () => {
    const { id } = await store().adminTokens.create();
    await run('revoke-admin-token', { id });
    await expect(run('revoke-admin-token', { id })).rejects.toThrow(`there is no active admin token ${id}`);
    await expect(run('revoke-admin-token', { id: 'nope' })).rejects.toThrow(/no active admin token nope/u);
    await expect(run('revoke-admin-token')).rejects.toThrow(/--id is required/u);
  });
});
