// Dispositions: strictness, what the policy recommends for a person and a vehicle, and what it allows.
import type { Policy } from './policy.ts';
import { DISPOSITIONS, type Disposition, type Flag, type VehicleType } from './vocabulary.ts';

/** Position in DISPOSITIONS: higher is stricter. */
export function dispositionRank(d: Disposition): number {
  return DISPOSITIONS.indexOf(d);
}

/** The strictest of the list; 'release' when it is empty. */
export function strictestDisposition(list: readonly Disposition[]): Disposition {
  return list.reduce<Disposition>(
    (strictest, d) => (dispositionRank(d) > dispositionRank(strictest) ? d : strictest),
    'release',
  );
}

export function isAllowedDisposition(d: Disposition, vehicleType: VehicleType, policy: Policy): boolean {
  return policy.allowedDispositions[vehicleType].includes(d);
}

/** The strictest of what the person's flags recommend for this vehicle type; 'release' without flags. */
export function recommendPersonDisposition(
  flags: readonly Flag[],
  vehicleType: VehicleType,
  policy: Policy,
): Disposition {
  const byFlag = policy.recommendations[vehicleType];
  return strictestDisposition(flags.map((flag) => byFlag[flag]));
}

/**
 * The vehicle follows its strictest occupant, but never to a disposition the policy forbids for its
 * type (a truck is never turned back): then the strictest allowed one below it.
 */
export function recommendVehicleDisposition(
  personDispositions: readonly Disposition[],
  vehicleType: VehicleType,
  policy: Policy,
): Disposition {
  const strictest = strictestDisposition(personDispositions);
  for (let rank = dispositionRank(strictest); rank >= 0; rank--) {
    const candidate = DISPOSITIONS[rank];
    if (candidate !== undefined && isAllowedDisposition(candidate, vehicleType, policy)) return candidate;
  }
  // The policy schema requires 'release' to be allowed for every type.
  return 'release';
}
