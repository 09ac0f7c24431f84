// The check_tallies rows, written beside each stored check (same transaction); day-sums.ts sums them.
import type { Insertable, Kysely } from 'kysely';
import { checkTallyFacts } from '../../domain/tally-facts.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { DISPOSITIONS, FLAGS, type Disposition, type Flag } from '../../domain/vocabulary.ts';
import { runBulkInsert, type BulkInsert } from './bulk-insert.ts';
import type { CheckTalliesTable, Database, FlagColumn, PersonDispositionColumn } from './schema.ts';

export const flagColumn = (flag: Flag): FlagColumn => `flag_${flag.replaceAll('-', '_')}` as FlagColumn;
export const personDispositionColumn = (d: Disposition): PersonDispositionColumn =>
  `persons_${d.replaceAll('-', '_')}` as PersonDispositionColumn;

export const FLAG_COLUMNS: readonly FlagColumn[] = FLAGS.map(flagColumn);
export const PERSON_DISPOSITION_COLUMNS: readonly PersonDispositionColumn[] = DISPOSITIONS.map(personDispositionColumn);

/**
 * Rows per INSERT: 31 columns × 500 = 15,500 parameters, under SQLite's 32,766 and PostgreSQL's 65,535 (a column per
 * flag and disposition: each one added costs 500 more).
 */
export const TALLY_INSERT_CHUNK_ROWS = 500;

export interface TallyRowSource {
  /** The check with each person's flags as the server derived them. */
  check: VehicleCheck;
  localDay: string;
  localHour: number;
  completedAtMs: number;
}

export function tallyRow({ check, localDay, localHour, completedAtMs }: TallyRowSource): Insertable<CheckTalliesTable> {
  const facts = checkTallyFacts(check);
  const row: Insertable<CheckTalliesTable> = {
    id: check.id,
    checkpoint_id: check.checkpointId,
    local_day: localDay,
    local_hour: localHour,
    team: check.team,
    device_id: check.deviceId,
    completed_at: check.completedAt,
    completed_at_ms: completedAtMs,
    vehicle_type: facts.vehicleType,
    origin_province_key: facts.originProvinceKey,
    origin_city_key: facts.originCityKey,
    vehicle_disposition: facts.vehicleDisposition,
    person_count: facts.persons,
    clock_skew_seconds: facts.clockSkewSeconds,
    flagged_persons: facts.flaggedPersons,
    ...(Object.fromEntries(FLAGS.map((flag) => [flagColumn(flag), facts.flags[flag]])) as Record<FlagColumn, number>),
    ...(Object.fromEntries(
      DISPOSITIONS.map((d) => [personDispositionColumn(d), facts.personDispositions[d]]),
    ) as Record<PersonDispositionColumn, number>),
  };
  return row;
}

/** Every check_tallies column, in the order the writers bind them. */
export const TALLY_COLUMNS = [
  'id',
  'checkpoint_id',
  'local_day',
  'local_hour',
  'team',
  'device_id',
  'completed_at',
  'completed_at_ms',
  'vehicle_type',
  'origin_province_key',
  'origin_city_key',
  'vehicle_disposition',
  'person_count',
  'clock_skew_seconds',
  'flagged_persons',
  ...FLAG_COLUMNS,
  ...PERSON_DISPOSITION_COLUMNS,
] as const satisfies readonly (keyof CheckTalliesTable)[];

const TALLY_INSERT: BulkInsert = {
  table: 'check_tallies',
  columns: TALLY_COLUMNS,
  tail: '',
};

/** Inserts rows of checks stored for the first time, one statement per chunk (bulk-insert.ts). */
export async function insertTallyRows(
  trx: Kysely<Database>,
  rows: readonly Insertable<CheckTalliesTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += TALLY_INSERT_CHUNK_ROWS) {
    await runBulkInsert(trx as Kysely<unknown>, TALLY_INSERT, rows.slice(i, i + TALLY_INSERT_CHUNK_ROWS));
  }
}

/** Inserts the rows, or replaces the row of an id already there (a higher rev of the check). */
export async function upsertTallyRows(
  trx: Kysely<Database>,
  rows: readonly Insertable<CheckTalliesTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += TALLY_INSERT_CHUNK_ROWS) {
    const chunk = rows.slice(i, i + TALLY_INSERT_CHUNK_ROWS);
    const first = chunk[0];
    if (first === undefined) continue;
    const columns = Object.keys(first).filter((column) => column !== 'id') as (keyof CheckTalliesTable)[];
    await trx
      .insertInto('check_tallies')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]))),
      )
      .execute();
  }
}
