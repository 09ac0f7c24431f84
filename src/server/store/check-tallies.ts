// The check_tallies rows: written beside each stored check (same transaction), and a day summed from them in SQL.
import { sql, type Insertable, type Kysely } from 'kysely';
import { canonicalPlace } from '../../domain/places.ts';
import { isMunicipality } from '../../domain/provinces.ts';
import { checkTallyFacts } from '../../domain/tally-facts.ts';
import {
  HOURS_PER_DAY,
  largerSkew,
  skewedClocksInTallyOrder,
  teamsInTallyOrder,
  type DailyTally,
  type SkewedClockTally,
  type TallyContext,
} from '../../domain/tally.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import {
  DISPOSITIONS,
  FLAGS,
  ORIGIN_CLASSES,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type OriginClass,
  type VehicleType,
} from '../../domain/vocabulary.ts';
import { runBulkInsert, type BulkInsert } from './bulk-insert.ts';
import type { CheckTalliesTable, Database, FlagColumn, PersonDispositionColumn } from './schema.ts';
import type { StoreDialect } from './store-context.ts';

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

/** The day summed: the same context the domain's tallyDay folds under, so the two cannot drift apart. */
export type DayScope = TallyContext;

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A row of the sums by kind: one group (PostgreSQL) or the whole day with a column per category (SQLite). */
type KindRow = Record<string, unknown> & {
  vehicles: unknown;
  persons: unknown;
  vehicle_type?: string;
  vehicle_disposition?: string;
  origin?: OriginClass;
};

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** A tablet's checks made with its clock off, as summed so far over its (hour, team) groups. */
interface SkewSums {
  checks: number;
  mostAhead: number;
  mostBehind: number;
}

/** The names of the tablets given, by id (an id the server never enrolled has none). */
async function deviceNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('devices').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * tallyDay's answer for a checkpoint's day, summed in SQL over check_tallies (one row per check, at its highest rev).
 * Three statements over the day's rows, found by (checkpoint_id, local_day, completed_at_ms): the sums (per kind of
 * vehicle on PostgreSQL, one flat row on SQLite), per hour, team and tablet (with the clock skews each tablet recorded),
 * and the newest check; then the names of the tablets whose clocks were off, on a day that has any.
 */
export async function sumDay(db: Kysely<Database>, dialect: StoreDialect, scope: DayScope): Promise<DailyTally> {
  const provinceKey = canonicalPlace(scope.province);
  const cityKey = canonicalPlace(scope.city);
  const ofDay = sql`checkpoint_id = ${scope.checkpointId} and local_day = ${scope.date}`;
  // An empty key never matches (as samePlace): a checkpoint without a province sees every vehicle from outside it.
  const sameProvince = sql`(origin_province_key <> '' and origin_province_key = ${provinceKey})`;
  // As originClass: in a municipality every vehicle of the province is local, so its city is the province's test.
  const sameCity = isMunicipality(scope.province)
    ? sameProvince
    : sql`(origin_city_key <> '' and origin_city_key = ${cityKey})`;
  const originClass = sql<OriginClass>`case when ${sameProvince} and ${sameCity} then 'local' when ${sameProvince} then 'in-province' else 'out-of-province' end`;
  const personSums = sql.join(
    [...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].map(
      (column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`,
    ),
  );
  // PostgreSQL hashes a group by cheaply: a few dozen groups by the vehicle's own keys, sums per row. SQLite would
  // sort the day for it (slower than the whole tally budget); one flat pass summing its 0/1 comparisons is faster there.
  const kindsQuery =
    dialect === 'postgres'
      ? sql<KindRow>`
          select vehicle_type, vehicle_disposition, ${originClass} as origin, count(*) as vehicles,
            sum(person_count) as persons, sum(flagged_persons) as flagged_persons, ${personSums}
          from check_tallies where ${ofDay} group by 1, 2, 3`
      : sql<KindRow>`
          select count(*) as vehicles, sum(person_count) as persons, sum(flagged_persons) as flagged_persons,
            ${personSums},
            ${sql.join(VEHICLE_TYPES.map((type) => sql`sum(vehicle_type = ${type}) as ${sql.ref(`type_${type}`)}`))},
            ${sql.join(DISPOSITIONS.map((d) => sql`sum(vehicle_disposition = ${d}) as ${sql.ref(`disposition_${d}`)}`))},
            sum(${sameProvince} and ${sameCity}) as origin_local, sum(${sameProvince}) as origin_province
          from check_tallies where ${ofDay}`;
  // Tablets too, so the devices need no pass of their own: a day has a few hundred (hour, team, tablet) groups.
  // A skew is stored only while the clock was off (tally-facts.ts): count() counts those checks, max and min give the
  // most ahead and the most behind.
  const byHourAndTeamQuery = sql<{
    local_hour: unknown;
    team: string;
    device_id: string;
    vehicles: unknown;
    persons: unknown;
    skewed: unknown;
    most_ahead: unknown;
    most_behind: unknown;
  }>`
    select local_hour, team, device_id, count(*) as vehicles, sum(person_count) as persons,
      count(clock_skew_seconds) as skewed, max(clock_skew_seconds) as most_ahead,
      min(clock_skew_seconds) as most_behind
    from check_tallies where ${ofDay} group by 1, 2, 3`;
  const newestQuery = sql<{ completed_at: string }>`
    select completed_at from check_tallies where ${ofDay} order by completed_at_ms desc limit 1`;
  const [kinds, byHourAndTeam, newest] = await Promise.all([
    kindsQuery.execute(db),
    byHourAndTeamQuery.execute(db),
    newestQuery.execute(db),
  ]);

  const vehiclesByType = zeros(VEHICLE_TYPES);
  const vehiclesByOrigin = zeros(ORIGIN_CLASSES);
  const vehicleDispositions = zeros(DISPOSITIONS);
  const flags = zeros(FLAGS);
  const personDispositions = zeros(DISPOSITIONS);
  let vehicles = 0;
  let persons = 0;
  let flaggedPersons = 0;
  for (const row of kinds.rows) {
    const count = n(row.vehicles);
    vehicles += count;
    persons += n(row.persons);
    flaggedPersons += n(row['flagged_persons']);
    for (const flag of FLAGS) flags[flag] += n(row[flagColumn(flag)]);
    for (const d of DISPOSITIONS) personDispositions[d] += n(row[personDispositionColumn(d)]);
    if (row.vehicle_type !== undefined && row.vehicle_disposition !== undefined && row.origin !== undefined) {
      // A group: all its vehicles share the type, disposition and origin class.
      vehiclesByType[row.vehicle_type as VehicleType] += count;
      vehicleDispositions[row.vehicle_disposition as Disposition] += count;
      vehiclesByOrigin[row.origin] += count;
    } else {
      // The flat row: a column per category.
      for (const type of VEHICLE_TYPES) vehiclesByType[type] += n(row[`type_${type}`]);
      for (const d of DISPOSITIONS) vehicleDispositions[d] += n(row[`disposition_${d}`]);
      const local = n(row['origin_local']);
      const province = n(row['origin_province']);
      vehiclesByOrigin.local += local;
      vehiclesByOrigin['in-province'] += province - local;
      vehiclesByOrigin['out-of-province'] += count - province;
    }
  }
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, hour) => ({ hour, vehicles: 0, persons: 0 }));
  const teams = new Map<string, { vehicles: number; persons: number }>();
  const devices = new Set<string>();
  const skews = new Map<string, SkewSums>();
  for (const row of byHourAndTeam.rows) {
    devices.add(row.device_id);
    const skewed = n(row.skewed);
    if (skewed > 0) {
      const known = skews.get(row.device_id);
      const ahead = n(row.most_ahead);
      const behind = n(row.most_behind);
      skews.set(row.device_id, {
        checks: (known?.checks ?? 0) + skewed,
        mostAhead: known === undefined ? ahead : Math.max(known.mostAhead, ahead),
        mostBehind: known === undefined ? behind : Math.min(known.mostBehind, behind),
      });
    }
    const count = n(row.vehicles);
    const people = n(row.persons);
    const slot = byHour[n(row.local_hour)];
    if (slot !== undefined) {
      slot.vehicles += count;
      slot.persons += people;
    }
    const team = teams.get(row.team) ?? { vehicles: 0, persons: 0 };
    team.vehicles += count;
    team.persons += people;
    teams.set(row.team, team);
  }
  const names = await deviceNames(db, [...skews.keys()]);
  const skewedClocks: SkewedClockTally[] = [...skews].map(([deviceId, sums]) => ({
    deviceId,
    deviceName: names.get(deviceId) ?? null,
    largestSkewSeconds: largerSkew(sums.mostAhead, sums.mostBehind),
    checks: sums.checks,
  }));
  return {
    checkpointId: scope.checkpointId,
    date: scope.date,
    timezone: scope.timeZone,
    vehicles,
    persons,
    vehiclesByType,
    vehiclesByOrigin,
    flags,
    personDispositions,
    vehicleDispositions,
    byHour,
    byTeam: teamsInTallyOrder(teams),
    devices: devices.size,
    generatedAt: scope.generatedAt,
    newestCompletedAt: newest.rows[0]?.completed_at ?? null,
    skewedClocks: skewedClocksInTallyOrder(skewedClocks),
    flaggedPersons,
  };
}
