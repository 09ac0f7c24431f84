// ID numbers and phones of flagged persons: what the registration form accepts and rejects.
import { describe, expect, it } from 'vitest';
import { validateIdNumber, validatePhone, type IdNumberError } from './id-number.ts';

const TODAY = { year: 2026, month: 11, day: 28 };

describe('validateIdNumber', () => {
  // Check characters computed independently (ISO 7064 MOD 11-2) when writing this table.
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31'],
    ['43130219880808104X', '43130219880808104X', '1988-08-08'],
    ['431302200002291232', '431302200002291232', '2000-02-29'],
    ['430101199003071238', '430101199003071238', '1990-03-07'],
    ['110101190001010014', '110101190001010014', '1900-01-01'],
    ['110101202611280017', '110101202611280017', '2026-11-28'],
    [' 4301 0119 9003 0712 38 ', '430101199003071238', '1990-03-07'],
  ])('%j is valid', (raw, value, birthDate) => {
    expect(validateIdNumber(raw, TODAY)).toEqual({ ok: true, value, birthDate });
  });

  it.each<[string, IdNumberError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['43010119900307123', 'length'],
    ['4301011990030712388', 'length'],
    ['430101900307123', 'length'],
    ['4301011990030712A8', 'characters'],
    ['43010119900307X238', 'characters'],
    ['43010119900307123-', 'characters'],
    ['11010119990230001X', 'birth-date'],
    ['11010119991301001X', 'birth-date'],
    ['11010118991231001X', 'birth-date'],
    ['110101190002290016', 'birth-date'],
    ['110101202611290012', 'birth-date'],
    ['430101199003071237', 'checksum'],
    ['430101199003071230', 'checksum'],
    ['11010519491231002' + '1', 'checksum'],
  ])('%j → %s', (raw, error) => {
    expect(validateIdNumber(raw, TODAY)).toEqual({ ok: false, error });
  });

  it('accepts a birth date after today only when today is not known', () => {
    expect(validateIdNumber('110101202611290012').ok).toBe(true);
    expect(validateIdNumber('110101202611290012', TODAY).ok).toBe(false);
  });
});

describe('validatePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['19912345678', '19912345678'],
    ['0731-84567890', '0731-84567890'],
    ['073184567890', '073184567890'],
    ['010-12345678', '010-12345678'],
    ['0738 8123456', '07388123456'],
  ])('%j is valid as %j', (raw, value) => {
    expect(validatePhone(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    [' ', 'empty'],
    ['12812345678', 'format'],
    ['1381234567', 'format'],
    ['138123456789', 'format'],
    ['0731-845678', 'format'],
    ['84567890', 'format'],
    ['1381234567a', 'format'],
  ])('%j → %s', (raw, error) => {
    expect(validatePhone(raw)).toEqual({ ok: false, error });
  });
});
