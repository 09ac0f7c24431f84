// The rules every wire schema applies to what a client sends (api.md "Hostile input"): text in NFC without hidden
// characters (the domain's rule, src/domain/safe-text.ts), whole numbers that fit the store's integer columns, and
// times and dates within 2000–2099. A value that breaks one is refused here, by the schema, with the field named —
// never by the store, where it would fail a whole batch or answer 500.
import { z } from 'zod';
import { describeUnsafeCharacter, firstUnsafeCharacter, type TextKind } from '../domain/safe-text.ts';

/** The largest value of a PostgreSQL `integer` (int4) column: versions, revs and counts are stored in one. */
export const INT4_MAX = 2_147_483_647;

/** Years a time or date on the wire may have: a check, a policy or a report date outside them is a mistake. */
export const WIRE_YEAR_MIN = 2000;
export const WIRE_YEAR_MAX = 2099;

/** A whole number from `min` to `max` (at most INT4_MAX, the store's integer). */
export function wholeNumber(min: number, max: number = INT4_MAX) {
  return z.number().int().min(min).max(Math.min(max, INT4_MAX));
}

export interface TextOptions {
  /** Shortest length after trimming and normalising (default 0). */
  min?: number;
  max: number;
  /** Drop leading and trailing white space first (default true). Identifiers made by machines are not trimmed. */
  trim?: boolean;
}

function text(kind: TextKind, { min = 0, max, trim = true }: TextOptions) {
  const base = trim ? z.string().trim() : z.string();
  // NFC first, so that é typed as e + ◌́ and as é are one value, and the lengths are of what is stored.
  return base
    .normalize('NFC')
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      const unsafe = firstUnsafeCharacter(value, kind);
      if (unsafe !== null) ctx.addIssue({ code: 'custom', message: describeUnsafeCharacter(unsafe), input: value });
    });
}

/** One line: a name, plate, ID number, phone, team, officer, place or device name, an identifier. */
export function lineText(options: TextOptions) {
  return text('line', options);
}

/** Notes and reasons: line breaks and tabs allowed, other controls and bidirectional controls not. */
export function freeText(options: TextOptions) {
  return text('free', options);
}

/** An id a client sends back as it was given (a checkpoint, a device): one line, untrimmed, 1 to `max` long. */
export function identifier(max: number) {
  return lineText({ min: 1, max, trim: false });
}

/** The year a date or date-time is written with ("2026-…"): the schemas below have checked its shape. */
const writtenYear = (value: string): number => Number(value.slice(0, 4));

/** Whether a date or date-time of a checked shape is written in WIRE_YEAR_MIN–WIRE_YEAR_MAX. */
export const inWireYears = (value: string): boolean => {
  const year = writtenYear(value);
  return year >= WIRE_YEAR_MIN && year <= WIRE_YEAR_MAX;
};

export const WIRE_YEARS_MESSAGE = `the year must be ${WIRE_YEAR_MIN}–${WIRE_YEAR_MAX}`;

/**
 * ISO 8601 date-time that carries an explicit offset (Z or ±hh:mm), written in 2000–2099. The year bound keeps the
 * instant and its wall clock in any zone inside what Date and the store handle: 9999-12-31T23:59-23:59 would be an
 * instant in year 10000, whose local day and hour cannot be written.
 */
export const isoDateTimeSchema = z.iso.datetime({ offset: true }).refine(inWireYears, WIRE_YEARS_MESSAGE);

/** 'YYYY-MM-DD' that names a real calendar day (no 2026-02-30) in 2000–2099. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'a date is written YYYY-MM-DD')
  .refine((date) => {
    const epochMs = Date.parse(`${date}T00:00:00Z`);
    return !Number.isNaN(epochMs) && new Date(epochMs).toISOString().slice(0, 10) === date;
  }, 'not a calendar day')
  .refine(inWireYears, WIRE_YEARS_MESSAGE);
