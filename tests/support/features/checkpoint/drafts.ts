// Drafts and save contexts for the checkpoint feature's tests: the common case, varied by overrides.
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import type { CheckContext } from '../../../../src/features/checkpoint/draft/check-builder.ts';
import {
  DRAFT_SCHEMA_VERSION,
  emptyPerson,
  type CheckDraft,
  type DraftWithType,
  type PersonDraft,
} from '../../../../src/features/checkpoint/draft/check-draft.ts';

export const TEST_TIME_ZONE = 'Asia/Shanghai';
export const STARTED_AT = '2026-11-28T08:01:02+08:00';
export const COMPLETED_AT = '2026-11-28T08:01:40+08:00';
/** Yesterday morning: inside the default 48-hour test window at COMPLETED_AT. */
export const RECENT_SAMPLE_AT = '2026-11-27T10:00:00+08:00';
export const VALID_ID_NUMBER = '11010519491231002X';
/** VALID_ID_NUMBER with a wrong check character. */
export const BAD_CHECKSUM_ID_NUMBER = '110105194912310021';
export const VALID_PHONE = '13812345678';
export const CODE_DIGEST = 'ab'.repeat(32);

let draftSerial = 0;

/** A distinct, valid UUID per call, deterministic across runs. */
export function makeDraftId(): string {
  draftSerial += 1;
  return `c0000000-0000-4000-8000-${draftSerial.toString(16).padStart(12, '0')}`;
}

/** The common case, fully screened: camera scan, green code, no star, 36.5 °C, ID checked, yesterday's negative test. */
export function screenedPerson(role: PersonDraft['role'] = 'driver', overrides?: Partial<PersonDraft>): PersonDraft {
  return {
    ...emptyPerson(role),
    step: 'decision',
    completed: true,
    scan: 'camera',
    codeDigest: CODE_DIGEST,
    codeColor: 'green',
    itineraryStar: false,
    temperatures: [36.5],
    idChecked: true,
    testStatus: 'negative',
    sampledAt: RECENT_SAMPLE_AT,
    sampledChoice: 'exact',
    vaccineDoses: 3,
    ...overrides,
  };
}

/** A complete registration of a flagged person (the destination county is on the vehicle). */
export function registered(name = '张三'): PersonDraft['registration'] {
  return { name, idNumber: VALID_ID_NUMBER, phone: VALID_PHONE };
}

export interface DraftOverrides extends Partial<Omit<CheckDraft, 'vehicle'>> {
  vehicle?: Partial<DraftWithType['vehicle']>;
}

/**
 * A car 湘K12345 from 娄底 at the persons stage, its occupants the persons given (one screened driver by
 * default); `vehicle.occupants` follows the persons unless overridden.
 */
export function makeDraft(overrides: DraftOverrides = {}): DraftWithType {
  const { vehicle, persons = [screenedPerson('driver')], ...rest } = overrides;
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: makeDraftId(),
    rev: 1,
    startedAt: STARTED_AT,
    completedAt: null,
    stage: 'persons',
    currentPerson: 0,
    persons,
    vehicleOverride: null,
    notes: '',
    ...rest,
    vehicle: {
      plate: '湘K12345',
      plateMode: 'plate',
      origin: { province: '湖南', city: '娄底' },
      originEdited: false,
      type: 'car',
      occupants: persons.length,
      destination: { province: '', city: '', county: '', township: '', village: '' },
      truckPass: '',
      ...vehicle,
    },
  };
}

/** Where a draft is saved: the checkpoint, tablet and shift of the db fixtures, under the default policy. */
export function makeContext(overrides?: Partial<CheckContext>): CheckContext {
  return {
    checkpointId: 'cp-hn-lou-01',
    deviceId: 'tablet-03',
    officerId: 'officer-017',
    team: 'A',
    shiftId: 'shift-2026-11-28-a',
    policy: DEFAULT_POLICY,
    completedAt: COMPLETED_AT,
    clockSkew: null,
    ...overrides,
  };
}
