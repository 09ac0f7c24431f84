// The in-progress vehicle check as the officer fills it in: its shape, and pure edits of it. Free of zod on purpose:
// the start screen uses it; the schema that validates a restored draft (check-draft-schema.ts) builds on this shape
// and loads with the flow.
import type { Destination, Origin, Registration } from '../../../domain/vehicle-check.ts';
import type {
  CodeColor,
  CodeColorSource,
  Disposition,
  PersonRole,
  ScanMethod,
  TestStatus,
  VehicleType,
} from '../../../domain/vocabulary.ts';
import type { SuggestedCodeColor } from '../../../platform/scanner/qr-scanner.ts';

/**
 * 2: the star and the ID check start unanswered (null) instead of preselected; 3: so does the vehicle type (ADR 032).
 * Versions 1 and 2 are still read.
 */
export const DRAFT_SCHEMA_VERSION = 3;
export const MAX_OCCUPANTS = 60;
export const PERSON_STEPS = ['scan', 'look', 'check', 'verify', 'decision'] as const;
export type PersonStep = (typeof PERSON_STEPS)[number];
export const PLATE_MODES = ['plate', 'none', 'foreign'] as const;
export type PlateMode = (typeof PLATE_MODES)[number];
/** How the officer gave the sampling time of a negative test. */
export const SAMPLED_CHOICES = ['today', 'yesterday', 'exact'] as const;
export type SampledChoice = (typeof SAMPLED_CHOICES)[number];
export const DRAFT_STAGES = ['vehicle', 'persons', 'review'] as const;
export type DraftStage = (typeof DRAFT_STAGES)[number];

export interface PersonDraft {
  role: PersonRole;
  step: PersonStep;
  completed: boolean;
  scan: ScanMethod | null;
  codeDigest: string | null;
  codeColor: CodeColor | null;
  codeColorSource: CodeColorSource;
  /** The colour the scanner suggested from the code's pixels; only ever recorded once the officer taps it. */
  suggestedCodeColor: SuggestedCodeColor | null;
  /** The officer's answer about the itinerary card's star; null until tapped: the card was not seen (ADR 032). */
  itineraryStar: boolean | null;
  itineraryCities: string[];
  temperatures: number[];
  /** The officer's answer about the ID document; null until tapped, recorded as not checked. */
  idChecked: boolean | null;
  testStatus: TestStatus | null;
  sampledAt: string | null;
  sampledChoice: SampledChoice | null;
  vaccineDoses: number | null;
  registration: Registration;
  chosenDisposition: Disposition | null;
  overrideReason: string;
}

export interface VehicleDraft {
  plate: string;
  plateMode: PlateMode;
  origin: Origin;
  originEdited: boolean;
  /** The type the officer tapped; null until then, and the persons cannot start without it (ADR 032). */
  type: VehicleType | null;
  occupants: number;
  destination: Destination;
  truckPass: string;
}

export interface CheckDraft {
  schemaVersion: typeof DRAFT_SCHEMA_VERSION;
  id: string;
  rev: number;
  startedAt: string;
  /** Set when amending a saved check: an amendment keeps the day it was completed on. */
  completedAt: string | null;
  stage: DraftStage;
  currentPerson: number;
  vehicle: VehicleDraft;
  persons: PersonDraft[];
  vehicleOverride: { disposition: Disposition; reason: string } | null;
  notes: string;
  /** Set when amending a saved check that recorded its tablet's clock off: the amendment keeps its times, and this. */
  clockSkewSeconds?: number | undefined;
}

/** A draft whose vehicle type the officer has tapped: only such a draft can be judged or saved. */
export type DraftWithType = CheckDraft & { vehicle: VehicleDraft & { type: VehicleType } };

export function hasVehicleType(draft: CheckDraft): draft is DraftWithType {
  return draft.vehicle.type !== null;
}

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
    // Nothing is preselected: a record says only what the officer tapped (ADR 032).
    itineraryStar: null,
    itineraryCities: [],
    temperatures: [],
    idChecked: null,
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
      // Nothing is preselected, the vehicle type included: the policy's recommendations depend on it (ADR 032).
      type: null,
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
  if (person.codeDigest !== code.codeDigest || person.codeColor !== null || person.suggestedCodeColor !== null)
    return draft;
  return updatePerson(draft, code.index, { suggestedCodeColor: color });
}

export function completedCount(draft: CheckDraft): number {
  return draft.persons.filter((p) => p.completed).length;
}

/** 不漏一人: the vehicle can be completed only when every occupant is screened. */
export function allScreened(draft: CheckDraft): boolean {
  return draft.persons.length === draft.vehicle.occupants && draft.persons.every((p) => p.completed);
}
