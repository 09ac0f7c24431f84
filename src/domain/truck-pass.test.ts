// Truck pass numbers as typed: 12 digits, spaces ignored.
import { describe, expect, it } from 'vitest';
import { validateTruckPass } from './truck-pass.ts';

describe('validateTruckPass', () => {
  it.each([
    ['123456789012', '123456789012'],
    [' 1234 5678 9012 ', '123456789012'],
  ])('%j is valid as %s', (raw, value) => {
    expect(validateTruckPass(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['12345678901', 'format'],
    ['1234567890123', 'format'],
    ['12345678901A', 'format'],
    ['1234-5678-9012', 'format'],
  ])('%j → %s', (raw, error) => {
    expect(validateTruckPass(raw)).toEqual({ ok: false, error });
  });
});
