// Body temperature as typed by an officer: decimal comma or point, rounded to 0.1 °C, in the plausible range.
import { TEMPERATURE_MAX_C, TEMPERATURE_MIN_C } from './vocabulary.ts';

export type TemperatureError = 'empty' | 'not-a-number' | 'out-of-range';

// Optional sign so '-5' reads as a number out of range, not as gibberish; a trailing unit is tolerated.
const TEMPERATURE_TEXT = /^(-?)(\d{1,3})(?:[.,，。](\d*))?(?:℃|°C?|C)?$/u;

/** '36.6', '36,6' and '36.65' (→ 36.7, half up on the decimal digits, not on a binary float). */
export function parseTemperature(text: string): { ok: true; value: number } | { ok: false; error: TemperatureError } {
  const compact = text.replace(/\s/gu, '').toUpperCase();
  if (compact === '') return { ok: false, error: 'empty' };
  const match = TEMPERATURE_TEXT.exec(compact);
  if (match === null) return { ok: false, error: 'not-a-number' };
  const [, sign = '', whole = '', fraction = ''] = match;
  const tenthDigit = Number(fraction[0] ?? '0');
  const roundUp = Number(fraction[1] ?? '0') >= 5 ? 1 : 0;
  const tenths = (Number(whole) * 10 + tenthDigit + roundUp) * (sign === '-' ? -1 : 1);
  const value = tenths / 10;
  if (value < TEMPERATURE_MIN_C || value > TEMPERATURE_MAX_C) return { ok: false, error: 'out-of-range' };
  return { ok: true, value };
}
