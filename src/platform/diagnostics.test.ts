// What diagnostics keep of an error: when and where, its own words, nothing of a person, the latest few, across a reload.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearDiagnostics,
  DIAGNOSTIC_TEXT_MAX_CHARS,
  diagnostics,
  DIAGNOSTICS_MAX_ENTRIES,
  recordError,
  redactDiagnostic,
  reloadDiagnostics,
} from './diagnostics.ts';

const AT_MS = Date.parse('2026-11-28T08:00:00+08:00');

beforeEach(() => {
  clearDiagnostics();
});

describe('recordError', () => {
  it('keeps the name and message of an error, with its cause, newest first', () => {
    recordError('save-check', new Error('first'), AT_MS);
    const wrapped = new Error('Transaction aborted', {
      cause: new DOMException('Quota exceeded', 'QuotaExceededError'),
    });
    wrapped.name = 'AbortError';
    recordError('draft', wrapped, AT_MS + 1000);
    recordError('unhandled', 'a plain string', AT_MS + 2000);
    expect(diagnostics()).toEqual([
      { at: AT_MS + 2000, place: 'unhandled', text: 'a plain string' },
      {
        at: AT_MS + 1000,
        place: 'draft',
        text: 'AbortError: Transaction aborted ← QuotaExceededError: Quota exceeded',
      },
      { at: AT_MS, place: 'save-check', text: 'Error: first' },
    ]);
  });

  it('keeps only the latest entries, each cut to a readable length', () => {
    for (let i = 0; i < DIAGNOSTICS_MAX_ENTRIES + 5; i += 1) recordError('sync', `failure ${i}`, AT_MS + i);
    expect(diagnostics()).toHaveLength(DIAGNOSTICS_MAX_ENTRIES);
    expect(diagnostics()[0]?.text).toBe(`failure ${DIAGNOSTICS_MAX_ENTRIES + 4}`);
    recordError('sync', 'x '.repeat(DIAGNOSTIC_TEXT_MAX_CHARS), AT_MS);
    expect(diagnostics()[0]?.text).toHaveLength(DIAGNOSTIC_TEXT_MAX_CHARS);
  });

  it('survives a reload (a start-up that failed is still there next time), and clears', () => {
    recordError('start-up', new Error('VersionError'), AT_MS);
    reloadDiagnostics();
    expect(diagnostics().map((entry) => entry.place)).toEqual(['start-up']);
    clearDiagnostics();
    reloadDiagnostics();
    expect(diagnostics()).toEqual([]);
  });

  it('never throws, even when storage refuses to keep the list', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      expect(() => {
        recordError('sync', new Error('still kept in memory'), AT_MS);
      }).not.toThrow();
      expect(diagnostics()[0]?.text).toBe('Error: still kept in memory');
    } finally {
      setItem.mockRestore();
    }
  });
});

describe('redactDiagnostic', () => {
  it('takes out ID numbers, phones, Chinese names and places, tokens and codes', () => {
    expect(redactDiagnostic('ConstraintError: key 11010519491231002X exists')).toBe('ConstraintError: key ▒ exists');
    expect(redactDiagnostic('bad phone 13812345678 for 张三 to 涟源市')).toBe('bad phone ▒ for ▒ to ▒');
    expect(redactDiagnostic('Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA_-x rejected')).toBe('Bearer ▒ rejected');
    expect(redactDiagnostic('code K7QX-4MZP-8RTW-2NCV-H5JD refused')).toBe('code ▒ refused');
    // At the very start, and two in a row one space apart: each whole, none cut in the middle.
    expect(redactDiagnostic('Zm9vYmFyYmF6cXV4MTIz refused')).toBe('▒ refused');
    expect(redactDiagnostic('abcdefghijklmnop1 abcdefghijklmnop2')).toBe('▒ ▒');
  });

  it('keeps what says what failed: error names, HTTP statuses, paths, short numbers', () => {
    const text = 'TransactionInactiveError: HTTP 503 on /api/v1/vehicle-checks after 3 tries';
    expect(redactDiagnostic(text)).toBe(text);
  });
});
