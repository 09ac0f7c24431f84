// Retention, one rule for the tablet and the server: when a check is past the policy's retention, and what leaves it then.
import type { Policy } from './policy.ts';
import type { VehicleCheck } from './vehicle-check.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Instants (epoch ms) before which a check is past retention. What a check's age is counted from is each holder's:
 * the server counts from completedAt (when the person stood at the checkpoint); the tablet counts from the server's
 * acknowledgement, because it must never drop what the server may not hold yet.
 */
export interface RetentionCutoffs {
  /**
   * Past the policy's retentionDays: the server strips the check's registrations, the tablet removes the whole check
   * (the server keeps the record). Counts, flags and dispositions outlive it everywhere.
   */
  pastRetentionBefore: number;
  /** A tablet, a device at the roadside that can be lost, holds registrations for half the retention only. */
  tabletRegistrationsBefore: number;
}

export function retentionCutoffs(policy: Pick<Policy, 'retentionDays'>, nowMs: number): RetentionCutoffs {
  const retentionMs = policy.retentionDays * DAY_MS;
  return { pastRetentionBefore: nowMs - retentionMs, tabletRegistrationsBefore: nowMs - retentionMs / 2 };
}

/** Whether anyone in the check was registered (name, ID number, phone): the personal data retention removes. */
export function hasRegistration(check: Pick<VehicleCheck, 'persons'>): boolean {
  return check.persons.some((person) => person.registration !== null);
}

/** The check as kept past retention: every registration gone; plate, screening, flags and dispositions as they were. */
export function withoutRegistrations(check: VehicleCheck): VehicleCheck {
  return { ...check, persons: check.persons.map((person) => ({ ...person, registration: null })) };
}

/** How many people in the check carry a registration. */
export function registrationCount(check: Pick<VehicleCheck, 'persons'>): number {
  return check.persons.filter((person) => person.registration !== null).length;
}
