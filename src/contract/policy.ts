// The screening policy on the wire (api.md "Policy"): versioned, published by admins, cached by tablets. Validates
// the domain's Policy (src/domain/policy.ts).
import { z } from 'zod';
import type { Policy, RiskArea } from '../domain/policy.ts';
import {
  FLAGS,
  RISK_LEVELS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type VehicleType,
} from '../domain/vocabulary.ts';
import { isoDateTimeSchema, lineText, wholeNumber } from './safe-values.ts';
import type { AllTrue, SameType } from './same-type.ts';
import { dispositionSchema } from './vehicle-check.ts';

/** The bounds of a policy's figures: the schema below holds them, and the console's policy form says them. */
export const FEVER_THRESHOLD_MIN_C = 35;
export const FEVER_THRESHOLD_MAX_C = 42;
export const TEST_WINDOW_HOURS_MIN = 1;
export const TEST_WINDOW_HOURS_MAX = 24 * 14;
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 366;
export const RISK_AREAS_MAX = 5000;

export const riskAreaSchema = z.object({
  province: lineText({ min: 1, max: 32 }),
  city: lineText({ min: 1, max: 32 }).optional(),
  county: lineText({ min: 1, max: 64 }).optional(),
  level: z.enum(RISK_LEVELS),
});

const flagRecommendationsSchema = z.object(
  Object.fromEntries(FLAGS.map((f) => [f, dispositionSchema])) as Record<Flag, typeof dispositionSchema>,
);

export const policySchema = z
  .object({
    version: wholeNumber(1),
    effectiveFrom: isoDateTimeSchema,
    feverThresholdC: z.number().min(FEVER_THRESHOLD_MIN_C).max(FEVER_THRESHOLD_MAX_C),
    testWindowHours: z.number().int().min(TEST_WINDOW_HOURS_MIN).max(TEST_WINDOW_HOURS_MAX),
    riskAreas: z.array(riskAreaSchema).max(RISK_AREAS_MAX),
    /** What each flag recommends, per vehicle type. */
    recommendations: z.object(
      Object.fromEntries(VEHICLE_TYPES.map((t) => [t, flagRecommendationsSchema])) as Record<
        VehicleType,
        typeof flagRecommendationsSchema
      >,
    ),
    /** Dispositions an officer may choose per vehicle type (trucks may not be turned back). */
    allowedDispositions: z.object(
      Object.fromEntries(VEHICLE_TYPES.map((t) => [t, z.array(dispositionSchema).min(1)])) as Record<
        VehicleType,
        z.ZodArray<typeof dispositionSchema>
      >,
    ),
    /** Days personal data is kept (src/domain/retention.ts). */
    retentionDays: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX),
  })
  .superRefine((policy, ctx) => {
    for (const type of VEHICLE_TYPES) {
      const allowed = new Set<Disposition>(policy.allowedDispositions[type]);
      if (!allowed.has('release')) {
        ctx.addIssue({ code: 'custom', path: ['allowedDispositions', type], message: 'release must be allowed' });
      }
      for (const flag of FLAGS) {
        const rec = policy.recommendations[type][flag];
        if (!allowed.has(rec)) {
          ctx.addIssue({
            code: 'custom',
            path: ['recommendations', type, flag],
            message: `${rec} is not an allowed disposition for ${type}`,
          });
        }
      }
    }
  });

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [SameType<z.infer<typeof riskAreaSchema>, RiskArea>, SameType<z.infer<typeof policySchema>, Policy>]
>;
