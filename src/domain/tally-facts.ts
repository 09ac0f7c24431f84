// What one stored check adds to its day's tally, as flat numbers and keys: the server keeps these beside each check so
// a day is summed in SQL instead of re-reading every check. Folded together they give what tallyDay gives.
import { isClockOff } from './clock-skew.ts';
import { canonicalPlace } from './places.ts';
import type { VehicleCheck } from './vehicle-check.ts';
import { DISPOSITIONS, FLAGS, type Disposition, type Flag, type VehicleType } from './vocabulary.ts';

export interface CheckTallyFacts {
  vehicleType: VehicleType;
  /** canonicalPlace of the origin's province and city: compared with the checkpoint's when the day is summed. */
  originProvinceKey: string;
  originCityKey: string;
  vehicleDisposition: Disposition;
  persons: number;
  /** Persons with each flag (a person counts once per flag). */
  flags: Record<Flag, number>;
  /** Persons with at least one flag: each once, however many flags they have. */
  flaggedPersons: number;
  personDispositions: Record<Disposition, number>;
  /** The tablet's clock minus the server's, in seconds, when it was off as the check was made; null otherwise. */
  clockSkewSeconds: number | null;
}

/** From the check as counted: its persons' `flags` are the ones to count (the server passes its own). */
export function checkTallyFacts(check: VehicleCheck): CheckTallyFacts {
  const flags = Object.fromEntries(FLAGS.map((flag) => [flag, 0])) as Record<Flag, number>;
  const personDispositions = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  let flaggedPersons = 0;
  for (const person of check.persons) {
    personDispositions[person.disposition] += 1;
    if (person.flags.length > 0) flaggedPersons += 1;
    for (const flag of new Set<Flag>(person.flags)) flags[flag] += 1;
  }
  return {
    vehicleType: check.vehicle.type,
    originProvinceKey: canonicalPlace(check.vehicle.origin.province),
    originCityKey: canonicalPlace(check.vehicle.origin.city),
    vehicleDisposition: check.disposition,
    persons: check.persons.length,
    flags,
    flaggedPersons,
    personDispositions,
    clockSkewSeconds: isClockOff(check.clockSkewSeconds) ? check.clockSkewSeconds : null,
  };
}
