// The checkpoint's one lead PIN in the store: the first one set wins, a change is the next version and ends every lead
// session of the checkpoint, and only the hash is kept.
import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { hashLeadPin, leadPinMatches } from './lead-pin-hash.ts';

/** Fast enough for tests; the server's default is LEAD_PIN_MIN_ITERATIONS. */
const TEST_ITERATIONS = 1000;

forEachStore('lead PIN repository', ({ store, clock }) => {
  const checkpoint = async () =>
    (await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' })).checkpoint.id;

  it('has no PIN until one is set; the first one set is version 1, and a second "first" PIN is refused', async () => {
    const checkpointId = await checkpoint();
    expect(await store().leadPins.get(checkpointId)).toEqual({
      checkpointId,
      version: 0,
      setAt: null,
      setBy: null,
      hash: null,
    });
    const { deviceId } = await store().devices.enroll(checkpointId, 'tablet');
    const first = await hashLeadPin('482915', TEST_ITERATIONS);
    const set = await store().leadPins.setFirst(checkpointId, first, { setBy: 'tablet', deviceId });
    expect(set).toEqual({ checkpointId, version: 1, setAt: '2026-11-28T00:00:00.000Z', setBy: 'tablet', hash: first });
    const other = await hashLeadPin('730518', TEST_ITERATIONS);
    expect(await store().leadPins.setFirst(checkpointId, other, { setBy: 'tablet', deviceId })).toBeUndefined();
    const stored = await store().leadPins.get(checkpointId);
    expect(stored.hash).toEqual(first);
    expect(await leadPinMatches('482915', stored.hash ?? first)).toBe(true);
    expect(await leadPinMatches('730518', stored.hash ?? first)).toBe(false);
  });

  it("a change is the next version, and ends every lead session of that checkpoint but not another's", async () => {
    const checkpointId = await checkpoint();
    const otherCheckpoint = await checkpoint();
    const { deviceId } = await store().devices.enroll(checkpointId, 'tablet');
    const { deviceId: otherDevice } = await store().devices.enroll(otherCheckpoint, 'tablet');
    await store().leadPins.replace(checkpointId, await hashLeadPin('482915', TEST_ITERATIONS), {
      setBy: 'admin',
      deviceId: null,
    });
    const session = await store().leadSessions.create({ deviceId, checkpointId });
    const elsewhere = await store().leadSessions.create({ deviceId: otherDevice, checkpointId: otherCheckpoint });

    clock().advance(60_000);
    const next = await hashLeadPin('730518', TEST_ITERATIONS);
    const changed = await store().leadPins.replace(checkpointId, next, { setBy: 'lead', deviceId });
    expect(changed).toEqual({ checkpointId, version: 2, setAt: '2026-11-28T00:01:00.000Z', setBy: 'lead', hash: next });
    expect((await store().leadSessions.authenticate(session.token)).kind).toBe('unknown');
    expect((await store().leadSessions.authenticate(elsewhere.token)).kind).toBe('valid');
    expect(await store().leadPins.get(checkpointId)).toEqual(changed);
  });

  it('keeps the hash and its parameters, never the PIN', async () => {
    const checkpointId = await checkpoint();
    await store().leadPins.replace(checkpointId, await hashLeadPin('482915', TEST_ITERATIONS), {
      setBy: 'admin',
      deviceId: null,
    });
    const rows = await store().db.selectFrom('checkpoint_lead_pins').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('482915');
  });
});
