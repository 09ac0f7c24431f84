// Admin sessions (ADR 038): a right password buys an 8-hour bearer token (stored hashed). Wrong passwords are counted
// per username and per client address in the store, so every server process sharing it counts the same ones.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalUsername, scopeOfRow, type AdminAccount } from './admin-account-repository.ts';
import type { StoreContext } from './store-context.ts';
import { openSession, revokeSession } from './session-rows.ts';
import { hashSecret } from './tokens.ts';
import { writeTransaction } from './write-transaction.ts';

/** A working day at the command, with its meetings: one sign-in a shift (api.md). */
export const ADMIN_SESSION_TTL_MS = 8 * 60 * 60_000;
/** Wrong passwords for one username within the window; past it, that username is refused until the window frees. */
export const ADMIN_WRONG_PER_USERNAME_MAX = 5;
/** Wrong passwords from one address within the window, whatever the usernames: one client trying many accounts. */
export const ADMIN_WRONG_PER_ADDRESS_MAX = 20;
export const ADMIN_ATTEMPT_WINDOW_MS = 15 * 60_000;
/** Expired sessions are kept this long (who was signed in yesterday), then swept. */
const EXPIRED_SESSION_KEPT_MS = 7 * 24 * 60 * 60_000;

export interface AdminSessionPrincipal {
  sessionId: string;
  admin: AdminAccount;
}

export type AdminTokenCheck =
  | { kind: 'valid'; session: AdminSessionPrincipal }
  /** A real session token past its 8 hours: sign in again. */
  | { kind: 'expired' }
  /** Unknown, signed out, or of an account reset or disabled since. */
  | { kind: 'unknown' };

export type SignInReservation =
  { kind: 'allowed'; attemptId: string } | { kind: 'refused'; retryAfterMs: number; limitedBy: 'username' | 'address' };

export interface AdminSessionRepository {
  /** The token is returned once, here; only its hash is kept. */
  create(adminId: string): Promise<{ id: string; token: string; expiresAt: string }>;
  authenticate(token: string): Promise<AdminTokenCheck>;
  /** true when the session existed and was still open. */
  revoke(sessionId: string): Promise<boolean>;
  /**
   * Counts an attempt before the password is checked, so that parallel requests cannot slip past the limits while the
   * slow hash runs.
   */
  reserveAttempt(username: string, address: string): Promise<SignInReservation>;
  /** The password was right: its attempt does not count. */
  releaseAttempt(attemptId: string): Promise<void>;
}

/** When the oldest of the counted attempts that must leave the window for one more to be allowed has left it. */
function waitFor(countedMs: readonly number[], max: number, nowMs: number): number {
  const freeing = countedMs[countedMs.length - max] ?? nowMs;
  return Math.max(1000, freeing + ADMIN_ATTEMPT_WINDOW_MS - nowMs);
}

export function createAdminSessionRepository({ db, dialect, now }: StoreContext): AdminSessionRepository {
  return {
    create(adminId) {
      return openSession(
        db,
        'admin_sessions',
        { admin_id: adminId },
        { nowMs: now(), ttlMs: ADMIN_SESSION_TTL_MS, keptMs: EXPIRED_SESSION_KEPT_MS },
      );
    },

    async authenticate(token) {
      if (token === '') return { kind: 'unknown' };
      const row = await db
        .selectFrom('admin_sessions as s')
        .innerJoin('admin_accounts as a', 'a.id', 's.admin_id')
        .select(['s.id', 's.expires_at_ms', 'a.id as admin_id', 'a.username', 'a.scope_kind', 'a.scope_province'])
        .select(['a.scope_city'])
        .where('s.token_hash', '=', hashSecret(token))
        .where('s.revoked_at', 'is', null)
        .where('a.disabled_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return { kind: 'unknown' };
      if (row.expires_at_ms <= now()) return { kind: 'expired' };
      return {
        kind: 'valid',
        session: {
          sessionId: row.id,
          admin: { adminId: row.admin_id, username: row.username, scope: scopeOfRow(row) },
        },
      };
    },

    revoke(sessionId) {
      return revokeSession(db, 'admin_sessions', sessionId, now());
    },

    reserveAttempt(username, address) {
      const canonical = canonicalUsername(username);
      const nowMs = now();
      const windowStart = nowMs - ADMIN_ATTEMPT_WINDOW_MS;
      // One attempt at a time per username and per address: SQLite's write lock (BEGIN IMMEDIATE) orders every writer;
      // on PostgreSQL two transaction-scoped advisory locks do, taken in one order so two requests cannot deadlock.
      return writeTransaction(db, dialect, async (trx): Promise<SignInReservation> => {
        if (dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(hashtext(${`kakou-admin-user:${canonical}`}))`.execute(trx);
          await sql`select pg_advisory_xact_lock(hashtext(${`kakou-admin-address:${address}`}))`.execute(trx);
        }
        await trx.deleteFrom('admin_sign_in_attempts').where('attempted_at_ms', '<=', windowStart).execute();
        const byUsername = await trx
          .selectFrom('admin_sign_in_attempts')
          .select('attempted_at_ms')
          .where('username', '=', canonical)
          .orderBy('attempted_at_ms')
          .execute();
        if (byUsername.length >= ADMIN_WRONG_PER_USERNAME_MAX) {
          const counted = byUsername.map((row) => row.attempted_at_ms);
          return {
            kind: 'refused',
            retryAfterMs: waitFor(counted, ADMIN_WRONG_PER_USERNAME_MAX, nowMs),
            limitedBy: 'username',
          };
        }
        const byAddress = await trx
          .selectFrom('admin_sign_in_attempts')
          .select('attempted_at_ms')
          .where('address', '=', address)
          .orderBy('attempted_at_ms')
          .execute();
        if (byAddress.length >= ADMIN_WRONG_PER_ADDRESS_MAX) {
          const counted = byAddress.map((row) => row.attempted_at_ms);
          return {
            kind: 'refused',
            retryAfterMs: waitFor(counted, ADMIN_WRONG_PER_ADDRESS_MAX, nowMs),
            limitedBy: 'address',
          };
        }
        const attemptId = randomUUID();
        await trx
          .insertInto('admin_sign_in_attempts')
          .values({ id: attemptId, username: canonical, address, attempted_at_ms: nowMs })
          .execute();
        return { kind: 'allowed', attemptId };
      });
    },

    async releaseAttempt(attemptId) {
      await db.deleteFrom('admin_sign_in_attempts').where('id', '=', attemptId).execute();
    },
  };
}
