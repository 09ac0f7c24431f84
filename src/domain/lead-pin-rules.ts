// The shift lead's PIN: what a PIN may be, and how long wrong guesses lock the pad (time comes in as arguments).

export const LEAD_PIN_MIN_DIGITS = 6;
export const LEAD_PIN_MAX_DIGITS = 8;

export type LeadPinProblem = 'empty' | 'notDigits' | 'tooShort' | 'tooLong' | 'allSame' | 'sequence';

/**
 * Null when the PIN may be used. Refuses what anyone at the checkpoint would guess first: one digit repeated
 * (000000) and a run up or down the keypad (123456, 876543, 890123 — wrapping past 9 counts as a run too).
 */
export function checkLeadPin(pin: string): LeadPinProblem | null {
  if (pin === '') return 'empty';
  if (!/^[0-9]+$/u.test(pin)) return 'notDigits';
  if (pin.length < LEAD_PIN_MIN_DIGITS) return 'tooShort';
  if (pin.length > LEAD_PIN_MAX_DIGITS) return 'tooLong';
  const digits = Array.from(pin, Number);
  const steps = new Set(digits.slice(1).map((digit, i) => (digit - (digits[i] ?? 0) + 10) % 10));
  if (steps.size === 1) {
    const [step] = steps;
    if (step === 0) return 'allSame';
    if (step === 1 || step === 9) return 'sequence';
  }
  return null;
}

export type LeadPinConfirmProblem = LeadPinProblem | 'mismatch';

/** A new PIN is typed twice; the rules speak first, the second entry only once the first is acceptable. */
export function checkNewLeadPin(pin: string, again: string): LeadPinConfirmProblem | null {
  return checkLeadPin(pin) ?? (pin === again ? null : 'mismatch');
}

/** Wrong PINs in a row that are let through before the pad locks. */
export const LEAD_PIN_FREE_ATTEMPTS = 5;
export const LEAD_PIN_FIRST_LOCK_MS = 30_000;
export const LEAD_PIN_MAX_LOCK_MS = 15 * 60_000;

/** Consecutive wrong PINs and the lock they earned; both survive a reload (stored in settings). */
export interface LeadPinAttempts {
  failures: number;
  /** Epoch ms until which the pad refuses any PIN; null when not locked. */
  lockedUntil: number | null;
}

export const NO_LEAD_PIN_ATTEMPTS: LeadPinAttempts = { failures: 0, lockedUntil: null };

/** How long the pad stays locked after this many wrong PINs in a row: 30 s at the 5th, doubling each one after, capped. */
export function leadPinLockMs(failures: number): number {
  if (failures < LEAD_PIN_FREE_ATTEMPTS) return 0;
  const doublings = failures - LEAD_PIN_FREE_ATTEMPTS;
  // 2^5 × 30 s already passes the cap: stop doubling before the number can grow without bound.
  return Math.min(LEAD_PIN_FIRST_LOCK_MS * 2 ** Math.min(doublings, 10), LEAD_PIN_MAX_LOCK_MS);
}

/** The attempts after one more wrong PIN at `nowMs`. */
export function afterWrongPin(attempts: LeadPinAttempts, nowMs: number): LeadPinAttempts {
  const failures = attempts.failures + 1;
  const lockMs = leadPinLockMs(failures);
  return { failures, lockedUntil: lockMs === 0 ? null : nowMs + lockMs };
}

/** Milliseconds the pad stays locked from `nowMs`; 0 when a PIN may be tried. */
export function leadPinLockRemainingMs(attempts: LeadPinAttempts, nowMs: number): number {
  return attempts.lockedUntil === null ? 0 : Math.max(0, attempts.lockedUntil - nowMs);
}
