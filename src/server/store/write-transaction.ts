// One way to write atomically on both dialects: SQLite takes the write lock up front, PostgreSQL retries deadlocks.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { StoreDialect } from './store-context.ts';

/** Deadlock and serialization failures are the database asking us to try again, not errors. */
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);
const PG_TRANSACTION_ATTEMPTS = 5;

function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `work` in one transaction. On SQLite, BEGIN IMMEDIATE: a deferred transaction that reads
 * before it writes can fail with SQLITE_BUSY when another process (the admin CLI) wrote meanwhile,
 * without waiting for busy_timeout. On PostgreSQL, the default READ COMMITTED plus retries.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  dialect: StoreDialect,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === 'sqlite') {
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = pgErrorCode(error);
      if (attempt >= PG_TRANSACTION_ATTEMPTS || code === undefined || !RETRYABLE_PG_CODES.has(code)) throw error;
    }
  }
}
