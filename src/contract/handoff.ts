// The hand-off list of api.md: one checkpoint's flagged persons of a local day, grouped by destination, for the grid workers (网格员).
// Validates the domain's HandoffList (src/domain/handoffs.ts).
import { z } from 'zod';
import type { HandoffGroup, HandoffList, HandoffPerson } from '../domain/handoffs.ts';
import { isoDateTimeSchema, localDateSchema } from './safe-values.ts';
import type { AllTrue, SameType } from './same-type.ts';
import { dispositionSchema, flagSchema } from './vehicle-check.ts';

export const handoffPersonSchema = z.object({
  checkId: z.string(),
  completedAt: isoDateTimeSchema,
  plate: z.string().nullable(),
  flags: z.array(flagSchema).min(1),
  disposition: dispositionSchema,
  // Full values, not masked: the grid workers call and visit these people. Null when nobody registered the person.
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
});

export const handoffGroupSchema = z.object({
  county: z.string(),
  township: z.string(),
  village: z.string(),
  persons: z.array(handoffPersonSchema).min(1),
  // Added (ADR 034): the group's division codes, as far as they are known.
  countyCode: z.string().optional(),
  townshipCode: z.string().optional(),
  villageCode: z.string().optional(),
});

export const handoffListSchema = z.object({
  checkpointId: z.string().min(1),
  date: localDateSchema,
  groups: z.array(handoffGroupSchema),
});

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof handoffPersonSchema>, HandoffPerson>,
    SameType<z.infer<typeof handoffGroupSchema>, HandoffGroup>,
    SameType<z.infer<typeof handoffListSchema>, HandoffList>,
  ]
>;
