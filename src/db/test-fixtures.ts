// Test data for the storage layer (and whoever else needs a check): a valid VehicleCheck, varied by overrides.
import type { PersonCheck, VehicleCheck } from '../contract/vehicle-check.ts';
import { openKakouDatabase, type KakouDatabase } from './database.ts';

let fixtureSerial = 0;
let databaseSerial = 0;

/** A database of its own for one test (strict, like the app's); delete it when done. */
export function openTestDatabase(): KakouDatabase {
  databaseSerial += 1;
  return openKakouDatabase({ name: `kakou-test-${databaseSerial}-${Math.random().toString(36).slice(2)}` });
}

/** A distinct, valid v4-shaped UUID per call, deterministic across runs. */
export function makeCheckId(): string {
  fixtureSerial += 1;
  return `00000000-0000-4000-8000-${fixtureSerial.toString(16).padStart(12, '0')}`;
}

export function makePersonCheck(overrides?: Partial<PersonCheck>): PersonCheck {
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

/** A released car with one green-code driver, completed 2026-11-28 08:01:40 in Asia/Shanghai. */
export function makeVehicleCheck(overrides?: Partial<VehicleCheck>): VehicleCheck {
  return {
    id: makeCheckId(),
    rev: 1,
    checkpointId: 'cp-hn-lou-01',
    deviceId: 'tablet-03',
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
    persons: [makePersonCheck()],
    disposition: 'release',
    override: null,
    notes: '',
    ...overrides,
  };
}
