// The lead PIN on this tablet: setting it, changing it, and checking a typed PIN offline with the lockout that survives a reload.
import {
  afterWrongPin,
  checkLeadPin,
  LEAD_PIN_FREE_ATTEMPTS,
  NO_LEAD_PIN_ATTEMPTS,
  type LeadPinAttempts,
} from '../domain/lead-pin-rules.ts';
import { hashLeadPin, LEAD_PIN_ITERATIONS, leadPinMatches } from '../platform/crypto/lead-pin-hash.ts';
import type { SettingsRepository } from './settings-repository.ts';

export type LeadPinVerdict =
  | { kind: 'accepted' }
  /** Wrong, and this many more wrong PINs are let through before the pad locks. */
  | { kind: 'wrong'; attemptsBeforeLock: number }
  /** Refused without looking at the PIN, or the wrong PIN that earned the lock. */
  | { kind: 'locked'; lockedUntil: number }
  /** No PIN has been set on this tablet: the lead must set one first. */
  | { kind: 'no-pin' };

export class LeadPinRefusedError extends Error {
  constructor(readonly reason: 'already-set' | 'weak') {
    super(`lead PIN refused: ${reason}`);
    this.name = 'LeadPinRefusedError';
  }
}

export interface LeadPinRepository {
  isSet(): Promise<boolean>;
  attempts(): Promise<LeadPinAttempts>;
  /** The first PIN of the tablet, which needs no old one; refused once a PIN is set (changing needs `change`). */
  setFirst(pin: string, nowMs: number): Promise<void>;
  /** Checks `pin` (counting a wrong one toward the lock); on success clears the count. */
  verify(pin: string, nowMs: number): Promise<LeadPinVerdict>;
  /** Replaces the PIN when `current` is right; a wrong `current` counts like any wrong PIN. */
  change(current: string, next: string, nowMs: number): Promise<LeadPinVerdict>;
  /**
   * After the checkpoint's PIN arrived from the server (changed elsewhere) just as the lead typed the new one: true,
   * and the wrong-PIN count cleared, when `pin` is the PIN now held. Counts nothing: the typed PIN has been counted.
   */
  acceptIfMatches(pin: string): Promise<boolean>;
}

export interface LeadPinRepositoryOptions {
  /** PBKDF2 iterations for new PINs; tests lower it, the app keeps the default. */
  iterations?: number;
}

export function createLeadPinRepository(
  settings: SettingsRepository,
  options: LeadPinRepositoryOptions = {},
): LeadPinRepository {
  const iterations = options.iterations ?? LEAD_PIN_ITERATIONS;
  const attempts = async () => (await settings.get('leadPinAttempts')) ?? NO_LEAD_PIN_ATTEMPTS;

  const store = async (pin: string, nowMs: number) => {
    if (checkLeadPin(pin) !== null) throw new LeadPinRefusedError('weak');
    await settings.set('leadPin', await hashLeadPin(pin, nowMs, iterations));
    await settings.set('leadPinAttempts', NO_LEAD_PIN_ATTEMPTS);
  };

  const verify = async (pin: string, nowMs: number): Promise<LeadPinVerdict> => {
    const record = await settings.get('leadPin');
    if (!record) return { kind: 'no-pin' };
    const before = await attempts();
    // While locked the PIN is not even hashed: guessing gains nothing, and the lock is not extended either.
    if (before.lockedUntil !== null && before.lockedUntil > nowMs)
      return { kind: 'locked', lockedUntil: before.lockedUntil };
    if (await leadPinMatches(pin, record)) {
      if (before.failures > 0) await settings.set('leadPinAttempts', NO_LEAD_PIN_ATTEMPTS);
      return { kind: 'accepted' };
    }
    const after = afterWrongPin(before, nowMs);
    await settings.set('leadPinAttempts', after);
    if (after.lockedUntil !== null) return { kind: 'locked', lockedUntil: after.lockedUntil };
    return { kind: 'wrong', attemptsBeforeLock: LEAD_PIN_FREE_ATTEMPTS - after.failures };
  };

  return {
    isSet: async () => (await settings.get('leadPin')) !== undefined,
    attempts,
    async setFirst(pin, nowMs) {
      if ((await settings.get('leadPin')) !== undefined) throw new LeadPinRefusedError('already-set');
      await store(pin, nowMs);
    },
    verify,
    async acceptIfMatches(pin) {
      const record = await settings.get('leadPin');
      if (!record || !(await leadPinMatches(pin, record))) return false;
      await settings.set('leadPinAttempts', NO_LEAD_PIN_ATTEMPTS);
      return true;
    },
    async change(current, next, nowMs) {
      if (checkLeadPin(next) !== null) throw new LeadPinRefusedError('weak');
      const verdict = await verify(current, nowMs);
      if (verdict.kind === 'accepted') await store(next, nowMs);
      return verdict;
    },
  };
}
