// What screens and printouts show of an ID number or a phone: enough to tell people apart, never the number.
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './masks.ts';

describe('maskIdNumber', () => {
  it.each([
    ['110105194912310021', '110105********0021'],
    ['11010519491231002X', '110105********002X'],
    ['1234567', '*****67'],
    ['12', '**'],
    ['', ''],
  ])('%j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('never shows the birth date of an 18-character number', () => {
    expect(maskIdNumber('430101199003071238')).not.toContain('19900307');
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0731-84567890', '073******7890'],
    ['12345', '***45'],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
