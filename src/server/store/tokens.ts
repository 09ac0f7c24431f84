// Secrets the server hands out (bearer tokens, enrollment codes) and how they are kept: hashed, never raw.
import { createHash, randomBytes } from 'node:crypto';

/** Unambiguous when read aloud or typed with gloves: no 0/O, no 1/I. 32 symbols = 5 bits each. */
export const ENROLLMENT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 20 symbols × 5 bits = 100 bits: out of reach of guessing even before rate limiting. */
export const ENROLLMENT_CODE_LENGTH = 20;
const ENROLLMENT_CODE_GROUP = 4;

/** A bearer token: `bytes` random bytes, base64url (32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * sha256 hex. A fast hash is right here, unlike for passwords: tokens and codes carry ≥ 100 random
 * bits, so no dictionary or brute force gets anywhere, and lookups by hash stay one index probe.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** 'K7QX-4MZP-…': five groups of four symbols from ENROLLMENT_CODE_ALPHABET. */
export function newEnrollmentCode(): string {
  // 256 is a multiple of 32, so masking a byte to 5 bits picks every symbol with equal odds.
  const symbols = [...randomBytes(ENROLLMENT_CODE_LENGTH)].map(
    (byte) => ENROLLMENT_CODE_ALPHABET[byte % ENROLLMENT_CODE_ALPHABET.length] ?? '',
  );
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += ENROLLMENT_CODE_GROUP) {
    groups.push(symbols.slice(i, i + ENROLLMENT_CODE_GROUP).join(''));
  }
  return groups.join('-');
}

/** What is hashed: upper case, without the grouping dashes or spaces an officer may type. */
export function canonicalEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/gu, '');
}
