// The hand-over summary of one shift (交班): what the shift checked, who is still waiting on a decision, and what
// has not reached the server. Pure: the tablet passes its stored checks and their sync state.
import { maskIdNumber, maskPhone } from './masks.ts';
import { latestRevisions } from './revisions.ts';
import type { VehicleCheck } from './vehicle-check.ts';
import {
  DISPOSITIONS,
  FLAGS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type PersonRole,
  type VehicleType,
} from './vocabulary.ts';

/** Dispositions that leave a person at the checkpoint waiting for a result or a decision: the next team inherits them. */
export const OPEN_DISPOSITIONS = ['hold', 'sample-on-site'] as const satisfies readonly Disposition[];
export type OpenDisposition = (typeof OPEN_DISPOSITIONS)[number];

export type ShiftCheckSyncState = 'pending' | 'synced' | 'rejected';

export interface ShiftCheck {
  check: VehicleCheck;
  syncState: ShiftCheckSyncState;
}

/** A person the next team must follow up; ID and phone only masked, so the summary can be printed and kept. */
export interface OpenFlaggedPerson {
  checkId: string;
  plate: string | null;
  completedAt: string;
  role: PersonRole;
  flags: Flag[];
  disposition: OpenDisposition;
  /** Null when the person was not registered. */
  name: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
}

export interface ShiftSummary {
  shiftId: string;
  vehicles: number;
  persons: number;
  vehiclesByType: Record<VehicleType, number>;
  /** Persons per flag (a person counts once per flag). */
  flags: Record<Flag, number>;
  /** Persons with at least one flag. */
  flaggedPersons: number;
  personDispositions: Record<Disposition, number>;
  vehicleDispositions: Record<Disposition, number>;
  /** Oldest first, as they came through. */
  openPersons: OpenFlaggedPerson[];
  /** Checks of the shift still waiting to reach the server, and those it refused (kept on the tablet). */
  unsynced: number;
  rejected: number;
  firstCompletedAt: string | null;
  lastCompletedAt: string | null;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function isOpen(disposition: Disposition): disposition is OpenDisposition {
  return (OPEN_DISPOSITIONS as readonly Disposition[]).includes(disposition);
}

/** Registration fields left empty (a person with no phone) stay null rather than a mask of nothing. */
function maskedOrNull(value: string | undefined, mask: (text: string) => string): string | null {
  return value === undefined || value.trim() === '' ? null : mask(value);
}

/**
 * The summary of shift `shiftId` from checks of the tablet (any shift, any rev): each check counted once at its
 * highest rev, with the sync state stored beside that rev.
 */
export function summarizeShift(checks: readonly ShiftCheck[], shiftId: string): ShiftSummary {
  const ofShift = checks.filter((entry) => entry.check.shiftId === shiftId);
  const states = new Map<string, { rev: number; syncState: ShiftCheckSyncState }>();
  for (const { check, syncState } of ofShift) {
    const known = states.get(check.id);
    if (known === undefined || check.rev > known.rev) states.set(check.id, { rev: check.rev, syncState });
  }
  const latest = latestRevisions(ofShift.map((entry) => entry.check)).sort(
    (a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt),
  );

  const summary: ShiftSummary = {
    shiftId,
    vehicles: latest.length,
    persons: 0,
    vehiclesByType: zeros(VEHICLE_TYPES),
    flags: zeros(FLAGS),
    flaggedPersons: 0,
    personDispositions: zeros(DISPOSITIONS),
    vehicleDispositions: zeros(DISPOSITIONS),
    openPersons: [],
    unsynced: 0,
    rejected: 0,
    firstCompletedAt: latest[0]?.completedAt ?? null,
    lastCompletedAt: latest[latest.length - 1]?.completedAt ?? null,
  };

  for (const check of latest) {
    summary.vehiclesByType[check.vehicle.type] += 1;
    summary.vehicleDispositions[check.disposition] += 1;
    const state = states.get(check.id)?.syncState;
    if (state === 'pending') summary.unsynced += 1;
    if (state === 'rejected') summary.rejected += 1;
    for (const person of check.persons) {
      summary.persons += 1;
      summary.personDispositions[person.disposition] += 1;
      const flags = [...new Set<Flag>(person.flags)];
      for (const flag of flags) summary.flags[flag] += 1;
      if (flags.length > 0) summary.flaggedPersons += 1;
      if (isOpen(person.disposition)) {
        const registration = person.registration;
        summary.openPersons.push({
          checkId: check.id,
          plate: check.vehicle.plate,
          completedAt: check.completedAt,
          role: person.role,
          flags,
          disposition: person.disposition,
          name: registration?.name ?? null,
          idNumberMasked: maskedOrNull(registration?.idNumber, maskIdNumber),
          phoneMasked: maskedOrNull(registration?.phone, maskPhone),
        });
      }
    }
  }
  return summary;
}
