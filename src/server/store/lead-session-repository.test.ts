// Lead sessions in the store: tokens kept hashed, 15 minutes long, ended by a lock or with their tablet; and the count
// of wrong PINs per device that refuses a sixth within 15 minutes, even when the attempts arrive all at once.
import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { LEAD_PIN_ATTEMPT_WINDOW_MS, LEAD_PIN_WRONG_MAX, LEAD_SESSION_TTL_MS } from './lead-session-repository.ts';

forEachStore('lead session repository', ({ store, clock }) => {
  const tablet = async () => {
    const { checkpoint } = await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
    const { deviceId } = await store().devices.enroll(checkpoint.id, 'tablet');
    return { deviceId, checkpointId: checkpoint.id };
  };

  it('a session authenticates as its tablet for 15 minutes, then is expired; only its hash is kept', async () => {
    const device = await tablet();
    const { id, token, expiresAt } = await store().leadSessions.create(device);
    expect(expiresAt).toBe(new Date(Date.parse('2026-11-28T00:00:00Z') + LEAD_SESSION_TTL_MS).toISOString());
    expect(await store().leadSessions.authenticate(token)).toEqual({
      kind: 'valid',
      session: { sessionId: id, ...device },
    });
    expect(JSON.stringify(await store().db.selectFrom('lead_sessions').selectAll().execute())).not.toContain(token);
    // A device token is no lead token, and a lead token no device token.
    expect((await store().leadSessions.authenticate(token.slice(1))).kind).toBe('unknown');
    expect(await store().devices.authenticate(token)).toBeUndefined();

    clock().advance(LEAD_SESSION_TTL_MS - 1);
    expect((await store().leadSessions.authenticate(token)).kind).toBe('valid');
    clock().advance(1);
    expect((await store().leadSessions.authenticate(token)).kind).toBe('expired');
  });

  it('ends on revoke, and with its tablet', async () => {
    const device = await tablet();
    const locked = await store().leadSessions.create(device);
    expect(await store().leadSessions.revoke(locked.id)).toBe(true);
    expect(await store().leadSessions.revoke(locked.id)).toBe(false);
    expect((await store().leadSessions.authenticate(locked.token)).kind).toBe('unknown');

    const open = await store().leadSessions.create(device);
    await store().devices.revoke(device.deviceId);
    expect((await store().leadSessions.authenticate(open.token)).kind).toBe('unknown');
  });

  it('lets 5 wrong PINs through per device in 15 minutes, refuses the 6th until the oldest leaves the window', async () => {
    const device = await tablet();
    const other = await tablet();
    for (let i = 0; i < LEAD_PIN_WRONG_MAX; i += 1) {
      expect(await store().leadSessions.reserveAttempt(device.deviceId)).toMatchObject({
        kind: 'allowed',
        wrongBefore: i,
      });
      clock().advance(60_000);
    }
    // Five minutes after the first: ten more to wait.
    expect(await store().leadSessions.reserveAttempt(device.deviceId)).toEqual({
      kind: 'refused',
      retryAfterMs: LEAD_PIN_ATTEMPT_WINDOW_MS - 5 * 60_000,
    });
    // Another tablet is not held back by this one.
    expect((await store().leadSessions.reserveAttempt(other.deviceId)).kind).toBe('allowed');

    clock().advance(LEAD_PIN_ATTEMPT_WINDOW_MS - 5 * 60_000);
    expect((await store().leadSessions.reserveAttempt(device.deviceId)).kind).toBe('allowed');
    expect((await store().leadSessions.reserveAttempt(device.deviceId)).kind).toBe('refused');
  });

  it('does not count a right PIN', async () => {
    const device = await tablet();
    for (let i = 0; i < 10; i += 1) {
      const reservation = await store().leadSessions.reserveAttempt(device.deviceId);
      if (reservation.kind !== 'allowed') throw new Error(`attempt ${i} refused`);
      await store().leadSessions.releaseAttempt(reservation.attemptId);
    }
    expect(await store().leadSessions.reserveAttempt(device.deviceId)).toMatchObject({
      kind: 'allowed',
      wrongBefore: 0,
    });
  });

  it('lets no more than 5 of 20 attempts sent at once reach the PIN check', async () => {
    const device = await tablet();
    const reservations = await Promise.all(
      Array.from({ length: 20 }, () => store().leadSessions.reserveAttempt(device.deviceId)),
    );
    expect(reservations.filter((r) => r.kind === 'allowed')).toHaveLength(LEAD_PIN_WRONG_MAX);
  });
});
