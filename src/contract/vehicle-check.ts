// The VehicleCheck wire format of the sync API (v1), shared by the tablet and the server: the schemas that validate
// the domain's shapes (src/domain/vehicle-check.ts) and lists (src/domain/vocabulary.ts) as they cross the network.
// Fields may be added, never renamed or dropped: other systems call the endpoint.
import { z } from 'zod';
import { batchResultCodeSchema } from './reject-code.ts';
import { freeText, identifier, INT4_MAX, isoDateTimeSchema, lineText, wholeNumber } from './safe-values.ts';
import {
  codesAreConsistent,
  COUNTY_CODE_DIGITS,
  TOWNSHIP_CODE_DIGITS,
  VILLAGE_CODE_DIGITS,
} from '../domain/divisions.ts';
import type {
  Destination,
  Origin,
  Override,
  PersonCheck,
  Registration,
  TestResult,
  Vehicle,
  VehicleCheck,
} from '../domain/vehicle-check.ts';
import {
  CODE_COLOR_SOURCES,
  CODE_COLORS,
  DISPOSITIONS,
  FLAGS,
  PERSON_ROLES,
  PLATE_KINDS,
  SCAN_METHODS,
  TEMPERATURE_MAX_C,
  TEMPERATURE_MIN_C,
  TEST_STATUSES,
  VEHICLE_TYPES,
} from '../domain/vocabulary.ts';
import type { AllTrue, SameType } from './same-type.ts';

// Where the other wire schemas and the tablet have always found it; the rule itself is in safe-values.ts.
export { isoDateTimeSchema } from './safe-values.ts';

export const vehicleTypeSchema = z.enum(VEHICLE_TYPES);
export const plateKindSchema = z.enum(PLATE_KINDS);
export const scanMethodSchema = z.enum(SCAN_METHODS);
export const codeColorSchema = z.enum(CODE_COLORS);
export const codeColorSourceSchema = z.enum(CODE_COLOR_SOURCES);
export const testStatusSchema = z.enum(TEST_STATUSES);
export const personRoleSchema = z.enum(PERSON_ROLES);
export const flagSchema = z.enum(FLAGS);
export const dispositionSchema = z.enum(DISPOSITIONS);

/** A place name: trimmed, one line, possibly empty (a destination the officer did not ask for). */
const placeName = (max: number) => lineText({ max });

export const originSchema = z.object({
  province: placeName(32),
  city: placeName(32),
});

const divisionCode = (digits: number) =>
  z.string().regex(new RegExp(`^\\d{${digits}}$`, 'u'), `a division code of ${digits} digits`);

export const destinationSchema = z
  .object({
    province: placeName(32),
    city: placeName(32),
    county: placeName(64),
    township: placeName(64),
    village: placeName(64),
    // Added to v1 (ADR 034): the codes of the divisions chosen from the lists, beside their names.
    countyCode: divisionCode(COUNTY_CODE_DIGITS).optional(),
    townshipCode: divisionCode(TOWNSHIP_CODE_DIGITS).optional(),
    villageCode: divisionCode(VILLAGE_CODE_DIGITS).optional(),
  })
  .refine(codesAreConsistent, {
    error: 'a township code needs its county code and begins with it; a village code likewise with its township code',
  });

export const vehicleSchema = z.object({
  plate: lineText({ min: 1, max: 16, trim: false })
    .regex(/^[^\s.·]+$/u, 'plate must be normalised: no spaces or dots')
    .nullable(),
  plateKind: plateKindSchema,
  type: vehicleTypeSchema,
  origin: originSchema,
  destination: destinationSchema,
  truckPass: z
    .string()
    .regex(/^\d{12}$/u, 'a truck pass has exactly 12 digits')
    .nullable(),
});

export const registrationSchema = z.object({
  name: lineText({ min: 1, max: 64 }),
  idNumber: lineText({ max: 32 }),
  phone: lineText({ max: 20 }),
});

export const testResultSchema = z.object({
  status: testStatusSchema,
  sampledAt: isoDateTimeSchema.nullable(),
});

export const personCheckSchema = z
  .object({
    role: personRoleSchema,
    scan: scanMethodSchema,
    codeDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/u, 'codeDigest is a lower-case hex SHA-256')
      .nullable(),
    codeColor: codeColorSchema,
    itineraryStar: z.boolean(),
    itineraryCities: z.array(placeName(32)).max(50),
    temperatures: z.array(z.number().min(TEMPERATURE_MIN_C).max(TEMPERATURE_MAX_C)).min(1).max(10),
    idChecked: z.boolean(),
    test: testResultSchema,
    vaccineDoses: wholeNumber(0, 10).nullable(),
    flags: z.array(flagSchema),
    disposition: dispositionSchema,
    registration: registrationSchema.nullable(),
    // Fields below were added to v1 (allowed: fields may be added, none renamed or dropped).
    /** Whether the colour was set by the officer or suggested by the scanner and confirmed. */
    codeColorSource: codeColorSourceSchema.optional(),
    /** What the rules recommended for this person when the officer chose another disposition. */
    recommendedDisposition: dispositionSchema.optional(),
    /** Why the officer overrode the recommendation for this person. */
    overrideReason: freeText({ min: 1, max: 500 }).optional(),
    /** False: the officer did not look at the itinerary card (ADR 032). Absent (older clients): seen, as recorded. */
    itinerarySeen: z.boolean().optional(),
  })
  .superRefine((person, context) => {
    // A card not seen holds nothing: a star or a city on it would be a finding nobody made.
    if (person.itinerarySeen !== false) return;
    if (person.itineraryStar)
      context.addIssue({
        code: 'custom',
        path: ['itineraryStar'],
        message: 'a star cannot be recorded on an itinerary card not seen',
      });
    if (person.itineraryCities.length > 0)
      context.addIssue({
        code: 'custom',
        path: ['itineraryCities'],
        message: 'no city can be recorded from an itinerary card not seen',
      });
  });

export const overrideSchema = z.object({
  reason: freeText({ min: 1, max: 500 }),
  // Added to v1: the disposition the rules recommended before the officer overrode it.
  recommended: dispositionSchema.optional(),
});

export const vehicleCheckSchema = z.object({
  id: z.uuid(),
  rev: wholeNumber(1),
  checkpointId: identifier(64),
  deviceId: identifier(64),
  officerId: identifier(32),
  team: identifier(32),
  shiftId: identifier(64),
  startedAt: isoDateTimeSchema,
  completedAt: isoDateTimeSchema,
  policyVersion: wholeNumber(1),
  vehicle: vehicleSchema,
  persons: z.array(personCheckSchema).min(1).max(80),
  disposition: dispositionSchema,
  override: overrideSchema.nullable(),
  notes: freeText({ max: 2000, trim: false }),
  // Added to v1: the tablet's clock minus the server's, in seconds, while it was off (ADR 035).
  clockSkewSeconds: wholeNumber(-INT4_MAX).optional(),
});

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof originSchema>, Origin>,
    SameType<z.infer<typeof destinationSchema>, Destination>,
    SameType<z.infer<typeof vehicleSchema>, Vehicle>,
    SameType<z.infer<typeof registrationSchema>, Registration>,
    SameType<z.infer<typeof testResultSchema>, TestResult>,
    SameType<z.infer<typeof personCheckSchema>, PersonCheck>,
    SameType<z.infer<typeof overrideSchema>, Override>,
    SameType<z.infer<typeof vehicleCheckSchema>, VehicleCheck>,
  ]
>;

export const SYNC_BATCH_MAX = 500;

export const batchRequestSchema = z.object({
  checks: z.array(z.unknown()).min(1).max(SYNC_BATCH_MAX),
});

export const BATCH_STATUSES = ['created', 'updated', 'duplicate', 'stale', 'rejected'] as const;
export const batchResultSchema = z.object({
  id: z.string(),
  status: z.enum(BATCH_STATUSES),
  /** With status rejected: the reason as a stable code (reject-code.ts). Servers before ADR 024 omit it. */
  code: batchResultCodeSchema.optional(),
  /** With status rejected: the reason in readable English; kept for clients that read only this. */
  error: z.string().optional(),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
export const batchResponseSchema = z.object({ results: z.array(batchResultSchema) });
