// Identity data of flagged persons: resident ID numbers (GB 11643), mobile and landline phones, as the registration
// form accepts them (what a screen or a printout shows of them: masks.ts).
import { ID_NUMBER_LENGTH } from './masks.ts';

export type IdNumberError = 'empty' | 'length' | 'characters' | 'birth-date' | 'checksum';

// ISO 7064 MOD 11-2 weights for the first 17 digits, and the check character for each remainder.
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const dayNumber = (d: CalendarDay): number => d.year * 10_000 + d.month * 100 + d.day;
const pad2 = (n: number): string => String(n).padStart(2, '0');

function checkChar(first17: string): string {
  let sum = 0;
  CHECK_WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Validates an 18-character resident ID number: digits with a final check character (x or X), a real
 * birth date from 1900 and, when `today` is given, not after it, and the MOD 11-2 check character.
 */
export function validateIdNumber(
  raw: string,
  today?: CalendarDay,
): { ok: true; value: string; birthDate: string } | { ok: false; error: IdNumberError } {
  const value = raw.replace(/\s/gu, '').toUpperCase();
  if (value === '') return { ok: false, error: 'empty' };
  if (!/^\d*X?$/u.test(value)) return { ok: false, error: 'characters' };
  if (value.length !== ID_NUMBER_LENGTH) return { ok: false, error: 'length' };

  const birth: CalendarDay = {
    year: Number(value.slice(6, 10)),
    month: Number(value.slice(10, 12)),
    day: Number(value.slice(12, 14)),
  };
  const realDate =
    birth.year >= EARLIEST_BIRTH_YEAR &&
    birth.month >= 1 &&
    birth.month <= 12 &&
    birth.day >= 1 &&
    birth.day <= daysInMonth(birth.year, birth.month);
  if (!realDate || (today !== undefined && dayNumber(birth) > dayNumber(today))) {
    return { ok: false, error: 'birth-date' };
  }

  if (checkChar(value.slice(0, 17)) !== value.slice(17)) return { ok: false, error: 'checksum' };
  return { ok: true, value, birthDate: `${birth.year}-${pad2(birth.month)}-${pad2(birth.day)}` };
}

export type PhoneError = 'empty' | 'format';

const MOBILE = /^1[3-9]\d{9}$/u;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/u;
const MAINLAND_PREFIX = /^(\+86|0086)/u;

/** A mainland mobile (spaces, dashes and a +86 prefix dropped) or a landline with its area code (0731-84567890). */
export function validatePhone(raw: string): { ok: true; value: string } | { ok: false; error: PhoneError } {
  const compact = raw.replace(/\s/gu, '');
  if (compact === '') return { ok: false, error: 'empty' };
  const mobile = compact.replace(/-/gu, '').replace(MAINLAND_PREFIX, '');
  if (MOBILE.test(mobile)) return { ok: true, value: mobile };
  if (LANDLINE.test(compact)) return { ok: true, value: compact };
  return { ok: false, error: 'format' };
}
