// Turns a batch's raw checks into what the store ingests: each validated on its own, held to the caller's
// checkpoint and device, judged by the server under its own policy version, hashed, and dated in the checkpoint's zone.
import { hash } from 'node:crypto';
import type { z } from 'zod';
import type { RejectCode } from '../../contract/reject-code.ts';
import { vehicleCheckSchema, type BatchResult } from '../../contract/vehicle-check.ts';
import { judgeVehicleCheck } from '../../domain/judge.ts';
import type { Policy } from '../../domain/policy.ts';
import { HOURS_PER_DAY } from '../../domain/tally.ts';
import { formatInZone } from '../../domain/time.ts';
import type { Principal } from '../plugins/auth.ts';
import { storeRefusedResult } from '../store/ingest-check.ts';
import { rejectedResult } from '../store/rejected-result.ts';
import { refusedValueReason } from '../store/store-errors.ts';
import {
  REJECT_OTHER_CHECKPOINT,
  REJECT_UNKNOWN_CHECKPOINT,
  type IngestCheck,
} from '../store/vehicle-check-repository.ts';

/** Enough issues to fix a check by hand; a hundred identical ones would hide the first. */
const ISSUES_SHOWN_MAX = 5;

export interface IntakeLookups {
  /** The checkpoint's IANA time zone, undefined when there is no such checkpoint. */
  timezoneOf(checkpointId: string): Promise<string | undefined>;
  policy(version: number): Promise<Policy | undefined>;
}

/** Per check, in request order: either already answered (rejected), or ready for the store. */
export type IntakeOutcome = { kind: 'answered'; result: BatchResult } | { kind: 'ingest'; item: IngestCheck };

/** "persons.0.codeColor: Invalid option: …" — the path is what a person looks for in the record. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, ISSUES_SHOWN_MAX).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

function idOf(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return '';
}

const rejected = (id: string, code: RejectCode, error: string): IntakeOutcome => ({
  kind: 'answered',
  result: rejectedResult(id, code, error),
});

// The one-shot hash: no Hash object per check (a batch hashes 500 bodies of about 1 kB).
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

const LOCAL_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The check's day and hour on the checkpoint's clock, and its instant; undefined when they cannot be written (the
 * schema's years make that impossible, and this keeps a NaN hour or a six-digit year out of the store regardless).
 */
function localDayAndHour(
  completedAt: string,
  timezone: string,
): { localDay: string; localHour: number; completedAtMs: number } | undefined {
  const completedAtMs = Date.parse(completedAt);
  if (!Number.isSafeInteger(completedAtMs)) return undefined;
  const wall = formatInZone(completedAtMs, timezone);
  const localDay = wall.slice(0, 10);
  const localHour = Number(wall.slice(11, 13));
  if (!LOCAL_DAY.test(localDay) || !Number.isInteger(localHour) || localHour < 0 || localHour >= HOURS_PER_DAY) {
    return undefined;
  }
  return { localDay, localHour, completedAtMs };
}

/**
 * A lookup by a value of the check: a value the store refuses even to look for (refusedValueReason) answers this
 * check rejected instead of failing its batch.
 */
async function lookUp<T>(id: string, lookup: () => Promise<T>): Promise<{ found: T } | { answered: IntakeOutcome }> {
  try {
    return { found: await lookup() };
  } catch (error) {
    const reason = refusedValueReason(error);
    if (reason === null) throw error;
    return { answered: { kind: 'answered', result: storeRefusedResult(id, reason) } };
  }
}

export async function intakeCheck(raw: unknown, principal: Principal, lookups: IntakeLookups): Promise<IntakeOutcome> {
  const parsed = vehicleCheckSchema.safeParse(raw);
  if (!parsed.success) return rejected(idOf(raw), 'invalid-check', `invalid check: ${describeIssues(parsed.error)}`);
  const check = parsed.data;
  if (principal.kind === 'device') {
    // Stored ids of another checkpoint are the store's to refuse; a foreign checkpointId is refused here, unstored.
    if (check.checkpointId !== principal.checkpointId)
      return rejected(check.id, 'other-checkpoint', REJECT_OTHER_CHECKPOINT);
    if (check.deviceId !== principal.deviceId)
      return rejected(check.id, 'other-device', 'deviceId is not the device of this token');
  }
  const zone = await lookUp(check.id, () => lookups.timezoneOf(check.checkpointId));
  if ('answered' in zone) return zone.answered;
  const timezone = zone.found;
  if (timezone === undefined) return rejected(check.id, 'unknown-checkpoint', REJECT_UNKNOWN_CHECKPOINT);
  const policyFound = await lookUp(check.id, () => lookups.policy(check.policyVersion));
  if ('answered' in policyFound) return policyFound.answered;
  const policy = policyFound.found;
  if (policy === undefined)
    return rejected(check.id, 'unknown-policy-version', `unknown policyVersion ${check.policyVersion}`);
  const local = localDayAndHour(check.completedAt, timezone);
  if (local === undefined) {
    return rejected(
      check.id,
      'invalid-check',
      "invalid check: completedAt: has no day and hour on the checkpoint's clock",
    );
  }
  const judged = judgeVehicleCheck(check, policy);
  // Serialised once: the hash is of exactly the text stored.
  const body = JSON.stringify(check);
  return {
    kind: 'ingest',
    item: {
      check,
      body,
      contentHash: sha256Hex(body),
      ...local,
      serverFlags: judged.persons.map((person) => person.flags),
    },
  };
}
