// Test data shared by every layer's tests: a valid VehicleCheck (a released car, one green-code driver,
// completed 2026-11-28 08:01:40 at UTC+8) and its person, varied by overrides.
import type { PersonCheck, VehicleCheck } from '../../../src/domain/vehicle-check.ts';

export function samplePersonCheck(overrides?: Partial<PersonCheck>): PersonCheck {
  return {
    role: 'driver',
    scan: 'camera',
    codeDigest: 'a'.repeat(64),
    codeColor: 'green',
    itineraryStar: false,
    itineraryCities: [],
    temperatures: [36.6],
    idChecked: true,
    test: { status: 'negative', sampledAt: '2026-11-27T10:00:00+08:00' },
    vaccineDoses: 3,
    flags: [],
    disposition: 'release',
    registration: null,
    ...overrides,
  };
}

/** `id`, `checkpointId` and `deviceId` come from the caller: each layer has its own conventions for them. */
export function sampleVehicleCheck(
  identity: Pick<VehicleCheck, 'id' | 'checkpointId' | 'deviceId'>,
  overrides?: Partial<VehicleCheck>,
): VehicleCheck {
  return {
    ...identity,
    rev: 1,
    officerId: 'officer-017',
    team: 'A',
    shiftId: 'shift-2026-11-28-a',
    startedAt: '2026-11-28T08:01:02+08:00',
    completedAt: '2026-11-28T08:01:40+08:00',
    policyVersion: 1,
    vehicle: {
      plate: '湘K12345',
      plateKind: 'standard',
      type: 'car',
      origin: { province: '湖南', city: '娄底' },
      destination: { province: '湖南', city: '娄底', county: '双峰县', township: '三塘铺镇', village: '三塘村' },
      truckPass: null,
    },
    persons: [samplePersonCheck()],
    disposition: 'release',
    override: null,
    notes: '',
    ...overrides,
  };
}
