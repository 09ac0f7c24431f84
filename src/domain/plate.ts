// Chinese licence plates (GA 36-2018): normalising, parsing every kind, validating as typed, origin hint.
import { OFFICE_LETTERS, plateOffice } from './plate-offices.ts';
import { PROVINCES, provinceByAbbr } from './provinces.ts';
import type { PlateKind } from './vocabulary.ts';

export type PlateError =
  | 'empty'
  | 'unknown-province'
  | 'bad-office'
  | 'bad-character'
  | 'letter-i-o'
  | 'too-short'
  | 'too-long'
  | 'bad-new-energy'
  | 'bad-suffix';

export type PlateParse =
  | { ok: true; plate: string; kind: PlateKind; provinceAbbr: string | null; office: string | null }
  | { ok: false; error: PlateError };

const PROVINCE_CHARS = PROVINCES.map((p) => p.abbr).join('');
// Serial characters: I and O are never used, they read as 1 and 0.
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const DIGIT_CHARS = '0123456789';
// GA 36-2018: D (pure electric), F (non-pure electric); some regions also issue these letters.
const NEW_ENERGY_CHARS = 'DABCEFGHJK';

type SlotRole = 'province' | 'office' | 'serial' | 'digit' | 'marker';
interface Slot {
  readonly role: SlotRole;
  readonly chars: string;
}
interface PlatePattern {
  readonly kind: PlateKind;
  readonly slots: readonly Slot[];
}

const province: Slot = { role: 'province', chars: PROVINCE_CHARS };
const office: Slot = { role: 'office', chars: OFFICE_LETTERS };
const serial: Slot = { role: 'serial', chars: SERIAL_CHARS };
const digit: Slot = { role: 'digit', chars: DIGIT_CHARS };
const newEnergyLetter: Slot = { role: 'serial', chars: NEW_ENERGY_CHARS };
const marker = (chars: string): Slot => ({ role: 'marker', chars });
const times = (slot: Slot, count: number): Slot[] => Array.from({ length: count }, () => slot);

const PATTERNS: readonly PlatePattern[] = [
  { kind: 'standard', slots: [province, office, ...times(serial, 5)] },
  { kind: 'new-energy', slots: [province, office, newEnergyLetter, serial, ...times(digit, 4)] },
  { kind: 'new-energy', slots: [province, office, ...times(digit, 5), newEnergyLetter] },
  { kind: 'trailer', slots: [province, office, ...times(serial, 4), marker('挂')] },
  { kind: 'coach', slots: [province, office, ...times(serial, 4), marker('学')] },
  { kind: 'police', slots: [province, office, ...times(serial, 4), marker('警')] },
  {
    kind: 'hk',
    slots: [{ role: 'province', chars: '粤' }, { role: 'office', chars: 'Z' }, ...times(serial, 4), marker('港')],
  },
  {
    kind: 'macau',
    slots: [{ role: 'province', chars: '粤' }, { role: 'office', chars: 'Z' }, ...times(serial, 4), marker('澳')],
  },
  { kind: 'consulate', slots: [province, office, ...times(serial, 4), marker('领')] },
  { kind: 'emergency', slots: [province, office, ...times(serial, 5), marker('应'), marker('急')] },
  { kind: 'emergency', slots: [province, office, ...times(serial, 4), marker('应'), marker('急')] },
  { kind: 'embassy', slots: [marker('使'), ...times(digit, 6)] },
  { kind: 'embassy', slots: [...times(digit, 6), marker('使')] },
];

const NEW_ENERGY_LENGTH = 8;
const MARKER_CHARS = new Set(PATTERNS.flatMap((p) => p.slots.filter((s) => s.role === 'marker').map((s) => s.chars)));

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
// Separators people type or print between the office letter and the serial.
const SEPARATORS = /[\s.·•・‧∙\-‐‑‒–—−_]/gu;

/** Trims, drops spaces, dots, middle dots and dashes, folds full-width to half-width and upper-cases latin letters. */
export function normalizePlate(raw: string): string {
  let halfWidth = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
      halfWidth += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    } else if (code === 0x3000) {
      halfWidth += ' ';
    } else {
      halfWidth += ch;
    }
  }
  return halfWidth.replace(SEPARATORS, '').toUpperCase();
}

function matchesPrefix(pattern: PlatePattern, chars: readonly string[], length: number): boolean {
  if (length > pattern.slots.length) return false;
  for (let i = 0; i < length; i++) {
    const slot = pattern.slots[i];
    const ch = chars[i];
    if (slot === undefined || ch === undefined || !slot.chars.includes(ch)) return false;
  }
  return true;
}

function candidates(chars: readonly string[], length: number): PlatePattern[] {
  return PATTERNS.filter((p) => matchesPrefix(p, chars, length));
}

/** The longest prefix of `chars` that some plate pattern still accepts. */
function longestValidPrefix(chars: readonly string[]): number {
  let n = 0;
  while (n < chars.length && candidates(chars, n + 1).length > 0) n++;
  return n;
}

const isAlnum = (ch: string): boolean => /^[A-Z0-9]$/u.test(ch);
const isHan = (ch: string): boolean => /^\p{Script=Han}$/u.test(ch);

/** Why the character at `n` cannot follow chars[0..n), in the words of PlateError. */
function diagnose(chars: readonly string[], n: number): PlateError {
  const ch = chars[n] ?? '';
  if (n === 0) return 'unknown-province';
  const first = chars[0] ?? '';
  const hasRegion = PROVINCE_CHARS.includes(first);
  if (n === 1 && hasRegion) return 'bad-office';

  const live = candidates(chars, n);
  const slotsHere = live.flatMap((p) => (p.slots[n] === undefined ? [] : [p.slots[n]]));
  if ((ch === 'I' || ch === 'O') && slotsHere.some((s) => s.role === 'serial')) return 'letter-i-o';

  if (MARKER_CHARS.has(ch)) {
    // Where could this suffix go on a plate with this province and office (港/澳 only on 粤Z)?
    const head = candidates(chars, Math.min(n, 2));
    const positions = head.flatMap((p) =>
      p.slots.flatMap((s, i) => (s.role === 'marker' && s.chars === ch ? [i] : [])),
    );
    if (positions.length === 0) return 'bad-suffix';
    if (positions.every((i) => i > n)) return 'too-short';
    if (positions.every((i) => i < n)) return 'too-long';
    return 'bad-suffix';
  }

  if (isAlnum(ch)) {
    if (hasRegion) {
      // Eight characters with no suffix can only be a new-energy plate.
      const serialSoFar = chars.slice(2, n);
      if (n === NEW_ENERGY_LENGTH - 1 && chars.length === NEW_ENERGY_LENGTH && serialSoFar.every(isAlnum)) {
        return 'bad-new-energy';
      }
      return 'too-long';
    }
    return slotsHere.some((s) => s.role === 'digit' || s.role === 'serial') ? 'bad-character' : 'too-long';
  }

  if (isHan(ch) && slotsHere.some((s) => s.role === 'marker')) return 'bad-suffix';
  return 'bad-character';
}

/** Parses a plate of any kind docs/domain.md lists; the plate in the result is normalised. */
export function parsePlate(raw: string): PlateParse {
  const plate = normalizePlate(raw);
  if (plate === '') return { ok: false, error: 'empty' };
  const chars = Array.from(plate);
  const exact = candidates(chars, chars.length).find((p) => p.slots.length === chars.length);
  if (exact !== undefined) {
    const hasRegion = exact.slots[0]?.role === 'province';
    return {
      ok: true,
      plate,
      kind: exact.kind,
      provinceAbbr: hasRegion ? (chars[0] ?? null) : null,
      office: hasRegion ? (chars[1] ?? null) : null,
    };
  }
  const n = longestValidPrefix(chars);
  return { ok: false, error: n === chars.length ? 'too-short' : diagnose(chars, n) };
}

/**
 * Validation as the officer types on the plate keyboard: a prefix of some valid plate is fine
 * (error null, canContinue), an impossible prefix reports its error at once.
 */
export function plateInputState(partial: string): {
  valid: boolean;
  canContinue: boolean;
  error: PlateError | null;
  maxLength: number;
} {
  const chars = Array.from(normalizePlate(partial));
  const n = longestValidPrefix(chars);
  const live = candidates(chars, n);
  const maxLength = Math.max(...live.map((p) => p.slots.length));
  if (n < chars.length) {
    return { valid: false, canContinue: false, error: diagnose(chars, n), maxLength };
  }
  return {
    valid: live.some((p) => p.slots.length === chars.length),
    canContinue: live.some((p) => p.slots.length > chars.length),
    error: null,
    maxLength,
  };
}

/**
 * The origin the plate hints at (cars travel: only a prefill). Null when the plate names no province (embassy plates,
 * unknown plates); city '' when its office letter stands for no one city: a province-level office (粤Z), a letter the
 * tables do not list, or a letter several cities share (originCitiesFromPlate names them).
 */
export function originFromPlate(plate: string): { province: string; city: string } | null {
  const cities = originCitiesFromPlate(plate);
  if (cities === null) return null;
  return { province: cities.province, city: cities.cities.length === 1 ? (cities.cities[0] ?? '') : '' };
}

/**
 * The province of the plate and every city its office letter may stand for (plate-offices.ts): one for most plates,
 * several for a shared letter (琼C: 琼海, 文昌, 万宁), none for a province-level office or an unknown letter.
 */
export function originCitiesFromPlate(plate: string): { province: string; cities: readonly string[] } | null {
  const [abbr, letter] = Array.from(normalizePlate(plate));
  const province = provinceByAbbr(abbr);
  if (province === undefined) return null;
  const office = letter === undefined ? undefined : plateOffice(province.abbr, letter);
  return { province: province.name, cities: office !== undefined && 'cities' in office ? office.cities : [] };
}
