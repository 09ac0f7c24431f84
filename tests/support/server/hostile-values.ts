// fast-check arbitraries for the hostile-input fuzz tests (src/server/fuzz): the characters, numbers, times, JSON and
// URLs a careless or malicious client sends, beside values of the right shape, and one mutation of a valid body.
import fc from 'fast-check';

/** Characters the rules refuse in one-line text (api.md "Hostile input"), and a few that are fine but unusual. */
export const REFUSED_IN_LINE = [
  '\u0000',
  '\u0001',
  '\t',
  '\n',
  '\r',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u2028',
  '\ud800',
  '\udfff',
] as const;

/** Refused in free text (notes, reasons) too: everything above but tab, line breaks and the zero-width ones. */
export const REFUSED_IN_FREE_TEXT = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2067', '\ud83d'];

/** Accepted everywhere, and easy to get wrong: astral characters, decomposed accents, CJK, full-width, RTL letters. */
export const AWKWARD_BUT_FINE = [
  '😀',
  '𠀀',
  '𝕏',
  'e\u0301',
  'A\u030a',
  '湘',
  '娄底',
  'Ａ',
  'ا',
  'ß',
  'İ',
  '\u00a0',
  '"',
  "'",
  '\\',
  '=',
  '+',
  '@',
  '<script>',
  '%00',
  '{}',
];

const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...REFUSED_IN_LINE) },
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD_BUT_FINE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/** Any text: random code points with refused and awkward characters mixed in, now and then very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: hostileUnit, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   ', 'null', 'undefined', 'NaN', '-0', '1e999') },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 5000 }).map((n) => 'x'.repeat(n)) },
);

/**
 * Units of text the one-line rule accepts and that are easy to get wrong: astral letters and emoji, RTL scripts,
 * CJK, and characters NFC rewrites (a decomposed accent, the Ångström sign, a CJK compatibility ideograph, Hangul
 * jamo). A fixed list rather than fast-check's 'grapheme' unit: as varied where it matters, and far cheaper to draw.
 */
const FINE_UNITS = [
  ...AWKWARD_BUT_FINE.filter((c) => c.trim() === c),
  'a',
  'Z',
  '0',
  '9',
  '-',
  '_',
  '中',
  '湖南',
  '县',
  '镇',
  '村',
  'é',
  'ñ',
  'Ω',
  'Ж',
  'ע',
  'ह',
  'ก',
  '한',
  'ｱ',
  '〇',
  '𝔸',
  '🚗',
  '🇨🇳',
  'ﬁ',
  '\u212b',
  '\uf900',
  'a\u0308',
  '\u1100\u1161',
];

/** Text the one-line rule accepts, of 1 to `maxUnits` awkward units (never a refused character). */
export function fineString(maxUnits: number): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(
      fc.constantFrom(...FINE_UNITS),
      fc.mapToConstant(
        { num: 26, build: (v) => String.fromCharCode(0x61 + v) },
        { num: 10, build: (v) => String.fromCharCode(0x30 + v) },
      ),
    ),
    minLength: 1,
    maxLength: maxUnits,
  });
}

/** Numbers at and past every edge: int4, safe integers, fractions, negatives, the largest doubles. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    2_147_483_646,
    2_147_483_647,
    2_147_483_648,
    3e9,
    -2_147_483_649,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    1e21,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO date-times of the right shape with any year, day and offset: 0000 to 9999, ±23:59, some not calendar days. */
export const hostileDateTime: fc.Arbitrary<string> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1969, 1970, 1999, 2000, 2099, 2100, 9999)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    offset: fc.oneof(
      fc.constant('Z'),
      fc.constantFrom('-23:59', '+23:59', '+14:00', '-12:00', '+24:00'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    ({ year, month, day, hour, minute, offset }) =>
      `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:59${offset}`,
  );

/** YYYY-MM-DD of any year, some not calendar days. */
export const hostileDate: fc.Arbitrary<string> = hostileDateTime.map((dateTime) => dateTime.slice(0, 10));

/** A time the rules accept: 2000–2099, any offset. */
export const fineDateTime: fc.Arbitrary<string> = fc
  .record({
    ms: fc.integer({ min: Date.parse('2000-01-02T00:00:00Z'), max: Date.parse('2099-12-30T00:00:00Z') }),
    offsetMinutes: fc.integer({ min: -12 * 60, max: 14 * 60 }),
  })
  .map(({ ms, offsetMinutes }) => {
    const wall = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  });

/** JSON nested `depth` levels deep, as text: the parser and the schemas must not overflow their stacks on it. */
export const deeplyNestedJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array', 'object', 'checks'))
  .map(([depth, kind]) => {
    if (kind === 'array') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (kind === 'object') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return `{"checks":[${'{"vehicle":'.repeat(depth)}null${'}'.repeat(depth)}]}`;
  });

/** Any JSON value, hostile strings and numbers at its leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'id', 'checks')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** A value of the wrong kind for a field, or hostile of the right kind. */
export const hostileFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: hostileDateTime },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
);

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

export type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'insert-text'; text: string };

/** A copy of `value` with the thing at `path` replaced, removed, or (a string) with `text` put inside it. */
export function mutateAt<T>(value: T, path: readonly (string | number)[], mutation: Mutation): T {
  const copy = structuredClone(value);
  const [last, ...reversedParents] = [...path].reverse();
  if (last === undefined) return copy;
  let parent: unknown = copy;
  for (const key of reversedParents.reverse()) parent = (parent as Record<string | number, unknown>)[key];
  const container = parent as Record<string | number, unknown>;
  if (mutation.kind === 'delete') {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else Reflect.deleteProperty(container, last);
  } else if (mutation.kind === 'set') {
    container[last] = mutation.value;
  } else {
    const current = container[last];
    const text = typeof current === 'string' ? current : '';
    container[last] = `${text.slice(0, 1)}${mutation.text}${text.slice(1)}`;
  }
  return copy;
}

/** One random mutation of `valid`: a field replaced by a hostile value, removed, or given a hostile character. */
export function mutationOf<T>(valid: T): fc.Arbitrary<T> {
  const paths = pathsOf(valid);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(
        { weight: 5, arbitrary: hostileFieldValue.map((value): Mutation => ({ kind: 'set', value })) },
        { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'delete' }) },
        {
          weight: 3,
          arbitrary: fc.constantFrom(...REFUSED_IN_LINE).map((text): Mutation => ({ kind: 'insert-text', text })),
        },
      ),
    )
    .map(([path, mutation]) => mutateAt(valid, path, mutation));
}

/** Every UTF-8 byte of `text` %-escaped (a lone surrogate goes as U+FFFD's bytes, as a browser sends it). */
export function percentEncodeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A %-escape that decodes to nothing valid: a stray %, bad hex, a cut sequence, an overlong or surrogate encoding. */
export const brokenEscape: fc.Arbitrary<string> = fc.constantFrom(
  '%',
  '%G1',
  '%E0%A4%A',
  '%FF',
  '%C0%80',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%%',
  '%2',
  '%00',
);

/** A value as it goes into a URL: its UTF-8 %-escaped, left as ASCII, or broken. */
export const hostileUrlComponent: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map(percentEncodeAll) },
  { weight: 2, arbitrary: fc.stringMatching(/^[\w.~-]{0,20}$/u) },
  { weight: 1, arbitrary: hostileNumber.map((n) => String(n)) },
  { weight: 1, arbitrary: hostileDateTime.map(encodeURIComponent) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.stringMatching(/^\w{0,4}$/u), brokenEscape, fc.stringMatching(/^\w{0,4}$/u))
      .map((parts) => parts.join('')),
  },
);

/**
 * A query string: the route's own keys (from `values`) and strangers, some repeated (`?date=a&date=b`), each value
 * hostile or as given; '' or '?…' to append to a path.
 */
export function queryString(known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const knownPair = fc
    .constantFrom(...Object.keys(known), 'x')
    .chain((key) =>
      fc
        .oneof(known[key] ?? hostileUrlComponent, hostileUrlComponent)
        .map((value) => `${encodeURIComponent(key)}=${value}`),
    );
  const strangerPair = fc
    .tuple(hostileUrlComponent, fc.option(hostileUrlComponent, { nil: undefined }))
    .map(([key, value]) => (value === undefined ? key : `${key}=${value}`));
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: knownPair }, { weight: 1, arbitrary: strangerPair }), { maxLength: 5 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`));
}
