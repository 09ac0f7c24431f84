// The wire's value rules (api.md "Hostile input") as the schemas apply them: NFC text without hidden characters,
// whole numbers within PostgreSQL's integer, and times and dates in 2000–2099.
import { describe, expect, it } from 'vitest';
import {
  freeText,
  identifier,
  INT4_MAX,
  isoDateTimeSchema,
  lineText,
  localDateSchema,
  wholeNumber,
} from './safe-values.ts';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('text', () => {
  it('normalises to NFC before it measures: é typed as e + ◌́ is one character, stored composed', () => {
    expect(lineText({ max: 4 }).parse('Jose\u0301')).toBe('José');
    expect(lineText({ max: 1 }).parse('\u212b')).toBe('Å');
    expect(lineText({ max: 1 }).parse('\uf900')).toBe('豈'.normalize('NFC'));
  });

  it('trims one-line text unless told not to, and keeps identifiers exactly', () => {
    expect(lineText({ max: 8 }).parse('  娄底 ')).toBe('娄底');
    expect(identifier(8).parse(' A ')).toBe(' A ');
    expect(identifier(8).safeParse('').success).toBe(false);
  });

  it('refuses a hidden character with a message that says which and where', () => {
    expect(issues(lineText({ max: 20 }).safeParse('湘K\u202e123'))).toEqual([
      'contains U+202E (a bidirectional control character) at position 3, which is not allowed here',
    ]);
    expect(identifier(8).safeParse('A\u0000').success).toBe(false);
    expect(lineText({ max: 8 }).safeParse('a\nb').success).toBe(false);
  });

  it('lets free text keep its line breaks and tabs, and refuses NUL and overrides there too', () => {
    expect(freeText({ max: 50 }).parse('一\n二\r\n\t三')).toBe('一\n二\r\n\t三');
    expect(freeText({ max: 50 }).safeParse('a\u0000').success).toBe(false);
    expect(freeText({ max: 50 }).safeParse('a\u202eb').success).toBe(false);
  });
});

describe('whole numbers', () => {
  it('stop at 2,147,483,647, the store’s integer', () => {
    const rev = wholeNumber(1);
    expect(rev.parse(INT4_MAX)).toBe(INT4_MAX);
    for (const value of [INT4_MAX + 1, 3e9, Number.MAX_SAFE_INTEGER, 0, -1, 1.5]) {
      expect(rev.safeParse(value).success, String(value)).toBe(false);
    }
    expect(wholeNumber(0, 10).safeParse(11).success).toBe(false);
  });
});

describe('times and dates', () => {
  it.each(['2000-01-01T00:00:00+14:00', '2026-11-28T08:01:40+08:00', '2099-12-31T23:59:59-12:00'])(
    'accept %s',
    (value) => {
      expect(isoDateTimeSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    '9999-12-31T23:59:59-23:59',
    '1999-12-31T23:59:59Z',
    '2100-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
  ])('refuse %s, naming the years', (value) => {
    expect(issues(isoDateTimeSchema.safeParse(value))).toContain('the year must be 2000–2099');
  });

  it('refuse a time without an offset or that is no time at all', () => {
    for (const value of ['2026-11-28T08:01:40', '2026-02-30T00:00:00Z', 'now', '']) {
      expect(isoDateTimeSchema.safeParse(value).success, value).toBe(false);
    }
  });

  it('take a local date of 2000–2099 that is a calendar day', () => {
    expect(localDateSchema.safeParse('2024-02-29').success).toBe(true);
    for (const value of ['2023-02-29', '9999-12-31', '1999-12-31', '2026-1-1', '2026-11-28\u0000']) {
      expect(localDateSchema.safeParse(value).success, value).toBe(false);
    }
  });
});
