// Admin sessions in the store: 8-hour tokens kept hashed, ended by a sign-out; and the count of wrong passwords that
// refuses a sixth per username and a twenty-first per address within 15 minutes, even when attempts arrive at once.
import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import {
  ADMIN_ATTEMPT_WINDOW_MS,
  ADMIN_SESSION_TTL_MS,
  ADMIN_WRONG_PER_ADDRESS_MAX,
  ADMIN_WRONG_PER_USERNAME_MAX,
  type SignInReservation,
} from './admin-session-repository.ts';

const PASSWORD = 'correct horse battery';
const ADDRESS = '10.0.0.7';
const MINUTE_MS = 60_000;

forEachStore('admin session repository', ({ kind, store, clock, openSibling }) => {
  const sessions = () => store().adminSessions;
  const account = () =>
    store().adminAccounts.create({
      username: 'loudi',
      password: PASSWORD,
      scope: { kind: 'city', province: '湖南', city: '娄底' },
    });
  const allowed = (reservation: SignInReservation): string => {
    if (reservation.kind !== 'allowed') throw new Error(`refused: ${JSON.stringify(reservation)}`);
    return reservation.attemptId;
  };

  it('a session acts as its account for 8 hours, then is expired; only its hash is kept', async () => {
    const admin = await account();
    const { id, token, expiresAt } = await sessions().create(admin.adminId);
    expect(expiresAt).toBe(new Date(clock().now() + ADMIN_SESSION_TTL_MS).toISOString());
    expect(await sessions().authenticate(token)).toEqual({ kind: 'valid', session: { sessionId: id, admin } });
    expect(JSON.stringify(await store().db.selectFrom('admin_sessions').selectAll().execute())).not.toContain(token);
    // A session token is nothing else's token, and a near miss is no session.
    expect((await sessions().authenticate(token.slice(1))).kind).toBe('unknown');
    expect((await sessions().authenticate('')).kind).toBe('unknown');
    expect(await store().adminTokens.authenticate(token)).toBe(false);
    expect(await store().devices.authenticate(token)).toBeUndefined();

    clock().advance(ADMIN_SESSION_TTL_MS - 1);
    expect((await sessions().authenticate(token)).kind).toBe('valid');
    clock().advance(1);
    expect(await sessions().authenticate(token)).toEqual({ kind: 'expired' });
  });

  it('a signed-out session is unknown at once; signing out twice says so', async () => {
    const admin = await account();
    const signedOut = await sessions().create(admin.adminId);
    const other = await sessions().create(admin.adminId);
    expect(await sessions().revoke(signedOut.id)).toBe(true);
    expect(await sessions().revoke(signedOut.id)).toBe(false);
    expect(await sessions().authenticate(signedOut.token)).toEqual({ kind: 'unknown' });
    // The account's other session (another browser) stays.
    expect((await sessions().authenticate(other.token)).kind).toBe('valid');
  });

  it('lets 5 wrong passwords through per username in 15 minutes, then refuses with the time to wait', async () => {
    for (let i = 0; i < ADMIN_WRONG_PER_USERNAME_MAX; i += 1) {
      // Any case of the name counts for the same account.
      allowed(await sessions().reserveAttempt(i % 2 === 0 ? 'loudi' : 'LOUDI', ADDRESS));
      clock().advance(MINUTE_MS);
    }
    // Five minutes after the first: ten more to wait, from any address.
    expect(await sessions().reserveAttempt('loudi', '10.9.9.9')).toEqual({
      kind: 'refused',
      retryAfterMs: ADMIN_ATTEMPT_WINDOW_MS - 5 * MINUTE_MS,
      limitedBy: 'username',
    });
    // Another account is not held back by this one, from the same address.
    allowed(await sessions().reserveAttempt('hunan', ADDRESS));

    clock().advance(ADMIN_ATTEMPT_WINDOW_MS - 5 * MINUTE_MS);
    allowed(await sessions().reserveAttempt('loudi', ADDRESS));
    expect(await sessions().reserveAttempt('loudi', ADDRESS)).toMatchObject({ kind: 'refused', limitedBy: 'username' });
  });

  it('lets 20 wrong passwords through per address in 15 minutes, whatever the usernames', async () => {
    for (let i = 0; i < ADMIN_WRONG_PER_ADDRESS_MAX; i += 1)
      allowed(await sessions().reserveAttempt(`user${i}`, ADDRESS));
    expect(await sessions().reserveAttempt('someone.else', ADDRESS)).toEqual({
      kind: 'refused',
      retryAfterMs: ADMIN_ATTEMPT_WINDOW_MS,
      limitedBy: 'address',
    });
    // Another address may still sign in to the same names.
    allowed(await sessions().reserveAttempt('user0', '10.0.0.8'));
    clock().advance(ADMIN_ATTEMPT_WINDOW_MS);
    allowed(await sessions().reserveAttempt('someone.else', ADDRESS));
  });

  it('does not count an attempt whose password was right', async () => {
    for (let i = 0; i < 2 * ADMIN_WRONG_PER_USERNAME_MAX; i += 1) {
      await sessions().releaseAttempt(allowed(await sessions().reserveAttempt('loudi', ADDRESS)));
    }
    // Four wrong ones after ten right ones: a fifth wrong one is still let through.
    for (let i = 0; i < ADMIN_WRONG_PER_USERNAME_MAX - 1; i += 1)
      allowed(await sessions().reserveAttempt('loudi', ADDRESS));
    allowed(await sessions().reserveAttempt('loudi', ADDRESS));
    expect((await sessions().reserveAttempt('loudi', ADDRESS)).kind).toBe('refused');
  });

  it('lets only one of two attempts sent at once through the last free place, across two servers', async () => {
    for (let i = 0; i < ADMIN_WRONG_PER_USERNAME_MAX - 1; i += 1)
      allowed(await sessions().reserveAttempt('loudi', ADDRESS));
    // PostgreSQL: a second store with its own pool, as a second server process. SQLite: the same process's store
    // twice (a second connection in this process would block the event loop in busy_timeout while the first holds
    // the write lock; two processes each wait in their own).
    const second = kind === 'postgres' ? await openSibling() : store();
    const [a, b] = await Promise.all([
      sessions().reserveAttempt('loudi', ADDRESS),
      second.adminSessions.reserveAttempt('Loudi', '10.0.0.8'),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['allowed', 'refused']);
    // And of 25 at once from one address, only the address's 20 places.
    const burst = await Promise.all(
      Array.from({ length: ADMIN_WRONG_PER_ADDRESS_MAX + 5 }, (_, i) =>
        (i % 2 === 0 ? sessions() : second.adminSessions).reserveAttempt(`burst${i}`, '10.0.0.9'),
      ),
    );
    expect(burst.filter((r) => r.kind === 'allowed')).toHaveLength(ADMIN_WRONG_PER_ADDRESS_MAX);
  });
});
