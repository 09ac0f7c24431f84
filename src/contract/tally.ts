// The DailyTally wire format of api.md ("Tallies and exports"): one checkpoint's local day, merged across its tablets.
// Validates the domain's DailyTally (src/domain/tally.ts).
import { z } from 'zod';
import { HOURS_PER_DAY, type DailyTally, type SkewedClockTally } from '../domain/tally.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from '../domain/vocabulary.ts';
import { INT4_MAX, isoDateTimeSchema, localDateSchema, wholeNumber } from './safe-values.ts';
import type { AllTrue, SameType } from './same-type.ts';

// Where the routes and the tablet have always found it; the rule itself is in safe-values.ts.
export { localDateSchema } from './safe-values.ts';

const countSchema = z.number().int().min(0);
const vehiclesAndPersonsSchema = z.object({ vehicles: countSchema, persons: countSchema });

/** A tablet whose clock was off while it made checks of the day (ADR 035). */
export const skewedClockTallySchema = z.object({
  deviceId: z.string().min(1),
  /** As it was enrolled; null for a tablet the server does not know (checks an admin loaded). */
  deviceName: z.string().nullable(),
  /** The skew of largest size among those checks, in seconds: the tablet's clock minus the server's. */
  largestSkewSeconds: wholeNumber(-INT4_MAX),
  /** Its checks of the day made while its clock was off. */
  checks: countSchema,
});

// zod 4 records keyed by an enum are exhaustive: every key present, zeros included.
export const dailyTallySchema = z.object({
  checkpointId: z.string().min(1),
  date: localDateSchema,
  /** IANA zone of the checkpoint: decides each check's day and hour. */
  timezone: z.string().min(1),
  vehicles: countSchema,
  persons: countSchema,
  vehiclesByType: z.record(z.enum(VEHICLE_TYPES), countSchema),
  vehiclesByOrigin: z.record(z.enum(ORIGIN_CLASSES), countSchema),
  /** Persons with each flag. */
  flags: z.record(z.enum(FLAGS), countSchema),
  personDispositions: z.record(z.enum(DISPOSITIONS), countSchema),
  vehicleDispositions: z.record(z.enum(DISPOSITIONS), countSchema),
  byHour: z
    .array(
      vehiclesAndPersonsSchema.extend({
        hour: z
          .number()
          .int()
          .min(0)
          .max(HOURS_PER_DAY - 1),
      }),
    )
    .length(HOURS_PER_DAY),
  byTeam: z.record(z.string(), vehiclesAndPersonsSchema),
  /** Tablets that contributed checks to this day. */
  devices: countSchema,
  // Fields below were added to v1 (allowed: fields may be added, none renamed or dropped).
  /** When the tally was computed. */
  generatedAt: isoDateTimeSchema,
  /** completedAt of the newest check counted, as the tablet sent it; null on a day with no checks. */
  newestCompletedAt: isoDateTimeSchema.nullable(),
  /** The tablets whose clocks were off that day, the largest skew first; absent from servers before ADR 035. */
  skewedClocks: z.array(skewedClockTallySchema).optional(),
  /** Persons with at least one flag, each once; absent from servers before ADR 038. */
  flaggedPersons: countSchema.optional(),
});

/** The schema infers exactly the domain's type: a field added to one side only fails the type check here. */
export type SchemasMatchDomain = AllTrue<
  [
    SameType<z.infer<typeof dailyTallySchema>, DailyTally>,
    SameType<z.infer<typeof skewedClockTallySchema>, SkewedClockTally>,
  ]
>;
