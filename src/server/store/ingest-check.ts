// What an ingest stores and how a check is judged against the copy already stored: shared by both writers (the
// prepared SQLite statements and the Kysely statements for PostgreSQL), so the exactly-once rules exist once.
import type { Insertable } from 'kysely';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import type { Flag } from '../../domain/vocabulary.ts';
import { hasRegistration } from '../../domain/retention.ts';
import { tallyRow } from './check-tallies.ts';
import { rejectedResult } from './rejected-result.ts';
import type { CheckTalliesTable, VehicleChecksTable } from './schema.ts';

// The readable words of the store's refusals. Old tablets (before ADR 024) recognise them by these prefixes, so they
// are best left as they are, though only the codes are promised never to change.
export const REJECT_DIFFERENT_CONTENT = 'same id and rev with different content';
export const REJECT_OTHER_CHECKPOINT = 'belongs to another checkpoint';
export const REJECT_UNKNOWN_CHECKPOINT = 'unknown checkpoint';

/**
 * A check the store refused for one of its values (refusedValueReason names the database's code): answered rejected
 * on its own, so the rest of its batch is stored (ADR 027).
 */
export function storeRefusedResult(id: string, reason: string): BatchResult {
  return rejectedResult(id, 'unprocessable-check', `the store refused a value of this check (${reason}); not stored`);
}

/** A check the route layer has validated, judged and hashed: the repository only stores it. */
export interface IngestCheck {
  check: VehicleCheck;
  /** JSON.stringify(check as validated): stored as the row's body, and what contentHash is the hash of. */
  body: string;
  /** sha256 hex of body: equal content ⇔ equal hash. */
  contentHash: string;
  /** 'YYYY-MM-DD' of completedAt in the checkpoint's time zone. */
  localDay: string;
  /** 0–23: the hour of completedAt on the checkpoint's clock. */
  localHour: number;
  completedAtMs: number;
  /** Each person's flags as the server derived them under the check's policyVersion. */
  serverFlags: Flag[][];
}

/** What a writer reads of the row already stored under a check's id. */
export interface StoredKey {
  rev: number;
  content_hash: string;
  checkpoint_id: string;
}

/** Every vehicle_checks column, in the order the writers bind them. */
export const VEHICLE_CHECK_COLUMNS = [
  'id',
  'checkpoint_id',
  'device_id',
  'rev',
  'completed_at',
  'completed_at_ms',
  'local_day',
  'team',
  'content_hash',
  'body',
  'has_registration',
  'server_flags',
  'received_at',
  'updated_at',
] as const satisfies readonly (keyof VehicleChecksTable)[];

/** What a newer rev replaces: all but the id, the checkpoint (never moves) and received_at (the first receipt). */
export const VEHICLE_CHECK_UPDATED_COLUMNS = VEHICLE_CHECK_COLUMNS.filter(
  (column) => column !== 'id' && column !== 'checkpoint_id' && column !== 'received_at',
);

/** The vehicle_checks row of a check stored (or replaced) at nowIso. */
export function vehicleCheckRow(item: IngestCheck, nowIso: string): Insertable<VehicleChecksTable> {
  const { check } = item;
  return {
    id: check.id,
    checkpoint_id: check.checkpointId,
    device_id: check.deviceId,
    rev: check.rev,
    completed_at: check.completedAt,
    completed_at_ms: item.completedAtMs,
    local_day: item.localDay,
    team: check.team,
    content_hash: item.contentHash,
    body: item.body,
    has_registration: hasRegistration(check) ? 1 : 0,
    server_flags: JSON.stringify(item.serverFlags),
    received_at: nowIso,
    updated_at: nowIso,
  };
}

/** What the check adds to its day's tally, counting the server's flags (check_tallies, written beside it). */
export function checkTallyRow(item: IngestCheck): Insertable<CheckTalliesTable> {
  const { check, serverFlags } = item;
  return tallyRow({
    check: { ...check, persons: check.persons.map((person, i) => ({ ...person, flags: serverFlags[i] ?? [] })) },
    localDay: item.localDay,
    localHour: item.localHour,
    completedAtMs: item.completedAtMs,
  });
}

/**
 * The api.md answer for a check whose id is already stored, or 'replace' when it is a newer rev the writer must store.
 * Another checkpoint's id is refused before anything else: a tablet must never learn or change another's check.
 */
export function judgeAgainstStored(item: IngestCheck, stored: StoredKey): BatchResult | 'replace' {
  const { id, rev, checkpointId } = item.check;
  if (stored.checkpoint_id !== checkpointId) return rejectedResult(id, 'other-checkpoint', REJECT_OTHER_CHECKPOINT);
  if (rev === stored.rev) {
    return stored.content_hash === item.contentHash
      ? { id, status: 'duplicate' }
      : rejectedResult(id, 'conflicting-content', REJECT_DIFFERENT_CONTENT);
  }
  return rev < stored.rev ? { id, status: 'stale' } : 'replace';
}
