// The daily report (日报) of one checkpoint: a pure fold of its vehicle checks over one local day.
import { HOURS_PER_DAY, ORIGIN_CLASSES, type DailyTally, type OriginClass } from '../contract/tally.ts';
import {
  DISPOSITIONS,
  FLAGS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type Origin,
  type VehicleType,
} from '../contract/vehicle-check.ts';
import { samePlace } from './flags.ts';
import { formatInZone } from './time.ts';

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
}

// A zone's offset is constant within almost every quarter hour (transitions fall on whole minutes, far apart).
const OFFSET_BUCKET_MS = 15 * 60_000;

/**
 * 'YYYY-MM-DDTHH' of an instant in the zone. Intl formatting is most of a 13,000-check day's fold, so the offset
 * is formatted once per quarter hour and reused when it is the same at both ends of that quarter hour.
 */
function dayAndHourIn(timeZone: string): (epochMs: number) => string {
  const offsets = new Map<number, number | null>();
  const offsetAt = (epochMs: number): number => {
    const wall = formatInZone(epochMs, timeZone);
    return Date.parse(`${wall.slice(0, 19)}Z`) - Math.floor(epochMs / 1000) * 1000;
  };
  // With an offset of whole quarter hours (every zone today) a quarter hour lies within one local hour: its
  // day and hour are formatted once, not per check.
  const dayAndHours = new Map<number, string>();
  return (epochMs) => {
    const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
    const known = dayAndHours.get(bucket);
    if (known !== undefined) return known;
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = offsetAt(bucket * OFFSET_BUCKET_MS);
      offset = start === offsetAt((bucket + 1) * OFFSET_BUCKET_MS - 1) ? start : null;
      offsets.set(bucket, offset);
    }
    if (offset === null) return formatInZone(epochMs, timeZone).slice(0, 13);
    const dayAndHour = new Date(epochMs + offset).toISOString().slice(0, 13);
    if (offset % OFFSET_BUCKET_MS === 0) dayAndHours.set(bucket, dayAndHour);
    return dayAndHour;
  };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** Where a vehicle came from, seen from the checkpoint. */
export function originClass(origin: Origin, checkpoint: { province: string; city: string }): OriginClass {
  if (!samePlace(origin.province, checkpoint.province)) return 'out-of-province';
  return samePlace(origin.city, checkpoint.city) ? 'local' : 'in-province';
}

/** Each id once, at its highest rev (the first copy seen wins a tie). */
export function latestRevisions<C extends Pick<TallySource, 'id' | 'rev'>>(checks: readonly C[]): C[] {
  const latest = new Map<string, C>();
  for (const check of checks) {
    const known = latest.get(check.id);
    if (known === undefined || check.rev > known.rev) latest.set(check.id, check);
  }
  return [...latest.values()];
}

/**
 * The teams of a day in the report's order: by code unit, the same on every tablet and server whatever the
 * database's collation, so two tallies of the same day compare equal.
 */
export function teamsInTallyOrder(teams: ReadonlyMap<string, DailyTally['byTeam'][string]>): DailyTally['byTeam'] {
  return Object.fromEntries([...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
  let vehicles = 0;
  let persons = 0;
  let newest: { epochMs: number; iso: string } | null = null;
  const localDayAndHour = dayAndHourIn(timeZone);
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
  };
}
