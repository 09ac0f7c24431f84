// The checkpoint's shift configuration on the wire: its teams, the shifts of a day and how teams rotate through them.
// Validates the domain's shapes (src/domain/shift-schedule.ts).
import { z } from 'zod';
import type { CheckpointConfig, CheckpointConfigBody, ShiftSlot } from '../domain/shift-schedule.ts';
import { INT4_MAX, inWireYears, isoDateTimeSchema, lineText, WIRE_YEARS_MESSAGE, wholeNumber } from './safe-values.ts';
import type { AllTrue, SameType } from './same-type.ts';

/** Wall-clock time in the checkpoint's zone, "HH:MM" (24 h). */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00–23:59)');

export const shiftSlotSchema = z.object({
  /** Shown to officers and on the hand-over, e.g. "早班" or "全天". */
  name: lineText({ min: 1, max: 16 }),
  /** When this shift starts; it ends where the next slot (in day order, wrapping) starts. */
  start: clockTimeSchema,
});

export const checkpointConfigBodySchema = z.object({
  /** Team names (班组), in rotation order. */
  teams: z
    .array(lineText({ min: 1, max: 32 }))
    .min(1)
    .max(12),
  /** The shifts of one day, in day order starting from the first slot's start: one slot = 24-hour rotation. */
  shifts: z.array(shiftSlotSchema).min(1).max(6),
  /**
   * The local date on which teams[0] works the first slot. Each following slot (across days) goes to the next
   * team in order, so three teams on one 24-hour slot rotate daily, and on three slots work one each per day.
   */
  // A calendar day is the domain's rule (checkCheckpointConfig), which says so in the words of the settings screen.
  rotationAnchor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(inWireYears, WIRE_YEARS_MESSAGE),
});

/** As stored and served: the body plus the version the server gave it (1, 2, …) and when it changed. */
export const checkpointConfigSchema = checkpointConfigBodySchema.extend({
  version: wholeNumber(0),
  updatedAt: isoDateTimeSchema.nullable(),
});

/** PUT body: the new configuration and the version it was edited from (a stale base answers 409). */
export const checkpointConfigUpdateSchema = checkpointConfigBodySchema.extend({
  // One below the store's integer: the edit is stored as baseVersion + 1.
  baseVersion: wholeNumber(0, INT4_MAX - 1),
});
export type CheckpointConfigUpdate = z.infer<typeof checkpointConfigUpdateSchema>;

/** The schemas infer exactly the domain's types: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof shiftSlotSchema>, ShiftSlot>,
    SameType<z.infer<typeof checkpointConfigBodySchema>, CheckpointConfigBody>,
    SameType<z.infer<typeof checkpointConfigSchema>, CheckpointConfig>,
  ]
>;
