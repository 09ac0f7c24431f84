// The hand-off list of api.md: one checkpoint's flagged persons of a local day, grouped by destination, for the grid workers (网格员).
import { z } from 'zod';
import { localDateSchema } from './tally.ts';
import { dispositionSchema, flagSchema, isoDateTimeSchema } from './vehicle-check.ts';

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
export type HandoffPerson = z.infer<typeof handoffPersonSchema>;

export const handoffGroupSchema = z.object({
  county: z.string(),
  township: z.string(),
  village: z.string(),
  persons: z.array(handoffPersonSchema).min(1),
});
export type HandoffGroup = z.infer<typeof handoffGroupSchema>;

export const handoffListSchema = z.object({
  checkpointId: z.string().min(1),
  date: localDateSchema,
  groups: z.array(handoffGroupSchema),
});
export type HandoffList = z.infer<typeof handoffListSchema>;
