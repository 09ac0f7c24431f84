// The lead PIN as the server keeps it: PBKDF2-SHA-256 with a random salt, in the tablets' own record format
// (src/domain/lead-pin.ts), so the same hash is what every tablet of the checkpoint verifies offline.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { LEAD_PIN_ALGORITHM, LEAD_PIN_MIN_ITERATIONS, type LeadPinHash } from '../../domain/lead-pin.ts';

const pbkdf2Async = promisify(pbkdf2);

/** As the tablets make them (src/platform/crypto/lead-pin-hash.ts): a 16-byte salt, a 256-bit hash. */
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/**
 * About 160 ms on one core of the 2-core machine the tests run on; it runs in libuv's thread pool, so the event loop
 * keeps serving while a PIN is checked. `iterations` is lowered only by tests.
 */
export async function hashLeadPin(pin: string, iterations = LEAD_PIN_MIN_ITERATIONS): Promise<LeadPinHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(pin, salt, iterations, HASH_BYTES, 'sha256');
  return {
    algorithm: LEAD_PIN_ALGORITHM,
    iterations,
    saltB64: salt.toString('base64'),
    hashB64: hash.toString('base64'),
  };
}

/** Compared in constant time. */
export async function leadPinMatches(pin: string, record: LeadPinHash): Promise<boolean> {
  const expected = Buffer.from(record.hashB64, 'base64');
  if (expected.length === 0) return false;
  const actual = await pbkdf2Async(
    pin,
    Buffer.from(record.saltB64, 'base64'),
    record.iterations,
    expected.length,
    'sha256',
  );
  return timingSafeEqual(actual, expected);
}
