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
 * Checkpoints per set of statements at most. Each adds one parameter to each statement, far under SQLite's 32,766;
 * a county's region (a few dozen to a few hundred checkpoints) is one or two sets on SQLite.
 */
const CHECKPOINTS_PER_STATEMENT = 200;

/**
 * PostgreSQL sums a region in this many parts at once, each its three statements on connections of their own: 9 of
 * the pool's 10 (pg's default), one left for the requests that come meanwhile. One part used one core for the sums
 * while the other waited (bench figure 21). SQLite is one connection and synchronous: its parts go one by one.
 */
const POSTGRES_PARTS_IN_FLIGHT = 3;

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
  /** Null on a day without checks. */
  completed_at: string | null;
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
 * What decides a vehicle's origin class at a checkpoint (originClass): its province's and city's keys, and whether
 * the province is a municipality. Checkpoints with the same are summed in the same statements, the keys written in
 * as constants: joining each row to its checkpoint's keys made SQLite sort the day for its group by.
 */
interface PlaceKeys {
  province: string;
  city: string;
  municipality: boolean;
}

const placeKeysOf = (scope: DayScope): PlaceKeys => ({
  province: canonicalPlace(scope.province),
  city: canonicalPlace(scope.city),
  municipality: isMunicipality(scope.province),
});

/** A check's row is out of the ordinary when a person is flagged or not released, or the vehicle is not released. */
const UNUSUAL = sql`(flagged_persons > 0 or ${sql.ref(personDispositionColumn('release'))} < person_count
  or vehicle_disposition <> 'release')`;

/**
 * SQLite's sums by kind for each checkpoint, as flat rows (a column per category), in two passes. Summing is most of
 * SQLite's time, and most of a day's checks are ordinary — every person unflagged and released, the vehicle released
 * — so their flag and disposition columns hold nothing a sum needs: the first pass sums what every row has
 * (vehicles, persons, types, origins) over the whole day and counts all of it released; the second sums the flags and
 * dispositions of the unusual rows alone and takes their vehicles and persons back out of the released (foldDay).
 */
function sqliteKinds(parts: {
  ofDays: RawBuilder<unknown>;
  originLocal: RawBuilder<unknown>;
  originProvince: RawBuilder<unknown>;
}): RawBuilder<KindRow>[] {
  const wholeDay = sql<KindRow>`select checkpoint_id, count(*) as vehicles, sum(person_count) as persons,
    1 as counted_released,
    ${sql.join(VEHICLE_TYPES.map((type) => sql`sum(vehicle_type = ${type}) as ${sql.ref(`type_${type}`)}`))},
    ${parts.originLocal} as origin_local, ${parts.originProvince} as origin_province
    from check_tallies where ${parts.ofDays} group by checkpoint_id`;
  const unusualRows = sql<KindRow>`select checkpoint_id, 0 as vehicles, 0 as persons,
    count(*) as unusual_vehicles, sum(person_count) as unusual_persons, sum(flagged_persons) as flagged_persons,
    ${sql.join([...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].map((column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`))},
    ${sql.join(DISPOSITIONS.map((d) => sql`sum(vehicle_disposition = ${d}) as ${sql.ref(`disposition_${d}`)}`))}
    from check_tallies where ${parts.ofDays} and ${UNUSUAL} group by checkpoint_id`;
  return [wholeDay, unusualRows];
}

/** The statements for a set of checkpoints of the same place keys, their rows by checkpoint. */
async function readDays(
  db: Kysely<Database>,
  dialect: StoreDialect,
  scopes: readonly DayScope[],
  place: PlaceKeys,
  date: string,
): Promise<Map<string, DayRows>> {
  const ids = sql.join(scopes.map((scope) => scope.checkpointId));
  // Found through the (checkpoint_id, local_day, completed_at_ms) index, a range per checkpoint.
  const ofDays = sql`checkpoint_id in (${ids}) and local_day = ${date}`;
  // An empty key never matches (as samePlace): a checkpoint without a province sees every vehicle from outside it.
  const sameProvince = sql`(origin_province_key <> '' and origin_province_key = ${place.province})`;
  // As originClass: in a municipality every vehicle of the province is local, so its city is the province's test.
  const sameCity = place.municipality ? sameProvince : sql`(origin_city_key <> '' and origin_city_key = ${place.city})`;
  const originClass = sql<OriginClass>`case when ${sameProvince} and ${sameCity} then 'local' when ${sameProvince} then 'in-province' else 'out-of-province' end`;
  const personSums = sql.join(
    [...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].map(
      (column) => sql`sum(${sql.ref(column)}) as ${sql.ref(column)}`,
    ),
  );
  // A skew is stored only while the clock was off (tally-facts.ts): count() counts those checks, max and min give the
  // most ahead and the most behind. Tablets too, so the devices need no pass of their own.
  const hoursQuery = sql<HourRow>`
    select checkpoint_id, local_hour, team, device_id, count(*) as vehicles, sum(person_count) as persons,
      count(clock_skew_seconds) as skewed, max(clock_skew_seconds) as most_ahead, min(clock_skew_seconds) as most_behind
    from check_tallies where ${ofDays} group by 1, 2, 3, 4`;
  // PostgreSQL hashes a group by cheaply: a few dozen groups per checkpoint by the vehicle's own keys, sums per row.
  // SQLite would sort for it; it sums flat rows per checkpoint instead, in two passes (sqliteKinds).
  const kindsQueries =
    dialect === 'postgres'
      ? [
          sql<KindRow>`select checkpoint_id, vehicle_type, vehicle_disposition, ${originClass} as origin,
            count(*) as vehicles, sum(person_count) as persons, sum(flagged_persons) as flagged_persons, ${personSums}
            from check_tallies where ${ofDays} group by 1, 2, 3, 4`,
        ]
      : sqliteKinds({
          ofDays,
          originLocal: sql`sum(${sameProvince} and ${sameCity})`,
          originProvince: sql`sum(${sameProvince})`,
        });
  // Each checkpoint's newest check: one probe at the end of its day's index range (its rows lie in completed_at_ms
  // order there), rather than a pass over the whole day.
  const newestQuery = sql<NewestRow>`
    with checkpoints(newest_of) as (values ${sql.join(scopes.map((scope) => sql`(${scope.checkpointId})`))})
    select newest_of as checkpoint_id,
      (select completed_at from check_tallies where checkpoint_id = newest_of and local_day = ${date}
        order by completed_at_ms desc limit 1) as completed_at
    from checkpoints`;
  const [hours, newest, ...kinds] = await Promise.all([
    hoursQuery.execute(db),
    newestQuery.execute(db),
    ...kindsQueries.map((query) => query.execute(db)),
  ]);

  const days = new Map<string, DayRows>(
    scopes.map((scope) => [scope.checkpointId, { kinds: [], hours: [], newestCompletedAt: null }]),
  );
  for (const result of kinds) for (const row of result.rows) days.get(row.checkpoint_id)?.kinds.push(row);
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
      // SQLite's flat rows (sqliteKinds): a column per category; the whole day counted released, the unusual rows
      // taken back out of it.
      for (const type of VEHICLE_TYPES) vehiclesByType[type] += n(row[`type_${type}`]);
      for (const d of DISPOSITIONS) vehicleDispositions[d] += n(row[`disposition_${d}`]);
      if (row['counted_released'] !== undefined) {
        vehicleDispositions.release += count;
        personDispositions.release += n(row.persons);
      }
      vehicleDispositions.release -= n(row['unusual_vehicles']);
      personDispositions.release -= n(row['unusual_persons']);
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
  // Checkpoints of the same place keys together, in parts of at most CHECKPOINTS_PER_STATEMENT; on PostgreSQL each
  // place's checkpoints also split so that POSTGRES_PARTS_IN_FLIGHT parts can run at once.
  const byPlace = new Map<string, { place: PlaceKeys; scopes: DayScope[] }>();
  for (const scope of scopes) {
    const place = placeKeysOf(scope);
    const key = JSON.stringify(place);
    const group = byPlace.get(key) ?? { place, scopes: [] };
    group.scopes.push(scope);
    byPlace.set(key, group);
  }
  const parts: { place: PlaceKeys; scopes: DayScope[] }[] = [];
  for (const { place, scopes: ofPlace } of byPlace.values()) {
    const size =
      dialect === 'postgres'
        ? Math.min(CHECKPOINTS_PER_STATEMENT, Math.ceil(ofPlace.length / POSTGRES_PARTS_IN_FLIGHT))
        : CHECKPOINTS_PER_STATEMENT;
    for (let start = 0; start < ofPlace.length; start += size) {
      parts.push({ place, scopes: ofPlace.slice(start, start + size) });
    }
  }
  const rows = new Map<string, DayRows>();
  const inFlight = dialect === 'postgres' ? POSTGRES_PARTS_IN_FLIGHT : 1;
  for (let first = 0; first < parts.length; first += inFlight) {
    const read = await Promise.all(
      parts.slice(first, first + inFlight).map((part) => readDays(db, dialect, part.scopes, part.place, date)),
    );
    for (const part of read) for (const [id, day] of part) rows.set(id, day);
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
