// Admin passwords, kept as scrypt hashes (ADR 038). Unlike the lead PIN, which tablets check offline with Web Crypto
// (PBKDF2, ADR 030), a password is only ever checked here, so the memory-hard scrypt of Node's crypto is used.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** At least this many characters (api.md); nothing else is imposed: length is what resists guessing. */
export const ADMIN_PASSWORD_MIN_CHARS = 10;
/** Longer is no stronger for scrypt's input and only costs the server work on hostile input. */
export const ADMIN_PASSWORD_MAX_CHARS = 256;

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * 2^15 × 8 × 128 bytes = 32 MiB and ~60 ms a hash on the bench machine: OWASP's scrypt minimum is N=2^17 r=8 p=1
 * (128 MiB); 2^15 keeps ten parallel sign-ins within a small server's memory, and wrong passwords are limited per
 * username and per address besides (admin-account-repository.ts).
 */
export const ADMIN_PASSWORD_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const ALGORITHM = 'scrypt';

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** 'scrypt$N$r$p$salt$hash' (base64url): the parameters travel with the hash, so raising the cost breaks nothing. */
export async function hashAdminPassword(password: string, cost: ScryptCost = ADMIN_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return [ALGORITHM, cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const [algorithm, n, r, p, salt, key, ...rest] = stored.split('$');
  if (algorithm !== ALGORITHM || rest.length > 0 || salt === undefined || key === undefined) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Whether `password` is the one hashed in `stored`; false for a malformed hash rather than a throw. */
export async function verifyAdminPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

const CHARACTERS = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** Why a new password is refused, in words for the command line and the problem detail; null when it is fine. */
export function adminPasswordProblem(password: string): string | null {
  // Characters as a person counts them (an emoji or 中 is one), not UTF-16 units.
  const length = [...CHARACTERS.segment(password)].length;
  if (length < ADMIN_PASSWORD_MIN_CHARS) return `a password has at least ${ADMIN_PASSWORD_MIN_CHARS} characters`;
  if (length > ADMIN_PASSWORD_MAX_CHARS) return `a password has at most ${ADMIN_PASSWORD_MAX_CHARS} characters`;
  return null;
}
