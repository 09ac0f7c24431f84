// Server-side test data: valid VehicleChecks (parsed by vehicleCheckSchema) and their IngestCheck as the route would make it.
import { createHash, randomUUID } from 'node:crypto';
import { vehicleCheckSchema } from '../../../../src/contract/vehicle-check.ts';
import { judgeVehicleCheck } from '../../../../src/domain/judge.ts';
import { DEFAULT_POLICY, type Policy } from '../../../../src/domain/policy.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../domain/sample-checks.ts';
import { formatInZone, localDay } from '../../../../src/domain/time.ts';
import type { VehicleCheck } from '../../../../src/domain/vehicle-check.ts';
import type { IngestCheck } from '../../../../src/server/store/vehicle-check-repository.ts';

export const makeServerPerson = samplePersonCheck;

/** A released car with one green-code driver, completed 2026-11-28 08:01:40 Asia/Shanghai; a fresh id each call. */
export function makeServerCheck(overrides?: Partial<VehicleCheck>): VehicleCheck {
  return vehicleCheckSchema.parse(
    sampleVehicleCheck({ id: randomUUID(), checkpointId: 'cp-test', deviceId: 'tablet-test' }, overrides),
  );
}

/** What the batch route hands the repository: hash of the validated JSON, local day, the server's own flags. */
export function toIngest(
  check: VehicleCheck,
  timezone = 'Asia/Shanghai',
  policy: Policy = DEFAULT_POLICY,
): IngestCheck {
  return toIngestUnvalidated(vehicleCheckSchema.parse(check), timezone, policy);
}

/**
 * The same without the wire schema: for text the batch route would refuse (a control character in a place or a
 * name) but a store may still hold, from before the route refused it or from an admin's import.
 */
export function toIngestUnvalidated(
  check: VehicleCheck,
  timezone = 'Asia/Shanghai',
  policy: Policy = DEFAULT_POLICY,
): IngestCheck {
  const body = JSON.stringify(check);
  return {
    check,
    body,
    contentHash: createHash('sha256').update(body).digest('hex'),
    localDay: localDay(check.completedAt, timezone),
    localHour: Number(formatInZone(Date.parse(check.completedAt), timezone).slice(11, 13)),
    completedAtMs: Date.parse(check.completedAt),
    serverFlags: judgeVehicleCheck(check, policy).persons.map((p) => p.flags),
  };
}
