// The in-progress vehicle check as the officer fills it in, and pure edits of it. Free of zod on
// purpose: the start screen uses it, and the validating schema (check-draft-schema.ts) loads with the flow.
import type { VehicleType } from '../../contract/vehicle-check.ts';
import type { SuggestedCodeColor } from '../../platform/scanner/qr-scanner.ts';
import type { CheckDraft, PersonDraft } from './check-draft-schema.ts';

export type { CheckDraft, PersonDraft, PersonStep, VehicleDraft } from './check-draft-schema.ts';

export const DRAFT_SCHEMA_VERSION = 1;
export const MAX_OCCUPANTS = 60;
export const PERSON_STEPS = ['scan', 'look', 'check', 'verify', 'decision'] as const;
export const PLATE_MODES = ['plate', 'none', 'foreign'] as const;

export function emptyPerson(role: PersonDraft['role']): PersonDraft {
  return {
    role,
    step: 'scan',
    completed: false,
    scan: null,
    codeDigest: null,
    codeColor: null,
    codeColorSource: 'officer',
    suggestedCodeColor: null,
    itineraryStar: false,
    itineraryCities: [],
    temperatures: [],
    // Checking the ID against the person is part of every 三查; the officer un-ticks it when it was not done.
    idChecked: true,
    testStatus: null,
    sampledAt: null,
    sampledChoice: null,
    vaccineDoses: null,
    registration: { name: '', idNumber: '', phone: '' },
    chosenDisposition: null,
    overrideReason: '',
  };
}

export function newDraft(id: string, startedAt: string): CheckDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id,
    rev: 1,
    startedAt,
    completedAt: null,
    stage: 'vehicle',
    currentPerson: 0,
    vehicle: {
      plate: '',
      plateMode: 'plate',
      origin: { province: '', city: '' },
      originEdited: false,
      type: 'car',
      occupants: 1,
      destination: { province: '', city: '', county: '', township: '', village: '' },
      truckPass: '',
    },
    persons: [emptyPerson('driver')],
    vehicleOverride: null,
    notes: '',
  };
}

/** Grows or shrinks the occupant list to `count`, keeping who is already screened. */
export function withOccupantCount(draft: CheckDraft, count: number): CheckDraft {
  const occupants = Math.min(MAX_OCCUPANTS, Math.max(1, Math.trunc(count)));
  const persons = draft.persons.slice(0, occupants);
  while (persons.length < occupants) persons.push(emptyPerson(persons.length === 0 ? 'driver' : 'passenger'));
  return {
    ...draft,
    vehicle: { ...draft.vehicle, occupants },
    persons,
    currentPerson: Math.min(draft.currentPerson, occupants - 1),
  };
}

export function updatePerson(draft: CheckDraft, index: number, patch: Partial<PersonDraft>): CheckDraft {
  return {
    ...draft,
    persons: draft.persons.map((person, i) => (i === index ? { ...person, ...patch } : person)),
  };
}

/** Which person's code a colour suggestion that arrives after the read belongs to. */
export interface ScannedCode {
  readonly draftId: string;
  readonly index: number;
  readonly codeDigest: string;
}

/**
 * A colour suggestion that arrived after the read: it preselects only while it is still news — same check, same
 * person, same code, no colour tapped yet. An officer who has already chosen is never second-guessed.
 */
export function withArrivedSuggestion(draft: CheckDraft, code: ScannedCode, color: SuggestedCodeColor): CheckDraft {
  const person = draft.persons[code.index];
  if (draft.id !== code.draftId || !person) return draft;
  if (person.codeDigest !== code.codeDigest || person.codeColor !== null || person.suggestedCodeColor !== null) return draft;
  return updatePerson(draft, code.index, { suggestedCodeColor: color });
}

export function completedCount(draft: CheckDraft): number {
  return draft.persons.filter((p) => p.completed).length;
}

/** 不漏一人: the vehicle can be completed only when every occupant is screened. */
export function allScreened(draft: CheckDraft): boolean {
  return draft.persons.length === draft.vehicle.occupants && draft.persons.every((p) => p.completed);
}

export function isTruck(type: VehicleType): boolean {
  return type === 'truck';
}
