import { describe, expect, it } from 'vitest';
import {
  ENROLLMENT_CODE_ALPHABET,
  canonicalEnrollmentCode,
  hashSecret,
  newEnrollmentCode,
  randomToken,
} from './tokens.ts';

describe('enrollment codes', () => {
  it('are five groups of four symbols an officer cannot misread (no 0/O, no 1/I)', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newEnrollmentCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$/u);
    }
    expect(ENROLLMENT_CODE_ALPHABET).not.toMatch(/[01OI]/u);
  });

  it('carry at least 100 bits: 20 symbols of 32', () => {
    expect(canonicalEnrollmentCode(newEnrollmentCode())).toHaveLength(20);
    expect(ENROLLMENT_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(ENROLLMENT_CODE_ALPHABET).size).toBe(32);
  });

  it('do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newEnrollmentCode()));
    expect(codes.size).toBe(1000);
  });

  it('read the same typed in lower case, with spaces, or without dashes', () => {
    expect(canonicalEnrollmentCode(' k7qx-4mzp 2345-6789-ABCD ')).toBe('K7QX4MZP23456789ABCD');
  });
});

describe('secrets', () => {
  it('are hashed with sha256 (hex), never kept as given', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('tokens are 256 random bits in base64url', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(randomToken()).not.toBe(token);
  });
});
