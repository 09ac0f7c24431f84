// SQLite's side of ingest: prepared better-sqlite3 statements, one row at a time, in one synchronous IMMEDIATE
// transaction. Building Kysely queries of 500 rows × 14 columns and preparing a new 7,000-parameter statement for
// every batch cost more than the database's own work (ADR 007); a statement prepared once and run per row costs the
// same as the driver's fastest insert (docs/benchmarks.md, figure 7). A check whose value the database refuses costs
// its batch one more pass, in which each check is written under a savepoint of its own (ADR 027).
import type BetterSqlite3 from 'better-sqlite3';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import { TALLY_COLUMNS } from './check-tallies.ts';
import {
  REJECT_UNKNOWN_CHECKPOINT,
  VEHICLE_CHECK_COLUMNS,
  VEHICLE_CHECK_UPDATED_COLUMNS,
  checkTallyRow,
  judgeAgainstStored,
  vehicleCheckRow,
  storeRefusedResult,
  type IngestCheck,
  type StoredKey,
} from './ingest-check.ts';
import { rejectedResult } from './rejected-result.ts';
import { refusedValueReason } from './store-errors.ts';

export interface SqliteCheckWriter {
  /**
   * One result per check, in order, all written in one transaction or none; a check with a value the database
   * refuses is answered rejected (unprocessable-check) and the others written. Synchronous: the caller must hold the
   * store's connection (Kysely's lock) so that no other statement of this process runs on the handle meanwhile.
   */
  write(checks: readonly IngestCheck[], nowIso: string): BatchResult[];
}

const namedValues = (columns: readonly string[]) => columns.map((column) => `@${column}`).join(', ');

export function createSqliteCheckWriter(database: BetterSqlite3.Database): SqliteCheckWriter {
  const checkpointExists = database.prepare('select 1 from checkpoints where id = ?').pluck();
  // A stored id answers with changes = 0: the writer then reads what is there and judges the check against it.
  const insertCheck = database.prepare(
    `insert into vehicle_checks (${VEHICLE_CHECK_COLUMNS.join(', ')}) values (${namedValues(VEHICLE_CHECK_COLUMNS)})
     on conflict (id) do nothing`,
  );
  const storedKey = database.prepare('select rev, content_hash, checkpoint_id from vehicle_checks where id = ?');
  const replaceCheck = database.prepare(
    `update vehicle_checks set ${VEHICLE_CHECK_UPDATED_COLUMNS.map((column) => `${column} = @${column}`).join(', ')}
     where id = @id and checkpoint_id = @checkpoint_id and rev < @rev`,
  );
  const insertTally = database.prepare(
    `insert into check_tallies (${TALLY_COLUMNS.join(', ')}) values (${namedValues(TALLY_COLUMNS)})`,
  );
  const replaceTally = database.prepare(
    `insert into check_tallies (${TALLY_COLUMNS.join(', ')}) values (${namedValues(TALLY_COLUMNS)})
     on conflict (id) do update set ${TALLY_COLUMNS.filter((column) => column !== 'id')
       .map((column) => `${column} = excluded.${column}`)
       .join(', ')}`,
  );

  /** The IMMEDIATE transaction holds SQLite's write lock throughout: what was read stays true until the write. */
  function writeOne(item: IngestCheck, nowIso: string): BatchResult {
    const { id } = item.check;
    const row = vehicleCheckRow(item, nowIso);
    if (insertCheck.run(row).changes === 1) {
      insertTally.run(checkTallyRow(item));
      return { id, status: 'created' };
    }
    const stored = storedKey.get(id) as StoredKey | undefined;
    if (stored === undefined) throw new Error(`check ${id} was neither inserted nor found`);
    const judged = judgeAgainstStored(item, stored);
    if (judged !== 'replace') return judged;
    if (replaceCheck.run(row).changes !== 1)
      throw new Error(`check ${id} rev ${item.check.rev} did not replace rev ${stored.rev}`);
    replaceTally.run(checkTallyRow(item));
    return { id, status: 'updated' };
  }

  // Called inside writeAll's transaction, better-sqlite3 makes this a savepoint: a throw undoes this check alone.
  const writeOneAlone = database.transaction(writeOne);

  /** The check under its own savepoint; a value the database refuses rejects it, any other failure fails the batch. */
  function writeOneGuarded(item: IngestCheck, nowIso: string): BatchResult {
    try {
      return writeOneAlone(item, nowIso);
    } catch (error) {
      const reason = refusedValueReason(error);
      if (reason === null) throw error;
      return storeRefusedResult(item.check.id, reason);
    }
  }

  // In request order: a repeated id in one batch is judged against the copy written just before it.
  const writeAll = database.transaction(
    (checks: readonly IngestCheck[], nowIso: string, oneByOne: boolean): BatchResult[] => {
      const known = new Map<string, boolean>();
      return checks.map((item) => {
        const { id, checkpointId } = item.check;
        let exists = known.get(checkpointId);
        if (exists === undefined) {
          exists = checkpointExists.get(checkpointId) !== undefined;
          known.set(checkpointId, exists);
        }
        if (!exists) return rejectedResult(id, 'unknown-checkpoint', REJECT_UNKNOWN_CHECKPOINT);
        return oneByOne ? writeOneGuarded(item, nowIso) : writeOne(item, nowIso);
      });
    },
  );

  return {
    // IMMEDIATE, not DEFERRED: a deferred transaction that reads before it writes fails with SQLITE_BUSY, without
    // waiting for busy_timeout, when another process (the admin CLI) wrote meanwhile.
    write(checks, nowIso) {
      try {
        return writeAll.immediate(checks, nowIso, false);
      } catch (error) {
        // The whole batch was rolled back. Only a refused value earns the second pass: it finds the check at fault.
        if (refusedValueReason(error) === null) throw error;
        return writeAll.immediate(checks, nowIso, true);
      }
    },
  };
}
