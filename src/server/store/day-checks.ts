// Stored checks of one local day, one checkpoint's or the flagged ones of several, with each person's flags as the
// server derived them.
import type { Kysely } from 'kysely';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import type { Flag } from '../../domain/vocabulary.ts';
import type { Database } from './schema.ts';

/**
 * Read through the (checkpoint_id, local_day) index. A row holds the highest rev stored for its id, so each
 * check comes once; the tablet's flags are replaced by the server's (stored in server_flags).
 */
export async function readChecksOfDay(
  db: Kysely<Database>,
  checkpointId: string,
  localDay: string,
): Promise<VehicleCheck[]> {
  const rows = await db
    .selectFrom('vehicle_checks')
    .select(['body', 'server_flags'])
    .where('checkpoint_id', '=', checkpointId)
    .where('local_day', '=', localDay)
    .execute();
  return rows.map(withServerFlags);
}

/**
 * Checkpoints per statement. A statement's rows are held as text until they are parsed, about a kilobyte per flagged
 * check (a quiet day ~600 of them, a busy one tens of thousands), so the statements are kept to a few checkpoints each
 * while the server runs with a heap of 256 MB (npm start); it is also far under every store's parameter limit.
 */
const CHECKPOINTS_PER_STATEMENT = 10;

/**
 * A check has a flagged person exactly when its server_flags, JSON of one list of flag names per person, holds a
 * string: `[[],[]]` has none, `[[],["fever"]]` one. Matched in SQL so the bodies of the unflagged majority are never
 * sent or parsed.
 */
const HAS_A_FLAG = '%"%';

/**
 * The checks of several checkpoints' one local day that have a flagged person (what hand-off lists are made of), each
 * with the server's flags and **only its flagged persons**, in completion order (then id). Read through the
 * (checkpoint_id, local_day) index, CHECKPOINTS_PER_STATEMENT checkpoints a statement, each statement's rows parsed
 * and let go before the next: a region's day may hold tens of thousands. The day string is each checkpoint's own local
 * day already, since local_day was written in its zone.
 */
export async function readFlaggedChecksOfDay(
  db: Kysely<Database>,
  checkpointIds: readonly string[],
  localDay: string,
): Promise<VehicleCheck[]> {
  const found: { completedAtMs: number; check: VehicleCheck }[] = [];
  for (let start = 0; start < checkpointIds.length; start += CHECKPOINTS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('vehicle_checks')
      .select(['body', 'server_flags', 'completed_at_ms'])
      .where('checkpoint_id', 'in', checkpointIds.slice(start, start + CHECKPOINTS_PER_STATEMENT))
      .where('local_day', '=', localDay)
      .where('server_flags', 'like', HAS_A_FLAG)
      .execute();
    for (const row of rows) {
      const check = withServerFlags(row);
      found.push({
        completedAtMs: row.completed_at_ms,
        check: { ...check, persons: check.persons.filter((person) => person.flags.length > 0) },
      });
    }
  }
  // Sorted here rather than in SQL, where the sort would carry every body along; in handoffList's own order (time,
  // then id), so its sort finds them in order.
  found.sort((a, b) => a.completedAtMs - b.completedAtMs || a.check.id.localeCompare(b.check.id));
  return found.map(({ check }) => check);
}

/** A stored row as the check it holds, the tablet's flags replaced by the server's (stored in server_flags). */
function withServerFlags(row: { body: string; server_flags: string }): VehicleCheck {
  // The body was stored as validated by vehicleCheckSchema; re-parsing every row would only cost time.
  const check = JSON.parse(row.body) as VehicleCheck;
  const serverFlags = JSON.parse(row.server_flags) as Flag[][];
  return {
    ...check,
    persons: check.persons.map((person, index) => ({ ...person, flags: serverFlags[index] ?? [] })),
  };
}
