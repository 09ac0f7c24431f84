// Lead PIN rules: which PINs are refused and why, and how wrong guesses lock the pad.
import { describe, expect, it } from 'vitest';
import {
  afterWrongPin,
  checkLeadPin,
  checkNewLeadPin,
  leadPinLockMs,
  leadPinLockRemainingMs,
  NO_LEAD_PIN_ATTEMPTS,
  type LeadPinAttempts,
} from './lead-pin-rules.ts';

describe('checkLeadPin', () => {
  it.each([
    ['482913', null],
    ['48291375', null],
    ['112233', null],
    ['135791', null],
    ['', 'empty'],
    ['48 291', 'notDigits'],
    ['４８２９１３', 'notDigits'],
    ['48291', 'tooShort'],
    ['482913750', 'tooLong'],
    ['000000', 'allSame'],
    ['77777777', 'allSame'],
    ['123456', 'sequence'],
    ['12345678', 'sequence'],
    ['876543', 'sequence'],
    ['890123', 'sequence'],
    ['321098', 'sequence'],
    ['123457', null],
  ] as const)('%s → %s', (pin, problem) => {
    expect(checkLeadPin(pin)).toBe(problem);
  });
});

describe('checkNewLeadPin', () => {
  it('asks for the rules first, then for the same PIN twice', () => {
    expect(checkNewLeadPin('123456', '123456')).toBe('sequence');
    expect(checkNewLeadPin('482913', '482931')).toBe('mismatch');
    expect(checkNewLeadPin('482913', '')).toBe('mismatch');
    expect(checkNewLeadPin('482913', '482913')).toBeNull();
  });
});

describe('lockout', () => {
  const T0 = Date.parse('2026-11-28T08:00:00Z');

  it('lets four wrong PINs through, locks 30 s at the fifth, then doubles up to 15 min', () => {
    expect([1, 2, 3, 4].map(leadPinLockMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => leadPinLockMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it('counts wrong PINs in a row and stamps the lock from the time of the last one', () => {
    let attempts: LeadPinAttempts = NO_LEAD_PIN_ATTEMPTS;
    for (let i = 0; i < 4; i += 1) attempts = afterWrongPin(attempts, T0);
    expect(attempts).toEqual({ failures: 4, lockedUntil: null });
    expect(leadPinLockRemainingMs(attempts, T0)).toBe(0);

    attempts = afterWrongPin(attempts, T0);
    expect(attempts).toEqual({ failures: 5, lockedUntil: T0 + 30_000 });
    expect(leadPinLockRemainingMs(attempts, T0 + 10_000)).toBe(20_000);
    expect(leadPinLockRemainingMs(attempts, T0 + 31_000)).toBe(0);

    attempts = afterWrongPin(attempts, T0 + 31_000);
    expect(attempts).toEqual({ failures: 6, lockedUntil: T0 + 31_000 + 60_000 });
  });
});
