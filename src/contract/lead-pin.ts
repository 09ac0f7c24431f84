// The lead PIN and lead sessions on the wire (docs/api.md "The lead"): the hash a tablet verifies offline, what sets
// the PIN, and what a correct PIN buys. Validates the domain's shapes (src/domain/lead-pin.ts).
import { z } from 'zod';
import {
  LEAD_PIN_ALGORITHM,
  LEAD_PIN_MAX_ITERATIONS,
  LEAD_PIN_MIN_ITERATIONS,
  LEAD_PIN_SETTERS,
  type CheckpointLeadPin,
  type LeadPinHash,
  type LeadSession,
} from '../domain/lead-pin.ts';
import { LEAD_PIN_MAX_DIGITS, LEAD_PIN_MIN_DIGITS } from '../domain/lead-pin-rules.ts';
import type { AllTrue, SameType } from './same-type.ts';
import { isoDateTimeSchema } from './vehicle-check.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/u;
/** 16 random bytes at least (the tablets make 16: 24 characters), and no more than a salt could sensibly be. */
const SALT_B64_MIN_CHARS = 24;
const SALT_B64_MAX_CHARS = 88;
/** 32 bytes of PBKDF2 output, padded: what both sides derive. */
const HASH_B64_CHARS = 44;

/** The hash as the server serves it: whatever it stored (its own are made with LEAD_PIN_MIN_ITERATIONS or more). */
export const leadPinHashSchema = z.object({
  algorithm: z.literal(LEAD_PIN_ALGORITHM),
  iterations: z.number().int().min(1).max(LEAD_PIN_MAX_ITERATIONS).describe('PBKDF2 rounds'),
  saltB64: z.string().min(SALT_B64_MIN_CHARS).max(SALT_B64_MAX_CHARS).regex(BASE64, 'base64'),
  hashB64: z.string().length(HASH_B64_CHARS).regex(BASE64, 'base64'),
});

/** A hash a tablet hands the server: no fewer rounds than the server's own, so no tablet can weaken the PIN. */
export const leadPinHashUploadSchema = leadPinHashSchema.extend({
  iterations: z
    .number()
    .int()
    .min(LEAD_PIN_MIN_ITERATIONS)
    .max(LEAD_PIN_MAX_ITERATIONS)
    .describe(`PBKDF2 rounds, ${LEAD_PIN_MIN_ITERATIONS} or more`),
});

export const checkpointLeadPinSchema = z.object({
  checkpointId: z.string(),
  version: z.number().int().min(0).describe('0 while no PIN is set; +1 on each change'),
  setAt: isoDateTimeSchema.nullable(),
  setBy: z.enum(LEAD_PIN_SETTERS).nullable(),
  hash: leadPinHashSchema.nullable().describe('What the tablets verify the PIN against, offline'),
});

/** A PIN as typed: 6–8 digits. Whether it is a good one is the domain's rule (checkLeadPin), said in words. */
export const leadPinDigitsSchema = z
  .string()
  .regex(
    new RegExp(`^[0-9]{${LEAD_PIN_MIN_DIGITS},${LEAD_PIN_MAX_DIGITS}}$`, 'u'),
    `${LEAD_PIN_MIN_DIGITS} to ${LEAD_PIN_MAX_DIGITS} digits`,
  );

/** PUT /api/v1/lead-pin (a lead or an admin): the new PIN, hashed by the server. */
export const leadPinChangeSchema = z.object({ pin: leadPinDigitsSchema });
export type LeadPinChange = z.infer<typeof leadPinChangeSchema>;

/**
 * POST /api/v1/lead-pin (a tablet, while the checkpoint has no PIN): the PIN typed by the first lead, or the hash a
 * tablet enrolled before already keeps (the PIN itself is gone by then), which the server takes as it is.
 */
export const leadPinFirstSchema = z.union([
  z.object({ pin: leadPinDigitsSchema }).strict(),
  z.object({ hash: leadPinHashUploadSchema }).strict(),
]);
export type LeadPinFirst = z.infer<typeof leadPinFirstSchema>;

/** POST /api/v1/lead-sessions. */
export const leadSessionRequestSchema = z.object({ pin: leadPinDigitsSchema });

export const leadSessionSchema = z.object({
  token: z.string().min(1).describe('Bearer token of the lead session; sent instead of the device token'),
  expiresAt: isoDateTimeSchema,
});

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof leadPinHashSchema>, LeadPinHash>,
    SameType<z.infer<typeof leadPinHashUploadSchema>, LeadPinHash>,
    SameType<z.infer<typeof checkpointLeadPinSchema>, CheckpointLeadPin>,
    SameType<z.infer<typeof leadSessionSchema>, LeadSession>,
  ]
>;
