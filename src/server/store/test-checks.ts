// Server-side test data: valid VehicleChecks (parsed by vehicleCheckSchema) and their IngestCheck as the route would make it.
import { createHash, randomUUID } from 'node:crypto';
import type { Policy } from '../../contract/policy.ts';
import { vehicleCheckSchema, type PersonCheck, type VehicleCheck } from '../../contract/vehicle-check.ts';
import { judgeVehicleCheck } from '../../domain/judge.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { localDay } from '../../domain/time.ts';
import type { IngestCheck } from './vehicle-check-repository.ts';

export function makeServerPerson(overrides?: Partial<PersonCheck>): PersonCheck {
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

/** A released car with one green-code driver, completed 2026-11-28 08:01:40 Asia/Shanghai; a fresh id each call. */
export function makeServerCheck(overrides?: Partial<VehicleCheck>): VehicleCheck {
  return vehicleCheckSchema.parse({
    id: randomUUID(),
    rev: 1,
    checkpointId: 'cp-test',
    deviceId: 'tablet-test',
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
    persons: [makeServerPerson()],
    disposition: 'release',
    override: null,
    notes: '',
    ...overrides,
  });
}

/** What the batch route hands the repository: hash of the validated JSON, local day, the server's own flags. */
export function toIngest(check: VehicleCheck, timezone = 'Asia/Shanghai', policy: Policy = DEFAULT_POLICY): IngestCheck {
  const parsed = vehicleCheckSchema.parse(check);
  return {
    check: parsed,
    contentHash: createHash('sha256').update(JSON.stringify(parsed)).digest('hex'),
    localDay: localDay(parsed.completedAt, timezone),
    completedAtMs: Date.parse(parsed.completedAt),
    serverFlags: judgeVehicleCheck(parsed, policy).persons.map((p) => p.flags),
  };
}
