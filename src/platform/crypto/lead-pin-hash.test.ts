// The lead PIN hash: PBKDF2-SHA-256 against published vectors, a salt per PIN, and the check that accepts only the PIN.
import { describe, expect, it } from 'vitest';
import {
  equalInConstantTime,
  hashLeadPin,
  LEAD_PIN_ITERATIONS,
  leadPinMatches,
  pbkdf2Sha256,
} from './lead-pin-hash.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const ascii = (text: string) => new TextEncoder().encode(text);

// Few iterations keep the unit tests fast; the app's count is checked on its own below.
const TEST_ITERATIONS = 1000;

describe('pbkdf2Sha256', () => {
  // RFC 7914 §11 and the widely published PBKDF2-HMAC-SHA256 vectors (P = "password", S = "salt").
  it.each([
    [1, '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b'],
    [2, 'ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43'],
    [4096, 'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a'],
  ])('"password"/"salt", %i iterations', async (iterations, expected) => {
    expect(hex(await pbkdf2Sha256('password', ascii('salt'), iterations))).toBe(expected);
  });
});

describe('hashLeadPin / leadPinMatches', () => {
  it('keeps no trace of the PIN and uses the app’s iteration count', async () => {
    const record = await hashLeadPin('482913', 1_700_000_000_000, TEST_ITERATIONS);
    expect(record).toMatchObject({
      algorithm: 'PBKDF2-SHA-256',
      iterations: TEST_ITERATIONS,
      setAt: 1_700_000_000_000,
    });
    expect(JSON.stringify(record)).not.toContain('482913');
    expect(atob(record.saltB64)).toHaveLength(16);
    expect(atob(record.hashB64)).toHaveLength(32);
    expect(LEAD_PIN_ITERATIONS).toBeGreaterThanOrEqual(200_000);
  });

  it('accepts the PIN and refuses any other', async () => {
    const record = await hashLeadPin('482913', 0, TEST_ITERATIONS);
    await expect(leadPinMatches('482913', record)).resolves.toBe(true);
    await expect(leadPinMatches('482914', record)).resolves.toBe(false);
    await expect(leadPinMatches('4829130', record)).resolves.toBe(false);
    await expect(leadPinMatches('', record)).resolves.toBe(false);
  });

  it('salts each PIN: the same PIN twice gives two different hashes', async () => {
    const [a, b] = await Promise.all([
      hashLeadPin('482913', 0, TEST_ITERATIONS),
      hashLeadPin('482913', 0, TEST_ITERATIONS),
    ]);
    expect(a.saltB64).not.toBe(b.saltB64);
    expect(a.hashB64).not.toBe(b.hashB64);
  });
});

describe('equalInConstantTime', () => {
  it('is true only for equal bytes of equal length', () => {
    expect(equalInConstantTime(ascii('abc'), ascii('abc'))).toBe(true);
    expect(equalInConstantTime(ascii('abc'), ascii('abd'))).toBe(false);
    expect(equalInConstantTime(ascii('abc'), ascii('ab'))).toBe(false);
  });
});
