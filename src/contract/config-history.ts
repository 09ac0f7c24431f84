// The shift configuration's history on the wire (GET /api/v1/checkpoint-config/history). Validates the domain's shapes
// (src/domain/config-history.ts).
import { z } from 'zod';
import {
  CONFIG_CHANGE_MAKERS,
  type CheckpointConfigChange,
  type CheckpointConfigHistory,
} from '../domain/config-history.ts';
import { checkpointConfigBodySchema } from './checkpoint-config.ts';
import type { AllTrue, SameType } from './same-type.ts';
import { isoDateTimeSchema } from './vehicle-check.ts';

export const checkpointConfigChangeSchema = checkpointConfigBodySchema.extend({
  version: z.number().int().min(1),
  updatedAt: isoDateTimeSchema,
  madeBy: z.enum(CONFIG_CHANGE_MAKERS).describe('A lead session, an admin, or unknown (saved before history was kept)'),
  deviceId: z.string().nullable().describe("The tablet whose lead saved it; null for an admin's"),
});

export const checkpointConfigHistorySchema = z.object({
  checkpointId: z.string(),
  changes: z.array(checkpointConfigChangeSchema).describe('Newest first'),
});

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof checkpointConfigChangeSchema>, CheckpointConfigChange>,
    SameType<z.infer<typeof checkpointConfigHistorySchema>, CheckpointConfigHistory>,
  ]
>;
