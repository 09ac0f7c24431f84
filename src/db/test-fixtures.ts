// Test data for the storage layer (and whoever else needs a check): a valid VehicleCheck, varied by overrides.
import { samplePersonCheck, sampleVehicleCheck } from '../contract/test-vehicle-checks.ts';
import type { VehicleCheck } from '../contract/vehicle-check.ts';
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

export const makePersonCheck = samplePersonCheck;

/** A released car with one green-code driver, completed 2026-11-28 08:01:40 in Asia/Shanghai. */
export function makeVehicleCheck(overrides?: Partial<VehicleCheck>): VehicleCheck {
  return sampleVehicleCheck({ id: makeCheckId(), checkpointId: 'cp-hn-lou-01', deviceId: 'tablet-03' }, overrides);
}
