// The wire format of the command's console (api.md v1.1, "Admin accounts, checkpoints, tablets, the region"): what the
// server answers and the console checks every answer against (ADR 038).
import { z } from 'zod';
import { ADMIN_SCOPE_KINDS, type AdminScope } from '../domain/admin-scope.ts';

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
