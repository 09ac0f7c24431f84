// Test data for the storage layer (and whoever else needs a check): a valid VehicleCheck, varied by overrides.
import { samplePersonCheck, sampleVehicleCheck } from '../domain/sample-checks.ts';
import type { VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import { openKakouDatabase, type KakouDatabase } from '../../../src/db/database.ts';

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

/** The quickest a tablet completes one check after another (scan, look, check, verify, save): about 12 s. */
const SECONDS_BETWEEN_SAVES = 12;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const BACKLOG_DAY_START_MS = Date.parse('2026-11-28T00:00:00+08:00');

/**
 * Start and completion times of the n-th check of a backlog, spaced as one tablet really saves them (from
 * 2026-11-28 00:00 in Asia/Shanghai). Thousands of checks completed in one second would pile into one of the
 * report's quarter-hour rows (ADR 013), which no tablet can do and which makes each save rewrite a huge row.
 */
export function backlogTimes(n: number): Pick<VehicleCheck, 'startedAt' | 'completedAt'> {
  const completedMs = BACKLOG_DAY_START_MS + n * SECONDS_BETWEEN_SAVES * 1000;
  const shanghai = (ms: number) => `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
  return { startedAt: shanghai(completedMs - 38_000), completedAt: shanghai(completedMs) };
}
