// The wire format of the command's console (api.md v1.1, "Admin accounts, checkpoints, tablets, the region"): what the
// server answers and the console checks every answer against (ADR 038).
import { z } from 'zod';
import { ADMIN_SCOPE_KINDS, type AdminScope } from '../domain/admin-scope.ts';
import { RISK_AREA_REFUSALS, type RiskAreaLine } from '../domain/risk-area-lines.ts';
import type {
  RegionHandoffCheckpoint,
  RegionHandoffGroup,
  RegionHandoffList,
  RegionHandoffPerson,
} from '../domain/region-handoffs.ts';
import { handoffGroupSchema, handoffPersonSchema } from './handoff.ts';
import { riskAreaSchema } from './policy.ts';
import type { AllTrue, SameType } from './same-type.ts';
import { dailyTallySchema, localDateSchema } from './tally.ts';

/** The scope as it travels: the kind, and the province and city the kind names. */
export const adminScopeSchema = z
  .object({
    kind: z.enum(ADMIN_SCOPE_KINDS),
    province: z.string().optional(),
    city: z.string().optional(),
  })
  .meta({ id: 'AdminScope' });

/** The domain's scope of a wire scope; a kind without the names it needs sees nothing (an empty city). */
export function adminScopeOf(wire: z.infer<typeof adminScopeSchema>): AdminScope {
  if (wire.kind === 'all') return { kind: 'all' };
  if (wire.kind === 'province') return { kind: 'province', province: wire.province ?? '' };
  return { kind: 'city', province: wire.province ?? '', city: wire.city ?? '' };
}

export const adminSessionSchema = z
  .object({
    token: z.string().min(1),
    expiresAt: z.string(),
    username: z.string(),
    scope: adminScopeSchema,
  })
  .meta({ id: 'AdminSession' });
export type AdminSession = z.infer<typeof adminSessionSchema>;

export const checkpointListingSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    timezone: z.string(),
    countyCode: z.string().nullable(),
    createdAt: z.string(),
    archivedAt: z.string().nullable().describe('Archived: its tablets no longer sync or enroll; its data are kept'),
    devices: z.number().int().describe('Tablets enrolled and not revoked'),
    lastSeenAt: z.string().nullable(),
    lastSyncAt: z.string().nullable().describe('The latest batch any of its tablets posted'),
  })
  .meta({ id: 'CheckpointListing' });
export type CheckpointListing = z.infer<typeof checkpointListingSchema>;

export const newCheckpointCodeSchema = z
  .object({ checkpointId: z.string(), enrollmentCode: z.string() })
  .meta({ id: 'NewCheckpointCode' });

export const enrollmentCodeSchema = z.object({ enrollmentCode: z.string() }).meta({ id: 'EnrollmentCode' });

export const deviceListingSchema = z
  .object({
    deviceId: z.string(),
    name: z.string(),
    checkpointId: z.string(),
    enrolledAt: z.string(),
    lastSeenAt: z.string().nullable(),
    lastSyncAt: z.string().nullable().describe('The last batch it posted'),
    appVersion: z.string().nullable().describe('Kakou-App-Version of that batch'),
    pendingChecks: z.number().int().nullable().describe('Kakou-Pending of that batch: checks still queued on it'),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'DeviceListing' });
export type DeviceListing = z.infer<typeof deviceListingSchema>;

export const policyVersionsSchema = z
  .array(
    z.object({
      version: z.number().int(),
      effectiveFrom: z.string(),
      publishedAt: z.string(),
      publishedBy: z.string().nullable().describe('An admin\'s username, "admin-token", or null (version 1)'),
    }),
  )
  .meta({ id: 'PolicyVersions' });
export type PolicyVersionListing = z.infer<typeof policyVersionsSchema>[number];

/**
 * One pasted risk-area line as the server read it (POST /api/v1/policy/risk-area-lines, the domain's riskAreaLines
 * against its own division lists): matched to an area under the lists' names, or refused with a stable code and the
 * words to show in either language. The same shape as the route's answer, field for field.
 */
export const riskAreaLineSchema = z.object({
  lineNumber: z.number().int().describe('1 for the first line pasted; blank lines are left out but counted'),
  text: z.string().describe('The line as pasted'),
  result: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('matched'),
      area: riskAreaSchema,
      codes: z.object({ province: z.string(), city: z.string().optional(), county: z.string().optional() }),
    }),
    z.object({
      kind: z.literal('refused'),
      reason: z.object({
        code: z.enum(RISK_AREA_REFUSALS),
        words: z.object({ 'zh-CN': z.string(), en: z.string() }).describe('What to show, in Chinese and English'),
        earlierLine: z.number().int().optional().describe('A duplicate’s earlier line'),
      }),
    }),
  ]),
});

/** The answer of POST /api/v1/policy/risk-area-lines: one line per non-blank pasted line, in the paste's order. */
export const riskAreaLinesSchema = z.object({ lines: z.array(riskAreaLineSchema) });

/** The answer infers exactly the domain's lines: a field added to one side only fails the type check here. */
export type RiskAreaLineSchemaMatchesDomain = AllTrue<[SameType<z.infer<typeof riskAreaLineSchema>, RiskAreaLine>]>;

/** The region's day (GET /api/v1/tallies/region): each checkpoint's own local day, and their sum. */
export const regionTallySchema = z
  .object({
    date: localDateSchema,
    checkpoints: z.array(dailyTallySchema.extend({ name: z.string(), province: z.string(), city: z.string() })),
    total: dailyTallySchema.omit({ checkpointId: true, timezone: true }),
  })
  .meta({ id: 'RegionTally' });
export type RegionTally = z.infer<typeof regionTallySchema>;

/**
 * The region's hand-off list (GET /api/v1/handoffs/region): every checkpoint of the region with the flagged persons it
 * found that day, and the persons grouped by destination county → township → village as one checkpoint's list groups
 * them, each with the checkpoint that checked them. ID numbers and phones come in full, as in one checkpoint's list:
 * the console masks them on screen; the exports carry them for the grid workers.
 */
export const regionHandoffPersonSchema = handoffPersonSchema.extend({
  checkpointId: z.string().min(1),
  checkpointName: z.string(),
});

export const regionHandoffGroupSchema = handoffGroupSchema.extend({
  persons: z.array(regionHandoffPersonSchema).min(1),
});

export const regionHandoffCheckpointSchema = z.object({
  checkpointId: z.string().min(1),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  timezone: z.string(),
  flaggedPersons: z.number().int().nonnegative(),
});

export const regionHandoffListSchema = z
  .object({
    date: localDateSchema,
    checkpoints: z.array(regionHandoffCheckpointSchema),
    groups: z.array(regionHandoffGroupSchema),
  })
  .meta({ id: 'RegionHandoffList' });

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type RegionHandoffSchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof regionHandoffPersonSchema>, RegionHandoffPerson>,
    SameType<z.infer<typeof regionHandoffGroupSchema>, RegionHandoffGroup>,
    SameType<z.infer<typeof regionHandoffCheckpointSchema>, RegionHandoffCheckpoint>,
    SameType<z.infer<typeof regionHandoffListSchema>, RegionHandoffList>,
  ]
>;
