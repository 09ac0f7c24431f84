// Days summed in SQL over check_tallies: one checkpoint's (the daily tally) or a whole region's in the same
// statements, so a region's figures are its checkpoints' figures by construction.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { canonicalPlace } from '../../domain/places.ts';
import { isMunicipality } from '../../domain/provinces.ts';
import {
  HOURS_PER_DAY,
  largerSkew,
  skewedClocksInTallyOrder,
  teamsInTallyOrder,
  type DailyTally,
  type SkewedClockTally,
  type TallyContext,
} from '../../domain/tally.ts';
import {
  DISPOSITIONS,
  FLAGS,
  ORIGIN_CLASSES,
  VEHICLE_TYPES,
  type Disposition,
  type OriginClass,
  type VehicleType,
} from '../../domain/vocabulary.ts';
import { FLAG_COLUMNS, flagColumn, PERSON_DISPOSITION_COLUMNS, personDispositionColumn } from './check-tallies.ts';
import type { Database } from './schema.ts';
import type { StoreDialect } from './store-context.ts';

/** The day summed: the same context the domain's tallyDay folds under, so the two cannot drift apart. */
export type DayScope = TallyContext;

/**
 * Checkpoints per set of statements. Each adds 4 parameters to the place list and 1 to the id list, far under
 * SQLite's 32,766; and a county's region (a few dozen to a few hundred checkpoints) is one or two sets.
 */
const CHECKPOINTS_PER_STATEMENT = 200;

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A row of the sums by kind: one group (PostgreSQL) or a checkpoint's day with a column per category (SQLite). */
type KindRow = Record<string, unknown> & {
  checkpoint_id: string;
  vehicles: unknown;
  persons: unknown;
  vehicle_type?: string;
  vehicle_disposition?: string;
  origin?: OriginClass;
};

interface HourRow {
  checkpoint_id: string;
  local_hour: unknown;
  team: string;
  device_id: string;
  vehicles: unknown;
  persons: unknown;
  skewed: unknown;
  most_ahead: unknown;
  most_behind: unknown;
}

interface NewestRow {
  checkpoint_id: string;
  completed_at: string;
}

/** A checkpoint's rows of the three statements. */
interface DayRows {
  kinds: KindRow[];
  hours: HourRow[];
  newestCompletedAt: string | null;
}

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
 * Each checkpoint's place keys as a table joined to its rows: the origin class of a vehicle depends on the checkpoint
 * that stopped it. Text throughout (PostgreSQL types a VALUES list of parameters as text).
 */
function placesOf(scopes: readonly DayScope[]): RawBuilder<unknown> {
  const rows = scopes.map(
    (scope) =>
      sql`(${scope.checkpointId}, ${canonicalPlace(scope.province)}, ${canonicalPlace(scope.city)}, ${
        isMunicipality(scope.province) ? '1' : '0'
      })`,
  );
  return sql`places(place_checkpoint_id, place_province_key, place_city_key, place_municipal) as (values ${sql.join(rows)})`;
}

/** The three statements for one set of checkpoints, their rows by checkpoint. */
async function readDays(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scopes: readonly DayScope[],
  date: string,
): Promise<Map<string, DayRows>> {
  const ids = sql.join(scopes.map((scope) => scope.checkpointId));
  // Found through the (checkpoint_id, local_day, completed_at_ms) index, a range per checkpoint.
  const ofDays = sql`checkpoint_id in (${ids}) and local_day = ${date}`;
  // An empty key never matches (as samePlace): a checkpoint without a province sees every vehicle from outside it.
  const sameProvince = sql`(origin_province_key <> '' and origin_province_key = place_province_key)`;
  // As originClass: in a municipality every vehicle of the province is local, so its city is the province's test.
  const sameCity = sql`(case when place_municipal = '1' then ${sameProvince} else (origin_city_key <> '' and origin_city_key = place_city_key) end)`;
  const originClass = sql<OriginClass>`case when ${sameProvince} and ${sameCity} then 'local' when ${sameProvince} then 'in-province' else 'out-of-province' end`;
  const personSums = sql.join(
    [...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].map(
      (column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`,
    ),
  );
  const joined = sql`with ${placesOf(scopes)} select`;
  const from = sql`from check_tallies join places on place_checkpoint_id = checkpoint_id where ${ofDays}`;
  // PostgreSQL hashes a group by cheaply: a few dozen groups per checkpoint by the vehicle's own keys, sums per row.
  // SQLite would sort each day for it (slower than the whole tally budget); one flat pass per checkpoint summing its
  // 0/1 comparisons is faster there, and its rows come grouped by checkpoint from the index already.
  const kindsQuery =
    dialect === 'postgres'
      ? sql<KindRow>`${joined} checkpoint_id, vehicle_type, vehicle_disposition, ${originClass} as origin,
          count(*) as vehicles, sum(person_count) as persons, sum(flagged_persons) as flagged_persons, ${personSums}
          ${from} group by 1, 2, 3, 4`
      : sql<KindRow>`${joined} checkpoint_id, count(*) as vehicles, sum(person_count) as persons,
          sum(flagged_persons) as flagged_persons, ${personSums},
          ${sql.join(VEHICLE_TYPES.map((type) => sql`sum(vehicle_type = ${type}) as ${sql.ref(`type_${type}`)}`))},
          ${sql.join(DISPOSITIONS.map((d) => sql`sum(vehicle_disposition = ${d}) as ${sql.ref(`disposition_${d}`)}`))},
          sum(${sameProvince} and ${sameCity}) as origin_local, sum(${sameProvince}) as origin_province
          ${from} group by checkpoint_id`;
  // Tablets too, so the devices need no pass of their own: a day has a few hundred (hour, team, tablet) groups.
  // A skew is stored only while the clock was off (tally-facts.ts): count() counts those checks, max and min give the
  // most ahead and the most behind.
  const hoursQuery = sql<HourRow>`
    select checkpoint_id, local_hour, team, device_id, count(*) as vehicles, sum(person_count) as persons,
      count(clock_skew_seconds) as skewed, max(clock_skew_seconds) as most_ahead,
      min(clock_skew_seconds) as most_behind
    from check_tallies where ${ofDays} group by 1, 2, 3, 4`;
  // Each checkpoint's newest check: SQLite takes the bare column from the row where max() found its value;
  // PostgreSQL's distinct on keeps the first row of each checkpoint in the order given.
  const newestQuery =
    dialect === 'postgres'
      ? sql<NewestRow>`select distinct on (checkpoint_id) checkpoint_id, completed_at from check_tallies
          where ${ofDays} order by checkpoint_id, completed_at_ms desc`
      : sql<NewestRow>`select checkpoint_id, max(completed_at_ms) as newest_ms, completed_at from check_tallies
          where ${ofDays} group by checkpoint_id`;
  const [kinds, hours, newest] = await Promise.all([
    kindsQuery.execute(db),
    hoursQuery.execute(db),
    newestQuery.execute(db),
  ]);

  const days = new Map<string, DayRows>(
    scopes.map((scope) => [scope.checkpointId, { kinds: [], hours: [], newestCompletedAt: null }]),
  );
  for (const row of kinds.rows) days.get(row.checkpoint_id)?.kinds.push(row);
  for (const row of hours.rows) days.get(row.checkpoint_id)?.hours.push(row);
  for (const row of newest.rows) {
    const day = days.get(row.checkpoint_id);
    if (day !== undefined) day.newestCompletedAt = row.completed_at;
  }
  return days;
}

/** The tablets of the days whose clocks were off, and their sums. */
function skewsOf(rows: readonly HourRow[]): Map<string, SkewSums> {
  const skews = new Map<string, SkewSums>();
  for (const row of rows) {
    const skewed = n(row.skewed);
    if (skewed === 0) continue;
    const known = skews.get(row.device_id);
    const ahead = n(row.most_ahead);
    const behind = n(row.most_behind);
    skews.set(row.device_id, {
      checks: (known?.checks ?? 0) + skewed,
      mostAhead: known === undefined ? ahead : Math.max(known.mostAhead, ahead),
      mostBehind: known === undefined ? behind : Math.min(known.mostBehind, behind),
    });
  }
  return skews;
}

/** One checkpoint's rows folded into tallyDay's answer. */
function foldDay(scope: DayScope, rows: DayRows, names: ReadonlyMap<string, string>): DailyTally {
  const vehiclesByType = zeros(VEHICLE_TYPES);
  const vehiclesByOrigin = zeros(ORIGIN_CLASSES);
  const vehicleDispositions = zeros(DISPOSITIONS);
  const flags = zeros(FLAGS);
  const personDispositions = zeros(DISPOSITIONS);
  let vehicles = 0;
  let persons = 0;
  let flaggedPersons = 0;
  for (const row of rows.kinds) {
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
  for (const row of rows.hours) {
    devices.add(row.device_id);
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
  const skewedClocks: SkewedClockTally[] = [...skewsOf(rows.hours)].map(([deviceId, sums]) => ({
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
    newestCompletedAt: rows.newestCompletedAt,
    skewedClocks: skewedClocksInTallyOrder(skewedClocks),
    flaggedPersons,
  };
}

/**
 * tallyDay's answer for each checkpoint's day, in the order given, summed in SQL over check_tallies (one row per
 * check, at its highest rev). Three statements per CHECKPOINTS_PER_STATEMENT checkpoints — the sums (per kind of
 * vehicle on PostgreSQL, one flat row per checkpoint on SQLite), per hour, team and tablet (with the clock skews each
 * tablet recorded), and the newest check — then the names of the tablets whose clocks were off, where any were. Every
 * scope is of the same date: each checkpoint's own local day of it, as local_day was written in its zone.
 */
export async function sumDays(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scopes: readonly DayScope[],
): Promise<DailyTally[]> {
  const date = scopes[0]?.date;
  // No checkpoint in the region: nothing to read.
  if (date === undefined) return [];
  if (scopes.some((scope) => scope.date !== date)) throw new Error('sumDays sums one date at a time');
  const rows = new Map<string, DayRows>();
  for (let start = 0; start < scopes.length; start += CHECKPOINTS_PER_STATEMENT) {
    const part = await readDays(db, dialect, scopes.slice(start, start + CHECKPOINTS_PER_STATEMENT), date);
    for (const [id, day] of part) rows.set(id, day);
  }
  const skewedDevices = [...rows.values()].flatMap((day) => [...skewsOf(day.hours).keys()]);
  const names = await deviceNames(db, [...new Set(skewedDevices)]);
  return scopes.map((scope) =>
    foldDay(scope, rows.get(scope.checkpointId) ?? { kinds: [], hours: [], newestCompletedAt: null }, names),
  );
}

/** One checkpoint's day: what GET /api/v1/tallies/daily answers. */
export async function sumDay(db: Kysely<Database>, dialect: StoreDialect, scope: DayScope): Promise<DailyTally> {
  const [tally] = await sumDays(db, dialect, [scope]);
  // sumDays answers one tally per scope given.
  if (tally === undefined) throw new Error('sumDays gave no tally for its one scope');
  return tally;
}
