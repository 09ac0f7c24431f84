// Chinese licence plates (GA 36-2018): normalising, parsing every kind, validating as typed, origin hint.
import type { PlateKind } from './vocabulary.ts';

/** The 31 province characters, in the order of docs/domain.md, with each province's short name. */
export const PROVINCES: readonly { abbr: string; name: string }[] = [
  { abbr: '京', name: '北京' },
  { abbr: '津', name: '天津' },
  { abbr: '沪', name: '上海' },
  { abbr: '渝', name: '重庆' },
  { abbr: '冀', name: '河北' },
  { abbr: '豫', name: '河南' },
  { abbr: '云', name: '云南' },
  { abbr: '辽', name: '辽宁' },
  { abbr: '黑', name: '黑龙江' },
  { abbr: '湘', name: '湖南' },
  { abbr: '皖', name: '安徽' },
  { abbr: '鲁', name: '山东' },
  { abbr: '新', name: '新疆' },
  { abbr: '苏', name: '江苏' },
  { abbr: '浙', name: '浙江' },
  { abbr: '赣', name: '江西' },
  { abbr: '鄂', name: '湖北' },
  { abbr: '桂', name: '广西' },
  { abbr: '甘', name: '甘肃' },
  { abbr: '晋', name: '山西' },
  { abbr: '蒙', name: '内蒙古' },
  { abbr: '陕', name: '陕西' },
  { abbr: '吉', name: '吉林' },
  { abbr: '闽', name: '福建' },
  { abbr: '贵', name: '贵州' },
  { abbr: '粤', name: '广东' },
  { abbr: '青', name: '青海' },
  { abbr: '藏', name: '西藏' },
  { abbr: '川', name: '四川' },
  { abbr: '宁', name: '宁夏' },
  { abbr: '琼', name: '海南' },
];

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
// Issuing-office letters: I is never issued; O was used for police offices in some provinces.
const OFFICE_CHARS = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';
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
const office: Slot = { role: 'office', chars: OFFICE_CHARS };
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

// Hunan's issuing offices (docs/domain.md); the checkpoint's own province needs them all.
const HUNAN_OFFICES: Readonly<Record<string, string>> = {
  A: '长沙',
  B: '株洲',
  C: '湘潭',
  D: '衡阳',
  E: '邵阳',
  F: '岳阳',
  G: '张家界',
  H: '益阳',
  J: '常德',
  K: '娄底',
  L: '郴州',
  M: '永州',
  N: '怀化',
  U: '湘西',
};

// Office A of every province is its capital.
const CAPITALS: Readonly<Record<string, string>> = {
  京: '北京',
  津: '天津',
  沪: '上海',
  渝: '重庆',
  冀: '石家庄',
  豫: '郑州',
  云: '昆明',
  辽: '沈阳',
  黑: '哈尔滨',
  湘: '长沙',
  皖: '合肥',
  鲁: '济南',
  新: '乌鲁木齐',
  苏: '南京',
  浙: '杭州',
  赣: '南昌',
  鄂: '武汉',
  桂: '南宁',
  甘: '兰州',
  晋: '太原',
  蒙: '呼和浩特',
  陕: '西安',
  吉: '长春',
  闽: '福州',
  贵: '贵阳',
  粤: '广州',
  青: '西宁',
  藏: '拉萨',
  川: '成都',
  宁: '银川',
  琼: '海口',
};

// Every office of a municipality is in the municipality itself.
const MUNICIPALITIES = new Set(['京', '津', '沪', '渝']);

/**
 * The origin the plate hints at (cars travel: only a prefill). Null when the plate names no province
 * (embassy plates, unknown plates); city '' when the office is not in the tables.
 */
export function originFromPlate(plate: string): { province: string; city: string } | null {
  const [abbr, officeLetter] = Array.from(normalizePlate(plate));
  if (abbr === undefined) return null;
  const entry = PROVINCES.find((p) => p.abbr === abbr);
  if (entry === undefined) return null;
  let city = '';
  if (MUNICIPALITIES.has(abbr)) city = entry.name;
  else if (abbr === '湘' && officeLetter !== undefined) city = HUNAN_OFFICES[officeLetter] ?? '';
  else if (officeLetter === 'A') city = CAPITALS[abbr] ?? '';
  return { province: entry.name, city };
}
