// Judges a whole vehicle check under a policy: each person's flags and recommendation, and the vehicle's.
import { recommendPersonDisposition, recommendVehicleDisposition } from './disposition.ts';
import { derivePersonFlags } from './flags.ts';
import type { Policy } from './policy.ts';
import type { VehicleCheck } from './vehicle-check.ts';
import type { Disposition, Flag } from './vocabulary.ts';

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
