// The banner's sentence for a clock that is off, in the officer's language; null while the clock is right (or never
// measured). Apart from the banner so it can be read without React.
import { clockSkewAmount, isClockOff, type ClockSkewRecord } from '../../domain/clock-skew.ts';
import type { TranslateOf } from '../../platform/i18n.ts';
import type { clockSkewMessages } from './clock-skew.messages.ts';

export function clockSkewWords(
  record: ClockSkewRecord | null | undefined,
  t: TranslateOf<typeof clockSkewMessages>,
): string | null {
  if (!isClockOff(record?.skewSeconds)) return null;
  const { direction, amount, unit } = clockSkewAmount(record.skewSeconds);
  return t(`${direction}.${unit}`, { count: amount });
}
