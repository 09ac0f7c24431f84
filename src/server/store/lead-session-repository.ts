// Lead sessions: a correct lead PIN buys a tablet a bearer token for 15 minutes (stored hashed), and wrong PINs are
// counted per device, 5 in any 15 minutes, in the store so that every server process sharing it counts the same ones.
import { randomUUID } from 'node:crypto';
import type { StoreContext } from './store-context.ts';
import { openSession, revokeSession } from './session-rows.ts';
import { hashSecret } from './tokens.ts';
import { writeTransaction } from './write-transaction.ts';

/** How long a lead token works (api.md): long enough for a report and a hand-off list, short for a tablet left open. */
export const LEAD_SESSION_TTL_MS = 15 * 60_000;
/** Wrong PINs one device may send within LEAD_PIN_ATTEMPT_WINDOW_MS; past it every attempt is refused (429). */
export const LEAD_PIN_WRONG_MAX = 5;
export const LEAD_PIN_ATTEMPT_WINDOW_MS = 15 * 60_000;
/** Expired sessions are kept this long (an admin's "who had the lead's screens this morning"), then swept. */
const EXPIRED_SESSION_KEPT_MS = 24 * 60 * 60_000;

export interface LeadSessionPrincipal {
  sessionId: string;
  deviceId: string;
  checkpointId: string;
}

export type LeadTokenCheck =
  | { kind: 'valid'; session: LeadSessionPrincipal }
  /** A real lead token, past its 15 minutes: the lead unlocks again. */
  | { kind: 'expired' }
  /** Unknown, revoked (a lock, a PIN change) or of a revoked device. */
  | { kind: 'unknown' };

export type AttemptReservation =
  { kind: 'allowed'; attemptId: string; wrongBefore: number } | { kind: 'refused'; retryAfterMs: number };

export interface LeadSessionRepository {
  /** The token is returned once, here; only its hash is kept. */
  create(device: { deviceId: string; checkpointId: string }): Promise<{ id: string; token: string; expiresAt: string }>;
  authenticate(token: string): Promise<LeadTokenCheck>;
  /** true when the session existed and was still open. */
  revoke(sessionId: string): Promise<boolean>;
  /**
   * Counts an attempt before its PIN is checked, so that parallel requests cannot slip past the limit while the slow
   * hash runs: only the first LEAD_PIN_WRONG_MAX in the window are let through, the rest refused with the wait.
   * `wrongBefore`: attempts still counted in the window before this one.
   */
  reserveAttempt(deviceId: string): Promise<AttemptReservation>;
  /** The PIN was right: its attempt does not count against the device. */
  releaseAttempt(attemptId: string): Promise<void>;
}

export function createLeadSessionRepository({ db, dialect, now }: StoreContext): LeadSessionRepository {
  return {
    create(device) {
      return openSession(
        db,
        'lead_sessions',
        { checkpoint_id: device.checkpointId, device_id: device.deviceId },
        { nowMs: now(), ttlMs: LEAD_SESSION_TTL_MS, keptMs: EXPIRED_SESSION_KEPT_MS },
      );
    },

    async authenticate(token) {
      if (token === '') return { kind: 'unknown' };
      // A revoked tablet's lead sessions end with it.
      const row = await db
        .selectFrom('lead_sessions as s')
        .innerJoin('devices as d', 'd.id', 's.device_id')
        .select(['s.id', 's.device_id', 's.checkpoint_id', 's.expires_at_ms'])
        .where('s.token_hash', '=', hashSecret(token))
        .where('s.revoked_at', 'is', null)
        .where('d.revoked_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return { kind: 'unknown' };
      if (row.expires_at_ms <= now()) return { kind: 'expired' };
      return {
        kind: 'valid',
        session: { sessionId: row.id, deviceId: row.device_id, checkpointId: row.checkpoint_id },
      };
    },

    revoke(sessionId) {
      return revokeSession(db, 'lead_sessions', sessionId, now());
    },

    reserveAttempt(deviceId) {
      const nowMs = now();
      const windowStart = nowMs - LEAD_PIN_ATTEMPT_WINDOW_MS;
      // One device's attempts one at a time: SQLite's write lock (BEGIN IMMEDIATE) orders every writer, and on
      // PostgreSQL the device's row is locked first. So however many arrive at once, exactly the first
      // LEAD_PIN_WRONG_MAX in the window are let through to the slow hash.
      return writeTransaction(db, dialect, async (trx): Promise<AttemptReservation> => {
        if (dialect === 'postgres') {
          await trx.selectFrom('devices').select('id').where('id', '=', deviceId).forUpdate().execute();
        }
        await trx
          .deleteFrom('lead_pin_attempts')
          .where('device_id', '=', deviceId)
          .where('attempted_at_ms', '<=', windowStart)
          .execute();
        const counted = await trx
          .selectFrom('lead_pin_attempts')
          .select('attempted_at_ms')
          .where('device_id', '=', deviceId)
          .orderBy('attempted_at_ms')
          .execute();
        if (counted.length >= LEAD_PIN_WRONG_MAX) {
          // The wait ends when enough of the counted attempts leave the window; a refused one is not counted.
          const freeing = counted[counted.length - LEAD_PIN_WRONG_MAX];
          const freedAt = (freeing?.attempted_at_ms ?? nowMs) + LEAD_PIN_ATTEMPT_WINDOW_MS;
          return { kind: 'refused', retryAfterMs: Math.max(1000, freedAt - nowMs) };
        }
        const attemptId = randomUUID();
        await trx
          .insertInto('lead_pin_attempts')
          .values({ id: attemptId, device_id: deviceId, attempted_at_ms: nowMs })
          .execute();
        return { kind: 'allowed', attemptId, wrongBefore: counted.length };
      });
    },

    async releaseAttempt(attemptId) {
      await db.deleteFrom('lead_pin_attempts').where('id', '=', attemptId).execute();
    },
  };
}
