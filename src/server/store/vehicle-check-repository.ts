// Stored vehicle checks: exactly-once ingest of batches (the api.md statuses), and paging through them.
// SQLite writes through prepared statements (sqlite-check-writer.ts); PostgreSQL through Kysely, set-wise, below.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import type { Flag } from '../../domain/vocabulary.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { hasRegistration, withoutRegistrations } from '../../domain/retention.ts';
import type { Database } from './schema.ts';
import { insertTallyRows, upsertTallyRows } from './check-tallies.ts';
import {
  REJECT_UNKNOWN_CHECKPOINT,
  VEHICLE_CHECK_COLUMNS,
  VEHICLE_CHECK_UPDATED_COLUMNS,
  checkTallyRow,
  judgeAgainstStored,
  storeRefusedResult,
  vehicleCheckRow,
  type IngestCheck,
  type StoredKey,
} from './ingest-check.ts';
import { runBulkInsert, type BulkInsert } from './bulk-insert.ts';
import { createSqliteCheckWriter } from './sqlite-check-writer.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { rejectedResult } from './rejected-result.ts';
import { InvalidCursorError, refusedValueReason, StoreInputError } from './store-errors.ts';
import { writeTransaction } from './write-transaction.ts';

export {
  REJECT_DIFFERENT_CONTENT,
  REJECT_OTHER_CHECKPOINT,
  REJECT_UNKNOWN_CHECKPOINT,
  checkTallyRow,
  vehicleCheckRow,
  type IngestCheck,
} from './ingest-check.ts';

/** Rows per INSERT statement (PostgreSQL, one JSON parameter): a full batch (SYNC_BATCH_MAX = 500) is one statement. */
const INSERT_CHUNK_ROWS = 1000;
/** Ids per `IN (…)` list, under PostgreSQL's 65,535 parameters per statement. */
const SELECT_CHUNK_IDS = 5000;
/**
 * Each extra round of settle() means another writer changed the row in between, and rev only grows,
 * so a handful always suffices; the cap turns a bug into an error instead of a hung batch.
 */
const SETTLE_ATTEMPTS_MAX = 8;
/** A check's row unless its id is stored already; the ids it returns are the checks created. */
const CHECK_INSERT: BulkInsert = {
  table: 'vehicle_checks',
  columns: VEHICLE_CHECK_COLUMNS,
  tail: 'on conflict (id) do nothing returning id',
};

export interface StoredServerCheck {
  check: VehicleCheck;
  serverFlags: Flag[][];
  localDay: string;
  contentHash: string;
  receivedAt: string;
  updatedAt: string;
}

export interface ListChecksQuery {
  /** null: every checkpoint (admins). */
  checkpointId: string | null;
  /** completedAt ≥ fromMs. */
  fromMs?: number | undefined;
  /** completedAt < toMs. */
  toMs?: number | undefined;
  /** nextCursor of the previous page; InvalidCursorError when it is not one. */
  cursor?: string | undefined;
  /** Page size, a positive integer (the route caps it). */
  limit: number;
}

export interface VehicleCheckRepositoryOptions {
  /** Epoch ms before which a check completed is past the current policy's retention (registration-retention.ts). */
  pastRetentionBefore: () => Promise<number>;
  /** The SQLite handle under the store's Kysely (SQLite stores only): ingest runs prepared statements on it. */
  sqlite?: BetterSqlite3.Database | undefined;
}

export interface VehicleCheckRepository {
  /**
   * One result per check, in order; one transaction per call. Safe to call concurrently from many
   * processes on one PostgreSQL: each id is stored once and exactly one caller sees it `created`.
   * A repeated id inside one call is classified after the earlier copy. A check completed before the retention
   * cutoff (synced late) is stored without its registrations: they never reach the disk.
   */
  ingest(checks: readonly IngestCheck[]): Promise<BatchResult[]>;
  /** Ordered by completedAt, then id; nextCursor is null on the last page. */
  list(query: ListChecksQuery): Promise<{ checks: StoredServerCheck[]; nextCursor: string | null }>;
  count(checkpointId?: string): Promise<number>;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A check past retention keeps its registrations off the store. Its contentHash stays the hash of what the tablet
 * sent, so the tablet resending the same rev is still answered duplicate, not rejected as different content.
 */
function withheldPastRetention(item: IngestCheck, pastRetentionBefore: number): IngestCheck {
  // Within retention, or nobody registered: stored as sent.
  if (item.completedAtMs >= pastRetentionBefore || !hasRegistration(item.check)) return item;
  const check = withoutRegistrations(item.check);
  return { ...item, check, body: JSON.stringify(check) };
}

function encodeCursor(completedAtMs: number, id: string): string {
  return Buffer.from(JSON.stringify([completedAtMs, id]), 'utf8').toString('base64url');
}

const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function decodeCursor(cursor: string): { completedAtMs: number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursorError();
  const completedAtMs: unknown = parsed[0];
  const id: unknown = parsed[1];
  // A check's id is a UUID (vehicleCheckSchema): anything else was not handed out here, and must not reach a query.
  if (
    typeof completedAtMs !== 'number' ||
    !Number.isSafeInteger(completedAtMs) ||
    typeof id !== 'string' ||
    !CURSOR_ID.test(id)
  ) {
    throw new InvalidCursorError();
  }
  return { completedAtMs, id };
}

export function createVehicleCheckRepository(
  { db, dialect, now }: StoreContext,
  { pastRetentionBefore, sqlite }: VehicleCheckRepositoryOptions,
): VehicleCheckRepository {
  const sqliteWriter = dialect === 'sqlite' && sqlite !== undefined ? createSqliteCheckWriter(sqlite) : undefined;

  async function readKeys(trx: Kysely<Database>, ids: readonly string[]): Promise<Map<string, StoredKey>> {
    const keys = new Map<string, StoredKey>();
    for (const chunk of chunks(ids, SELECT_CHUNK_IDS)) {
      const rows = await trx
        .selectFrom('vehicle_checks')
        .select(['id', 'rev', 'content_hash', 'checkpoint_id'])
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) keys.set(row.id, row);
    }
    return keys;
  }

  /**
   * Classifies one check against what is stored, writing when it is newer. Loops only when another
   * transaction changed the row between our read and our write (PostgreSQL, several processes).
   */
  async function settle(
    trx: Kysely<Database>,
    item: IngestCheck,
    firstRead: StoredKey | undefined,
    nowIso: string,
  ): Promise<BatchResult> {
    const { id, rev, checkpointId } = item.check;
    let stored = firstRead;
    for (let attempt = 1; attempt <= SETTLE_ATTEMPTS_MAX; attempt += 1) {
      if (stored === undefined) {
        const inserted = await trx
          .insertInto('vehicle_checks')
          .values(vehicleCheckRow(item, nowIso))
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted !== undefined) {
          await insertTallyRows(trx, [checkTallyRow(item)]);
          return { id, status: 'created' };
        }
      } else {
        const judged = judgeAgainstStored(item, stored);
        if (judged !== 'replace') return judged;
        const row = vehicleCheckRow(item, nowIso);
        // received_at keeps the first receipt; the rest follows the newer rev (VEHICLE_CHECK_UPDATED_COLUMNS).
        const updated = await trx
          .updateTable('vehicle_checks')
          .set(Object.fromEntries(VEHICLE_CHECK_UPDATED_COLUMNS.map((column) => [column, row[column]])))
          .where('id', '=', id)
          .where('rev', '<', rev)
          .where('checkpoint_id', '=', checkpointId)
          .returning('id')
          .executeTakeFirst();
        if (updated !== undefined) {
          await upsertTallyRows(trx, [checkTallyRow(item)]);
          return { id, status: 'updated' };
        }
      }
      stored = (await readKeys(trx, [id])).get(id);
    }
    throw new Error(`check ${id} kept changing under ${SETTLE_ATTEMPTS_MAX} attempts to store it`);
  }

  async function findCheckpoints(trx: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
    const rows = await trx.selectFrom('checkpoints').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The second pass's lookup: an id the database refuses even to look for rejects its checks, not the batch. */
  async function findCheckpointsOneByOne(
    trx: Kysely<Database>,
    ids: readonly string[],
  ): Promise<{ known: Set<string>; refused: Map<string, string> }> {
    const known = new Set<string>();
    const refused = new Map<string, string>();
    for (const id of ids) {
      await sql`savepoint one_checkpoint`.execute(trx);
      try {
        if ((await findCheckpoints(trx, [id])).has(id)) known.add(id);
      } catch (error) {
        const reason = refusedValueReason(error);
        if (reason === null) throw error;
        await sql`rollback to savepoint one_checkpoint`.execute(trx);
        refused.set(id, reason);
      }
      await sql`release savepoint one_checkpoint`.execute(trx);
    }
    return { known, refused };
  }

  /**
   * The second pass of a batch the database refused a value of: each check under a savepoint of its own, in the same
   * id order as ingestRound takes its locks. A refused check is rolled back to its savepoint and answered rejected;
   * any other failure still fails the batch.
   */
  async function ingestRoundOneByOne(
    trx: Kysely<Database>,
    items: readonly { index: number; item: IngestCheck }[],
    results: BatchResult[],
    nowIso: string,
  ): Promise<void> {
    const sorted = [...items].sort((a, b) => (a.item.check.id < b.item.check.id ? -1 : 1));
    for (const { index, item } of sorted) {
      await sql`savepoint one_check`.execute(trx);
      try {
        results[index] = await settle(trx, item, undefined, nowIso);
      } catch (error) {
        const reason = refusedValueReason(error);
        if (reason === null) throw error;
        await sql`rollback to savepoint one_check`.execute(trx);
        results[index] = storeRefusedResult(item.check.id, reason);
      }
      await sql`release savepoint one_check`.execute(trx);
    }
  }

  /** A set of checks with distinct ids: one multi-row insert, then one read for the ids that were there. */
  async function ingestRound(
    trx: Kysely<Database>,
    items: readonly { index: number; item: IngestCheck }[],
    results: BatchResult[],
    nowIso: string,
  ): Promise<void> {
    // Every writer takes row locks in id order, so two overlapping batches cannot deadlock.
    const sorted = [...items].sort((a, b) => (a.item.check.id < b.item.check.id ? -1 : 1));
    const created = new Set<string>();
    for (const chunk of chunks(sorted, INSERT_CHUNK_ROWS)) {
      const rows = await runBulkInsert<{ id: string }>(
        trx as Kysely<unknown>,
        CHECK_INSERT,
        chunk.map(({ item }) => vehicleCheckRow(item, nowIso)),
      );
      for (const row of rows) created.add(row.id);
    }
    await insertTallyRows(
      trx,
      sorted.filter(({ item }) => created.has(item.check.id)).map(({ item }) => checkTallyRow(item)),
    );
    const rest = sorted.filter(({ item }) => !created.has(item.check.id));
    const stored =
      rest.length === 0
        ? new Map<string, StoredKey>()
        : await readKeys(
            trx,
            rest.map(({ item }) => item.check.id),
          );
    for (const { index, item } of sorted) {
      const { id } = item.check;
      results[index] = created.has(id) ? { id, status: 'created' } : await settle(trx, item, stored.get(id), nowIso);
    }
  }

  async function withheldPastRetentionAll(sent: readonly IngestCheck[]): Promise<IngestCheck[]> {
    const cutoff = await pastRetentionBefore();
    return sent.map((item) => withheldPastRetention(item, cutoff));
  }

  return {
    async ingest(sent) {
      if (sent.length === 0) return [];
      const nowIso = isoAt(now());
      // Most batches register nobody: they skip reading the policy for its retention.
      const checks = sent.some((item) => hasRegistration(item.check)) ? await withheldPastRetentionAll(sent) : sent;
      if (sqliteWriter !== undefined) {
        // Kysely's connection lock, held while the statements run: nothing else of this process uses the handle.
        return db.connection().execute(() => Promise.resolve(sqliteWriter.write(checks, nowIso)));
      }
      const writeAll = (oneByOne: boolean) =>
        writeTransaction(db, dialect, async (trx) => {
          const results: BatchResult[] = new Array<BatchResult>(checks.length);
          const checkpointIds = [...new Set(checks.map(({ check }) => check.checkpointId))];
          const { known, refused } = oneByOne
            ? await findCheckpointsOneByOne(trx, checkpointIds)
            : { known: await findCheckpoints(trx, checkpointIds), refused: new Map<string, string>() };
          // Round k holds the k-th copy of each id, so a later copy is judged against the earlier one.
          const rounds: { index: number; item: IngestCheck }[][] = [];
          const copies = new Map<string, number>();
          checks.forEach((item, index) => {
            const { id, checkpointId } = item.check;
            const refusal = refused.get(checkpointId);
            if (refusal !== undefined) {
              results[index] = storeRefusedResult(id, refusal);
              return;
            }
            if (!known.has(checkpointId)) {
              results[index] = rejectedResult(id, 'unknown-checkpoint', REJECT_UNKNOWN_CHECKPOINT);
              return;
            }
            const copy = copies.get(id) ?? 0;
            copies.set(id, copy + 1);
            (rounds[copy] ??= []).push({ index, item });
          });
          for (const round of rounds) {
            await (oneByOne ? ingestRoundOneByOne : ingestRound)(trx, round, results, nowIso);
          }
          return results;
        });
      try {
        return await writeAll(false);
      } catch (error) {
        // The whole batch was rolled back. Only a refused value earns the second pass: it finds the check at fault.
        if (refusedValueReason(error) === null) throw error;
        return await writeAll(true);
      }
    },

    async list(query) {
      if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
        throw new StoreInputError(`page size must be a positive integer, not ${query.limit}`);
      }
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      let select = db.selectFrom('vehicle_checks').selectAll();
      if (query.checkpointId !== null) select = select.where('checkpoint_id', '=', query.checkpointId);
      if (query.fromMs !== undefined) select = select.where('completed_at_ms', '>=', query.fromMs);
      if (query.toMs !== undefined) select = select.where('completed_at_ms', '<', query.toMs);
      if (after !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('completed_at_ms', '>', after.completedAtMs),
            eb.and([eb('completed_at_ms', '=', after.completedAtMs), eb('id', '>', after.id)]),
          ]),
        );
      }
      // One row more than asked tells whether there is a next page without a count.
      const rows = await select
        .orderBy('completed_at_ms')
        .orderBy('id')
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        // The body was stored as validated by vehicleCheckSchema; re-parsing every row would only cost time.
        checks: page.map((row) => ({
          check: JSON.parse(row.body) as VehicleCheck,
          serverFlags: JSON.parse(row.server_flags) as Flag[][],
          localDay: row.local_day,
          contentHash: row.content_hash,
          receivedAt: row.received_at,
          updatedAt: row.updated_at,
        })),
        nextCursor:
          rows.length > query.limit && last !== undefined ? encodeCursor(last.completed_at_ms, last.id) : null,
      };
    },

    async count(checkpointId) {
      let select = db.selectFrom('vehicle_checks').select((eb) => eb.fn.countAll<number | string>().as('n'));
      if (checkpointId !== undefined) select = select.where('checkpoint_id', '=', checkpointId);
      const row = await select.executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
