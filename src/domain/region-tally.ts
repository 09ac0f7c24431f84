// The region's day (区域日报, issue 13): every checkpoint an admin's scope covers, each on its own local day exactly as
// its daily tally counts it, and the total of them all. Pure: the server sums every checkpoint's day at once (sumDays)
// and hands the days here; which checkpoints belong to the region is decided here too, so the console could say the same.
import { scopeCovers, type AdminScope, type ScopedPlace } from './admin-scope.ts';
import { samePlace } from './places.ts';
import {
  HOURS_PER_DAY,
  skewedClocksInTallyOrder,
  teamsInTallyOrder,
  type DailyTally,
  type SkewedClockTally,
  type VehiclesAndPersons,
} from './tally.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';

/** A checkpoint as the region's report names it. */
export interface RegionCheckpoint {
  checkpointId: string;
  name: string;
  province: string;
  city: string;
}

/**
 * One checkpoint's row: where it stands, then its own day, figure for figure as GET /api/v1/tallies/daily says. An
 * interface rather than an intersection, so the wire schema's compile-time proof (SameType) sees one object type.
 */
export interface RegionCheckpointTally extends RegionCheckpoint, DailyTally {}

/**
 * The region's figures: every checkpoint's summed. No checkpointId and no time zone, since the checkpoints may keep
 * different clocks: each hour of byHour is each checkpoint's own hour of its own day.
 */
export type RegionTotal = Omit<DailyTally, 'checkpointId' | 'timezone'>;

export interface RegionTally {
  /** 'YYYY-MM-DD': each checkpoint's own local day of that date. */
  date: string;
  checkpoints: RegionCheckpointTally[];
  total: RegionTotal;
}

/** The query's narrowing: names compare as places do ('湖南' = '湖南省'); absent: no narrowing. */
export interface RegionFilter {
  province?: string | undefined;
  city?: string | undefined;
}

/** Whether a checkpoint at `place` is in the region an admin of `scope` asked for with `filter`. */
export function inRegion(scope: AdminScope, filter: RegionFilter, place: ScopedPlace): boolean {
  return (
    scopeCovers(scope, place) &&
    (filter.province === undefined || samePlace(filter.province, place.province)) &&
    (filter.city === undefined || samePlace(filter.city, place.city))
  );
}

/**
 * Whether the filter names a place the scope holds none of (a city's admin asking for another city): refused rather
 * than answered with an empty region, which would read as a day without traffic there. A city named without its
 * province under a province's scope cannot be told apart from one of its own cities by name, so it only narrows.
 */
export function filterOutsideScope(scope: AdminScope, filter: RegionFilter): boolean {
  if (scope.kind === 'all') return false;
  if (filter.province !== undefined && !samePlace(filter.province, scope.province)) return true;
  return scope.kind === 'city' && filter.city !== undefined && !samePlace(filter.city, scope.city);
}

/** A checkpoint of the region with its day, as the server summed it. */
export interface CheckpointDay {
  checkpoint: RegionCheckpoint & { archivedAt: string | null };
  tally: DailyTally;
}

/**
 * The region's day from its checkpoints' days, in the order given. An archived checkpoint is listed only on a day it
 * has checks: it made figures then, and on other days it is no longer part of the region's work.
 */
export function regionTally(date: string, generatedAt: string, days: readonly CheckpointDay[]): RegionTally {
  const listed = days.filter(({ checkpoint, tally }) => checkpoint.archivedAt === null || tally.vehicles > 0);
  const checkpoints = listed.map(({ checkpoint, tally }) => ({
    ...tally,
    checkpointId: checkpoint.checkpointId,
    name: checkpoint.name,
    province: checkpoint.province,
    city: checkpoint.city,
  }));
  return {
    date,
    checkpoints,
    total: mergeTallies(
      listed.map(({ tally }) => tally),
      { date, generatedAt },
    ),
  };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function addInto<K extends string>(sum: Record<K, number>, keys: readonly K[], add: Readonly<Record<K, number>>): void {
  for (const key of keys) sum[key] += add[key];
}

/**
 * The sum of several days: every count and breakdown added, byHour hour by hour, byTeam by team name (a team of the
 * same name at two checkpoints is one row), tablets and flagged persons added (a tablet belongs to one checkpoint), the
 * newest check of them all, and every skewed clock listed in the tallies' order.
 */
export function mergeTallies(
  tallies: readonly DailyTally[],
  { date, generatedAt }: { date: string; generatedAt: string },
): RegionTotal {
  const vehiclesByType = zeros(VEHICLE_TYPES);
  const vehiclesByOrigin = zeros(ORIGIN_CLASSES);
  const flags = zeros(FLAGS);
  const personDispositions = zeros(DISPOSITIONS);
  const vehicleDispositions = zeros(DISPOSITIONS);
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, hour) => ({ hour, vehicles: 0, persons: 0 }));
  const teams = new Map<string, VehiclesAndPersons>();
  const skewedClocks: SkewedClockTally[] = [];
  let vehicles = 0;
  let persons = 0;
  let devices = 0;
  let flaggedPersons = 0;
  let newest: { epochMs: number; iso: string } | null = null;
  for (const tally of tallies) {
    vehicles += tally.vehicles;
    persons += tally.persons;
    devices += tally.devices;
    // Absent from a tally of before ADR 038: none counted then.
    flaggedPersons += tally.flaggedPersons ?? 0;
    addInto(vehiclesByType, VEHICLE_TYPES, tally.vehiclesByType);
    addInto(vehiclesByOrigin, ORIGIN_CLASSES, tally.vehiclesByOrigin);
    addInto(flags, FLAGS, tally.flags);
    addInto(personDispositions, DISPOSITIONS, tally.personDispositions);
    addInto(vehicleDispositions, DISPOSITIONS, tally.vehicleDispositions);
    for (const hour of tally.byHour) {
      const slot = byHour[hour.hour];
      if (slot === undefined) continue;
      slot.vehicles += hour.vehicles;
      slot.persons += hour.persons;
    }
    for (const [name, counts] of Object.entries(tally.byTeam)) {
      const team = teams.get(name) ?? { vehicles: 0, persons: 0 };
      teams.set(name, { vehicles: team.vehicles + counts.vehicles, persons: team.persons + counts.persons });
    }
    skewedClocks.push(...(tally.skewedClocks ?? []));
    // Compared as instants: the checkpoints' tablets write their own offsets ('+08:00', 'Z').
    if (tally.newestCompletedAt !== null) {
      const epochMs = Date.parse(tally.newestCompletedAt);
      if (newest === null || epochMs > newest.epochMs) newest = { epochMs, iso: tally.newestCompletedAt };
    }
  }
  return {
    date,
    vehicles,
    persons,
    vehiclesByType,
    vehiclesByOrigin,
    flags,
    personDispositions,
    vehicleDispositions,
    byHour,
    byTeam: teamsInTallyOrder(teams),
    devices,
    generatedAt,
    newestCompletedAt: newest?.iso ?? null,
    skewedClocks: skewedClocksInTallyOrder(skewedClocks),
    flaggedPersons,
  };
}
