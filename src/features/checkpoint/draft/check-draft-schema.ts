// The schema of an in-progress vehicle check (its shape is check-draft.ts's), validated when restored from IndexedDB
// so that a draft written by an older version of the app cannot crash a newer one. Loaded only with the flow screen.
import { z } from 'zod';
import type { AllTrue, SameType } from '../../../contract/same-type.ts';
import {
  codeColorSchema,
  codeColorSourceSchema,
  destinationSchema,
  dispositionSchema,
  originSchema,
  personRoleSchema,
  scanMethodSchema,
  testStatusSchema,
  vehicleTypeSchema,
} from '../../../contract/vehicle-check.ts';
import { SUGGESTED_CODE_COLORS } from '../../../platform/scanner/qr-scanner.ts';
import {
  DRAFT_SCHEMA_VERSION,
  DRAFT_STAGES,
  MAX_OCCUPANTS,
  PERSON_STEPS,
  PLATE_MODES,
  SAMPLED_CHOICES,
  type CheckDraft,
  type PersonDraft,
} from './check-draft.ts';

export const personStepSchema = z.enum(PERSON_STEPS);

export const personDraftSchema = z.object({
  role: personRoleSchema,
  step: personStepSchema,
  completed: z.boolean(),
  scan: scanMethodSchema.nullable(),
  codeDigest: z.string().nullable(),
  codeColor: codeColorSchema.nullable(),
  codeColorSource: codeColorSourceSchema,
  /** The colour the scanner suggested from the code's pixels; only ever recorded once the officer taps it. Drafts
   *  saved before the scanner suggested colours have none. */
  suggestedCodeColor: z.enum(SUGGESTED_CODE_COLORS).nullable().default(null),
  itineraryStar: z.boolean().nullable(),
  itineraryCities: z.array(z.string()),
  temperatures: z.array(z.number()),
  idChecked: z.boolean().nullable(),
  testStatus: testStatusSchema.nullable(),
  sampledAt: z.string().nullable(),
  sampledChoice: z.enum(SAMPLED_CHOICES).nullable(),
  vaccineDoses: z.number().int().nullable(),
  registration: z.object({ name: z.string(), idNumber: z.string(), phone: z.string() }),
  chosenDisposition: dispositionSchema.nullable(),
  overrideReason: z.string(),
});

export const checkDraftSchema = z.object({
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  id: z.string(),
  rev: z.number().int().min(1),
  startedAt: z.string(),
  /** Set when amending a saved check: an amendment keeps the day it was completed on. */
  completedAt: z.string().nullable(),
  stage: z.enum(DRAFT_STAGES),
  currentPerson: z.number().int().min(0),
  vehicle: z.object({
    plate: z.string(),
    plateMode: z.enum(PLATE_MODES),
    origin: originSchema,
    originEdited: z.boolean(),
    type: vehicleTypeSchema.nullable(),
    occupants: z.number().int().min(1).max(MAX_OCCUPANTS),
    destination: destinationSchema,
    truckPass: z.string(),
  }),
  persons: z.array(personDraftSchema),
  vehicleOverride: z.object({ disposition: dispositionSchema, reason: z.string() }).nullable(),
  notes: z.string(),
  /** Set when amending a saved check that recorded its tablet's clock off. */
  clockSkewSeconds: z.number().int().optional(),
});

/** The schema infers exactly the draft's shape: a field added to one side only fails the type check here. */
export type SchemaMatchesDraft = AllTrue<
  [SameType<z.infer<typeof personDraftSchema>, PersonDraft>, SameType<z.infer<typeof checkDraftSchema>, CheckDraft>]
>;

/**
 * A draft written as version 2, when the vehicle step opened with 小客车 pressed. "car" may have been that
 * preselection, so it is read as unanswered and the draft goes back to the vehicle step for a tap; every other type
 * was tapped. The persons already screened are kept.
 */
const draftV2Schema = checkDraftSchema.extend({
  schemaVersion: z.literal(2),
  vehicle: checkDraftSchema.shape.vehicle.extend({ type: vehicleTypeSchema }),
});

function fromV2(draft: z.infer<typeof draftV2Schema>): CheckDraft {
  const type = draft.vehicle.type === 'car' ? null : draft.vehicle.type;
  return {
    ...draft,
    schemaVersion: DRAFT_SCHEMA_VERSION,
    stage: type === null ? 'vehicle' : draft.stage,
    vehicle: { ...draft.vehicle, type },
  };
}

/**
 * A draft written as version 1, when 二看 opened with 无星 pressed and 三查 with 已核验身份证件 pressed: a value
 * there is a tap only where it differs from that preselection. Its vehicle is read as version 2's.
 */
const draftV1Schema = draftV2Schema.extend({
  schemaVersion: z.literal(1),
  persons: z.array(personDraftSchema.extend({ itineraryStar: z.boolean(), idChecked: z.boolean() })),
});

function fromV1(draft: z.infer<typeof draftV1Schema>): CheckDraft {
  return fromV2({
    ...draft,
    schemaVersion: 2,
    persons: draft.persons.map((person) => ({
      ...person,
      // A star was always tapped; "no star" may have been the preselection, so the card counts as not seen.
      itineraryStar: person.itineraryStar ? true : null,
      // "Not checked" was always tapped; "checked" may have been the preselection, so it is recorded as not checked.
      idChecked: person.idChecked ? null : false,
    })),
  });
}

export function parseDraft(payload: unknown): CheckDraft | null {
  const parsed = checkDraftSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const v2 = draftV2Schema.safeParse(payload);
  if (v2.success) return fromV2(v2.data);
  const v1 = draftV1Schema.safeParse(payload);
  return v1.success ? fromV1(v1.data) : null;
}
