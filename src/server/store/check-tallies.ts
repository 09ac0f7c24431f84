// The check_tallies rows: written beside each stored check (same transaction), and a day summed from them in SQL.
import { sql, type Insertable, type Kysely } from 'kysely';
import { HOURS_PER_DAY, ORIGIN_CLASSES, type DailyTally, type OriginClass } from '../../contract/tally.ts';
import { DISPOSITIONS, FLAGS, VEHICLE_TYPES, type Disposition, type Flag, type VehicleCheck } from '../../contract/vehicle-check.ts';
import { canonicalPlace } from '../../domain/flags.ts';
import { checkTallyFacts } from '../../domain/tally-facts.ts';
import type { CheckTalliesTable, Database, FlagColumn, PersonDispositionColumn } from './schema.ts';

export const flagColumn = (flag: Flag): FlagColumn => `flag_${flag.replaceAll('-', '_')}` as FlagColumn;
export const personDispositionColumn = (d: Disposition): PersonDispositionColumn =>
  `persons_${d.replaceAll('-', '_')}` as PersonDispositionColumn;

export const FLAG_COLUMNS: readonly FlagColumn[] = FLAGS.map(flagColumn);
export const PERSON_DISPOSITION_COLUMNS: readonly PersonDispositionColumn[] = DISPOSITIONS.map(personDispositionColumn);

/**
 * Rows per INSERT: 33 columns × 500 = 16,500 parameters, under SQLite's 32,766 and PostgreSQL's 65,535.
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
    ...(Object.fromEntries(FLAGS.map((flag) => [flagColumn(flag), facts.flags[flag]])) as Record<FlagColumn, number>),
    ...(Object.fromEntries(DISPOSITIONS.map((d) => [personDispositionColumn(d), facts.personDispositions[d]])) as Record<
      PersonDispositionColumn,
      number
    >),
  };
  return row;
}

/** Inserts the rows, or replaces the row of an id already there (a higher rev of the check). */
export async function upsertTallyRows(trx: Kysely<Database>, rows: readonly Insertable<CheckTalliesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += TALLY_INSERT_CHUNK_ROWS) {
    const chunk = rows.slice(i, i + TALLY_INSERT_CHUNK_ROWS);
    const first = chunk[0];
    if (first === undefined) continue;
    const columns = Object.keys(first).filter((column) => column !== 'id') as (keyof CheckTalliesTable)[];
    await trx
      .insertInto('check_tallies')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]))),
      )
      .execute();
  }
}

export interface DayScope {
  checkpointId: string;
  date: string;
  timeZone: string;
  province: string;
  city: string;
  generatedAt: string;
}

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * tallyDay's answer for a checkpoint's day, summed in SQL over check_tallies (one row per check, at its highest rev).
 * Four statements through the (checkpoint_id, local_day) index: the totals, per hour, per team, the newest check.
 */
export async function sumDay(db: Kysely<Database>, scope: DayScope): Promise<DailyTally> {
  const provinceKey = canonicalPlace(scope.province);
  const cityKey = canonicalPlace(scope.city);
  const ofDay = sql`checkpoint_id = ${scope.checkpointId} and local_day = ${scope.date}`;
  // An empty key never matches (as samePlace): a checkpoint without a province sees every vehicle from outside it.
  const sameProvince = sql`(origin_province_key <> '' and origin_province_key = ${provinceKey})`;
  const sameCity = sql`(origin_city_key <> '' and origin_city_key = ${cityKey})`;
  const originCase: Record<OriginClass, ReturnType<typeof sql>> = {
    local: sql`${sameProvince} and ${sameCity}`,
    'in-province': sql`${sameProvince} and not ${sameCity}`,
    'out-of-province': sql`not ${sameProvince}`,
  };
  const selections = [
    sql`count(*) as vehicles`,
    sql`sum(person_count) as persons`,
    sql`count(distinct device_id) as devices`,
    ...VEHICLE_TYPES.map((type) => sql`sum(case when vehicle_type = ${type} then 1 else 0 end) as ${sql.ref(`type_${type}`)}`),
    ...ORIGIN_CLASSES.map((origin) => sql`sum(case when ${originCase[origin]} then 1 else 0 end) as ${sql.ref(`origin_${origin.replaceAll('-', '_')}`)}`),
    ...DISPOSITIONS.map((d) => sql`sum(case when vehicle_disposition = ${d} then 1 else 0 end) as ${sql.ref(`vehicle_${d.replaceAll('-', '_')}`)}`),
    ...FLAG_COLUMNS.map((column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`),
    ...PERSON_DISPOSITION_COLUMNS.map((column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`),
  ];
  const totalsQuery = sql<Record<string, unknown>>`select ${sql.join(selections)} from check_tallies where ${ofDay}`;
  const hoursQuery = sql<{ local_hour: unknown; vehicles: unknown; persons: unknown }>`
    select local_hour, count(*) as vehicles, sum(person_count) as persons from check_tallies where ${ofDay} group by local_hour`;
  const teamsQuery = sql<{ team: string; vehicles: unknown; persons: unknown }>`
    select team, count(*) as vehicles, sum(person_count) as persons from check_tallies where ${ofDay} group by team`;
  const newestQuery = sql<{ completed_at: string }>`
    select completed_at from check_tallies where ${ofDay} order by completed_at_ms desc limit 1`;
  const [totals, hours, teams, newest] = await Promise.all([
    totalsQuery.execute(db),
    hoursQuery.execute(db),
    teamsQuery.execute(db),
    newestQuery.execute(db),
  ]);
  const t = totals.rows[0] ?? {};
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, hour) => ({ hour, vehicles: 0, persons: 0 }));
  for (const row of hours.rows) {
    const slot = byHour[n(row.local_hour)];
    if (slot !== undefined) {
      slot.vehicles = n(row.vehicles);
      slot.persons = n(row.persons);
    }
  }
  const byTeam = Object.fromEntries(
    teams.rows
      .map((row) => [row.team, { vehicles: n(row.vehicles), persons: n(row.persons) }] as const)
      // tallyDay's order: by code unit, whatever the database's collation.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    checkpointId: scope.checkpointId,
    date: scope.date,
    timezone: scope.timeZone,
    vehicles: n(t['vehicles']),
    persons: n(t['persons']),
    vehiclesByType: Object.fromEntries(VEHICLE_TYPES.map((type) => [type, n(t[`type_${type}`])])) as DailyTally['vehiclesByType'],
    vehiclesByOrigin: Object.fromEntries(
      ORIGIN_CLASSES.map((origin) => [origin, n(t[`origin_${origin.replaceAll('-', '_')}`])]),
    ) as DailyTally['vehiclesByOrigin'],
    flags: Object.fromEntries(FLAGS.map((flag) => [flag, n(t[flagColumn(flag)])])) as DailyTally['flags'],
    personDispositions: Object.fromEntries(
      DISPOSITIONS.map((d) => [d, n(t[personDispositionColumn(d)])]),
    ) as DailyTally['personDispositions'],
    vehicleDispositions: Object.fromEntries(
      DISPOSITIONS.map((d) => [d, n(t[`vehicle_${d.replaceAll('-', '_')}`])]),
    ) as DailyTally['vehicleDispositions'],
    byHour,
    byTeam,
    devices: n(t['devices']),
    generatedAt: scope.generatedAt,
    newestCompletedAt: newest.rows[0]?.completed_at ?? null,
  };
}
