// The rows of a bearer session, an admin's (admin_sessions) or a lead's (lead_sessions): opened with a fresh token
// whose hash alone is stored, ended by marking it revoked. What a session belongs to, and how it is checked, stay
// with each repository.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { isoAt } from './store-context.ts';
import { hashSecret, randomToken } from './tokens.ts';

type SessionTable = 'admin_sessions' | 'lead_sessions';

export interface OpenedSession {
  id: string;
  /** Returned once, here; only its hash is kept. */
  token: string;
  expiresAt: string;
}

/**
 * A new session of `ttlMs` from `nowMs`, owned as `owner` says (the admin, or the tablet and its checkpoint). Sessions
 * expired for longer than `keptMs` are swept first, so the table holds recent history only.
 */
export async function openSession(
  db: Kysely<Database>,
  table: SessionTable,
  owner: Readonly<Record<string, string>>,
  times: { nowMs: number; ttlMs: number; keptMs: number },
): Promise<OpenedSession> {
  const { nowMs, ttlMs, keptMs } = times;
  const id = randomUUID();
  const token = randomToken();
  const expiresAtMs = nowMs + ttlMs;
  // The two tables share these columns; Kysely cannot type an insert into either of two tables at once.
  const anyTable = db as unknown as Kysely<Record<SessionTable, Record<string, unknown>>>;
  await anyTable
    .deleteFrom(table)
    .where('expires_at_ms', '<', nowMs - keptMs)
    .execute();
  await anyTable
    .insertInto(table)
    .values({
      id,
      token_hash: hashSecret(token),
      ...owner,
      created_at: isoAt(nowMs),
      expires_at: isoAt(expiresAtMs),
      expires_at_ms: expiresAtMs,
      revoked_at: null,
    })
    .execute();
  return { id, token, expiresAt: isoAt(expiresAtMs) };
}

/** Ends a session; true when it existed and was still open. */
export async function revokeSession(
  db: Kysely<Database>,
  table: SessionTable,
  sessionId: string,
  nowMs: number,
): Promise<boolean> {
  const anyTable = db as unknown as Kysely<Record<SessionTable, Record<string, unknown>>>;
  const result = await anyTable
    .updateTable(table)
    .set({ revoked_at: isoAt(nowMs) })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
