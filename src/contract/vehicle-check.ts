// The VehicleCheck wire format of the sync API (v1), shared by the tablet and the server.
// Fields may be added, never renamed or dropped: other systems call the endpoint.
import { z } from 'zod';
import { batchResultCodeSchema } from './reject-code.ts';

/** ISO 8601 date-time that carries an explicit offset (Z or ±hh:mm). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const VEHICLE_TYPES = ['car', 'bus', 'truck', 'van', 'motorcycle', 'other'] as const;
export const vehicleTypeSchema = z.enum(VEHICLE_TYPES);
export type VehicleType = z.infer<typeof vehicleTypeSchema>;

export const PLATE_KINDS = [
  'standard',
  'new-energy',
  'trailer',
  'coach',
  'police',
  'hk',
  'macau',
  'embassy',
  'consulate',
  'emergency',
  'unknown',
] as const;
export const plateKindSchema = z.enum(PLATE_KINDS);
export type PlateKind = z.infer<typeof plateKindSchema>;

export const SCAN_METHODS = ['camera', 'id-lookup', 'none'] as const;
export const scanMethodSchema = z.enum(SCAN_METHODS);
export type ScanMethod = z.infer<typeof scanMethodSchema>;

export const CODE_COLORS = ['green', 'yellow', 'red', 'grey', 'unknown'] as const;
export const codeColorSchema = z.enum(CODE_COLORS);
export type CodeColor = z.infer<typeof codeColorSchema>;

export const TEST_STATUSES = ['negative', 'positive', 'none', 'pending'] as const;
export const testStatusSchema = z.enum(TEST_STATUSES);
export type TestStatus = z.infer<typeof testStatusSchema>;

export const PERSON_ROLES = ['driver', 'passenger'] as const;
export const personRoleSchema = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof personRoleSchema>;

export const FLAGS = [
  'red-code',
  'yellow-code',
  'grey-code',
  'itinerary-star',
  'risk-area',
  'fever',
  'no-valid-test',
  'positive-test',
  'unvaccinated',
] as const;
export const flagSchema = z.enum(FLAGS);
export type Flag = z.infer<typeof flagSchema>;

/** Ordered from least to most strict: the vehicle takes the strictest of its occupants'. */
export const DISPOSITIONS = [
  'release',
  'push-destination',
  'sample-on-site',
  'turn-back',
  'hold',
  'escort',
  'fever-clinic',
  'hand-over',
] as const;
export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

const trimmed = (max: number) => z.string().trim().max(max);

export const originSchema = z.object({
  province: trimmed(32),
  city: trimmed(32),
});
export type Origin = z.infer<typeof originSchema>;

export const destinationSchema = z.object({
  province: trimmed(32),
  city: trimmed(32),
  county: trimmed(64),
  township: trimmed(64),
  village: trimmed(64),
});
export type Destination = z.infer<typeof destinationSchema>;

export const vehicleSchema = z.object({
  plate: z
    .string()
    .min(1)
    .max(16)
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
export type Vehicle = z.infer<typeof vehicleSchema>;

export const registrationSchema = z.object({
  name: z.string().trim().min(1).max(64),
  idNumber: z.string().trim().max(32),
  phone: z.string().trim().max(20),
});
export type Registration = z.infer<typeof registrationSchema>;

export const testResultSchema = z.object({
  status: testStatusSchema,
  sampledAt: isoDateTimeSchema.nullable(),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const TEMPERATURE_MIN_C = 34;
export const TEMPERATURE_MAX_C = 43;

export const personCheckSchema = z.object({
  role: personRoleSchema,
  scan: scanMethodSchema,
  codeDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/u, 'codeDigest is a lower-case hex SHA-256')
    .nullable(),
  codeColor: codeColorSchema,
  itineraryStar: z.boolean(),
  itineraryCities: z.array(trimmed(32)).max(50),
  temperatures: z.array(z.number().min(TEMPERATURE_MIN_C).max(TEMPERATURE_MAX_C)).min(1).max(10),
  idChecked: z.boolean(),
  test: testResultSchema,
  vaccineDoses: z.number().int().min(0).max(10).nullable(),
  flags: z.array(flagSchema),
  disposition: dispositionSchema,
  registration: registrationSchema.nullable(),
  // Fields below were added to v1 (allowed: fields may be added, none renamed or dropped).
  /** Whether the colour was set by the officer or suggested by the scanner and confirmed. */
  codeColorSource: z.enum(['officer', 'suggested-confirmed']).optional(),
  /** What the rules recommended for this person when the officer chose another disposition. */
  recommendedDisposition: dispositionSchema.optional(),
  /** Why the officer overrode the recommendation for this person. */
  overrideReason: z.string().trim().min(1).max(500).optional(),
});
export type PersonCheck = z.infer<typeof personCheckSchema>;

export const overrideSchema = z.object({
  reason: z.string().trim().min(1).max(500),
  // Added to v1: the disposition the rules recommended before the officer overrode it.
  recommended: dispositionSchema.optional(),
});
export type Override = z.infer<typeof overrideSchema>;

export const vehicleCheckSchema = z.object({
  id: z.uuid(),
  rev: z.number().int().min(1),
  checkpointId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  officerId: z.string().min(1).max(32),
  team: z.string().min(1).max(32),
  shiftId: z.string().min(1).max(64),
  startedAt: isoDateTimeSchema,
  completedAt: isoDateTimeSchema,
  policyVersion: z.number().int().min(1),
  vehicle: vehicleSchema,
  persons: z.array(personCheckSchema).min(1).max(80),
  disposition: dispositionSchema,
  override: overrideSchema.nullable(),
  notes: z.string().max(2000),
});
export type VehicleCheck = z.infer<typeof vehicleCheckSchema>;

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
