// Judges a whole vehicle check under a policy: each person's flags and recommendation, and the vehicle's.
import type { Policy } from '../contract/policy.ts';
import type { Disposition, Flag, VehicleCheck } from '../contract/vehicle-check.ts';
import { recommendPersonDisposition, recommendVehicleDisposition } from './disposition.ts';
import { derivePersonFlags } from './flags.ts';

export function judgeVehicleCheck(
  check: Pick<VehicleCheck, 'vehicle' | 'persons' | 'completedAt'>,
  policy: Policy,
): { persons: { flags: Flag[]; recommended: Disposition }[]; recommended: Disposition } {
  const { vehicle, completedAt } = check;
  const persons = check.persons.map((person) => {
    const flags = derivePersonFlags(person, { origin: vehicle.origin, completedAt, policy });
    return { flags, recommended: recommendPersonDisposition(flags, vehicle.type, policy) };
  });
  return {
    persons,
    recommended: recommendVehicleDisposition(
      persons.map((p) => p.recommended),
      vehicle.type,
      policy,
    ),
  };
}
