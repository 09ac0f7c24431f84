import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

forEachStore('admin token repository', ({ store }) => {
  it('a created token authenticates; a wrong or empty one does not', async () => {
    const { token } = await store().adminTokens.create();
    expect(await store().adminTokens.authenticate(token)).toBe(true);
    expect(await store().adminTokens.authenticate(token.slice(1))).toBe(false);
    expect(await store().adminTokens.authenticate('')).toBe(false);
  });

  it('keeps only a hash of the token', async () => {
    const { token } = await store().adminTokens.create();
    const rows = await store().db.selectFrom('admin_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('a revoked token stops working; the others keep working', async () => {
    const revoked = await store().adminTokens.create();
    const kept = await store().adminTokens.create();
    expect(await store().adminTokens.revoke(revoked.id)).toBe(true);
    expect(await store().adminTokens.authenticate(revoked.token)).toBe(false);
    expect(await store().adminTokens.authenticate(kept.token)).toBe(true);
    expect(await store().adminTokens.revoke(revoked.id)).toBe(false);
  });

  it('a device token is not an admin token', async () => {
    const { checkpoint } = await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
    const { token } = await store().devices.enroll(checkpoint.id, 'tablet');
    expect(await store().adminTokens.authenticate(token)).toBe(false);
  });
});
