// The daily report (日报) of one checkpoint: a pure fold of its vehicle checks over one local day, and its shape
// (api.md "Tallies and exports"; the wire schema is src/contract/tally.ts).
import { isClockOff } from './clock-skew.ts';
import { samePlace } from './places.ts';
import { isMunicipality } from './provinces.ts';
import { latestRevisions } from './revisions.ts';
import { localDayAndHourReader } from './time.ts';
import type { Origin } from './vehicle-check.ts';
import {
  DISPOSITIONS,
  FLAGS,
  ORIGIN_CLASSES,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type OriginClass,
  type VehicleType,
} from './vocabulary.ts';

export const HOURS_PER_DAY = 24;

export interface VehiclesAndPersons {
  vehicles: number;
  persons: number;
}

export interface HourTally {
  /** 0–23 on the checkpoint's clock. */
  hour: number;
  vehicles: number;
  persons: number;
}

/** A tablet that made checks of the day while its clock was off (src/domain/clock-skew.ts, ADR 035). */
export interface SkewedClockTally {
  deviceId: string;
  /** As it was enrolled; null when the one counting does not know the tablet (checks an admin loaded). */
  deviceName: string | null;
  /** The skew of largest size among those checks, in seconds: the tablet's clock minus the server's. */
  largestSkewSeconds: number;
  /** Its checks of the day made while its clock was off. */
  checks: number;
}

/** One checkpoint's local day, merged across its tablets; every key of every breakdown present, zeros included. */
export interface DailyTally {
  checkpointId: string;
  /** 'YYYY-MM-DD' */
  date: string;
  /** IANA zone of the checkpoint: decides each check's day and hour. */
  timezone: string;
  vehicles: number;
  persons: number;
  vehiclesByType: Record<VehicleType, number>;
  vehiclesByOrigin: Record<OriginClass, number>;
  /** Persons with each flag. */
  flags: Record<Flag, number>;
  personDispositions: Record<Disposition, number>;
  vehicleDispositions: Record<Disposition, number>;
  /** HOURS_PER_DAY rows, hour 0 first. */
  byHour: HourTally[];
  byTeam: Record<string, VehiclesAndPersons>;
  /** Tablets that contributed checks to this day. */
  devices: number;
  // Fields below were added to v1 (allowed: fields may be added, none renamed or dropped).
  /** When the tally was computed. */
  generatedAt: string;
  /** completedAt of the newest check counted, as the tablet sent it; null on a day with no checks. */
  newestCompletedAt: string | null;
  /**
   * The tablets whose clocks were off while they made checks of the day, the largest skew first (then by deviceId);
   * empty when none was. Absent from servers before ADR 035.
   */
  skewedClocks?: SkewedClockTally[] | undefined;
  /** Persons with at least one flag, each once (the command's checkpoint list); absent from servers before ADR 038. */
  flaggedPersons?: number | undefined;
}

export interface TallyContext {
  checkpointId: string;
  /** 'YYYY-MM-DD', the checkpoint's local day. */
  date: string;
  /** The checkpoint's IANA zone. */
  timeZone: string;
  /** The checkpoint's own province and city: decide local / in-province / out-of-province. */
  province: string;
  city: string;
  /** ISO time reported as generatedAt; a parameter so the fold stays pure. */
  generatedAt: string;
  /** Names of the tablets, by deviceId, for the skewed clocks; a tablet not named here is listed with a null name. */
  deviceNames?: ReadonlyMap<string, string>;
}

/**
 * What the tally reads of a check. A VehicleCheck is one; the tablet keeps a slimmer copy of each check in this
 * shape (src/db, ADR 013) so its report does not read whole checks, and both count with the same fold.
 */
export interface TallySource {
  id: string;
  rev: number;
  checkpointId: string;
  deviceId: string;
  team: string;
  completedAt: string;
  vehicle: { type: VehicleType; origin: Origin };
  disposition: Disposition;
  persons: readonly { flags: readonly Flag[]; disposition: Disposition }[];
  /** The tablet's clock minus the server's when the check was made, while it was off (VehicleCheck's field). */
  clockSkewSeconds?: number | undefined;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Where a vehicle came from, seen from the checkpoint. An origin without a city in the checkpoint's province (a
 * province-level plate office, a letter several cities share, a city left empty) is in-province. A municipality is
 * its own only city: at a checkpoint in one, every vehicle from it is local, whatever district either names.
 */
export function originClass(origin: Origin, checkpoint: { province: string; city: string }): OriginClass {
  if (!samePlace(origin.province, checkpoint.province)) return 'out-of-province';
  if (isMunicipality(checkpoint.province)) return 'local';
  return samePlace(origin.city, checkpoint.city) ? 'local' : 'in-province';
}

/**
 * The teams of a day in the report's order: by code unit, the same on every tablet and server whatever the
 * database's collation, so two tallies of the same day compare equal.
 */
export function teamsInTallyOrder(teams: ReadonlyMap<string, DailyTally['byTeam'][string]>): DailyTally['byTeam'] {
  return Object.fromEntries([...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Orders the skewed clocks of a day: the largest skew first, then by deviceId in code units, on every side alike. */
export function skewedClocksInTallyOrder(clocks: Iterable<SkewedClockTally>): SkewedClockTally[] {
  return [...clocks].sort((a, b) => {
    const bySize = Math.abs(b.largestSkewSeconds) - Math.abs(a.largestSkewSeconds);
    if (bySize !== 0) return bySize;
    return a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0;
  });
}

/** Of a tablet's skews, the one of largest size; of two of the same size, the one ahead (as the SQL picks it). */
export function largerSkew(a: number, b: number): number {
  if (Math.abs(a) !== Math.abs(b)) return Math.abs(a) > Math.abs(b) ? a : b;
  return Math.max(a, b);
}

/**
 * The checkpoint's tally of `context.date`: each check counted once at its highest rev, on the local day
 * and hour of its completedAt; flags as each person's `flags` say (the server passes its own derivation).
 * Checks of other days or other checkpoints are ignored.
 */
export function tallyDay(checks: readonly TallySource[], context: TallyContext): DailyTally {
  const { checkpointId, date, timeZone } = context;
  const vehiclesByType = zeros(VEHICLE_TYPES);
  const vehiclesByOrigin = zeros(ORIGIN_CLASSES);
  const flags = zeros(FLAGS);
  const personDispositions = zeros(DISPOSITIONS);
  const vehicleDispositions = zeros(DISPOSITIONS);
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, hour) => ({ hour, vehicles: 0, persons: 0 }));
  const byTeam = new Map<string, { vehicles: number; persons: number }>();
  const devices = new Set<string>();
  const skewedClocks = new Map<string, SkewedClockTally>();
  let vehicles = 0;
  let persons = 0;
  let flaggedPersons = 0;
  let newest: { epochMs: number; iso: string } | null = null;
  const localDayAndHour = localDayAndHourReader(timeZone);
  // A day's vehicles come from a few hundred places at most; place names are compared after normalising them.
  const originClasses = new Map<string, OriginClass>();
  const originClassOf = (origin: Origin): OriginClass => {
    const key = `${origin.province}\u0000${origin.city}`;
    let known = originClasses.get(key);
    if (known === undefined) {
      known = originClass(origin, context);
      originClasses.set(key, known);
    }
    return known;
  };

  for (const check of latestRevisions(checks)) {
    if (check.checkpointId !== checkpointId) continue;
    const epochMs = Date.parse(check.completedAt);
    const local = localDayAndHour(epochMs);
    if (local.slice(0, 10) !== date) continue;
    const occupants = check.persons.length;
    vehicles += 1;
    persons += occupants;
    vehiclesByType[check.vehicle.type] += 1;
    vehiclesByOrigin[originClassOf(check.vehicle.origin)] += 1;
    vehicleDispositions[check.disposition] += 1;
    for (const person of check.persons) {
      personDispositions[person.disposition] += 1;
      // A person counts once per flag even if a list repeats one. Most persons have none: no Set for them.
      if (person.flags.length === 0) continue;
      flaggedPersons += 1;
      for (const flag of new Set<Flag>(person.flags)) flags[flag] += 1;
    }
    const hourRow = byHour[Number(local.slice(11, 13))];
    if (hourRow !== undefined) {
      hourRow.vehicles += 1;
      hourRow.persons += occupants;
    }
    const team = byTeam.get(check.team) ?? { vehicles: 0, persons: 0 };
    team.vehicles += 1;
    team.persons += occupants;
    byTeam.set(check.team, team);
    devices.add(check.deviceId);
    if (isClockOff(check.clockSkewSeconds)) {
      const known = skewedClocks.get(check.deviceId);
      skewedClocks.set(check.deviceId, {
        deviceId: check.deviceId,
        deviceName: context.deviceNames?.get(check.deviceId) ?? null,
        largestSkewSeconds:
          known === undefined ? check.clockSkewSeconds : largerSkew(known.largestSkewSeconds, check.clockSkewSeconds),
        checks: (known?.checks ?? 0) + 1,
      });
    }
    if (newest === null || epochMs > newest.epochMs) newest = { epochMs, iso: check.completedAt };
  }

  return {
    checkpointId,
    date,
    timezone: timeZone,
    vehicles,
    persons,
    vehiclesByType,
    vehiclesByOrigin,
    flags,
    personDispositions,
    vehicleDispositions,
    byHour,
    byTeam: teamsInTallyOrder(byTeam),
    devices: devices.size,
    generatedAt: context.generatedAt,
    newestCompletedAt: newest?.iso ?? null,
    skewedClocks: skewedClocksInTallyOrder(skewedClocks.values()),
    flaggedPersons,
  };
}
