// The lead PIN as stored: PBKDF2-SHA-256 (WebCrypto) with a random salt, and the offline check against it. The record
// has the server's shape (src/domain/lead-pin.ts), so the checkpoint's PIN from the server opens this tablet's pad.
import { LEAD_PIN_ALGORITHM, LEAD_PIN_MIN_ITERATIONS, type LeadPinHash } from '../../domain/lead-pin.ts';

/** OWASP's figure for PBKDF2-SHA-256; about 100 ms per check in Chromium here (ADR 011). */
export const LEAD_PIN_ITERATIONS = LEAD_PIN_MIN_ITERATIONS;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** What the tablet keeps of the PIN (settings key `leadPin`): never the PIN itself. */
export interface LeadPinRecord extends LeadPinHash {
  /** Epoch ms the PIN was set. */
  setAt: number;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** PBKDF2-HMAC-SHA-256 of the password's UTF-8 bytes. */
export async function pbkdf2Sha256(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bits = HASH_BITS,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bits),
  );
}

/** Compares every byte whatever the first difference, so the time taken says nothing about how close a guess was. */
export function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

export async function hashLeadPin(
  pin: string,
  setAt: number,
  iterations = LEAD_PIN_ITERATIONS,
): Promise<LeadPinRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await pbkdf2Sha256(pin, salt, iterations);
  return { algorithm: LEAD_PIN_ALGORITHM, iterations, saltB64: toBase64(salt), hashB64: toBase64(hash), setAt };
}

export async function leadPinMatches(pin: string, record: LeadPinRecord): Promise<boolean> {
  const expected = fromBase64(record.hashB64);
  const actual = await pbkdf2Sha256(pin, fromBase64(record.saltB64), record.iterations, expected.length * 8);
  return equalInConstantTime(actual, expected);
}
