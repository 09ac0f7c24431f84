// The server's reasons for refusing a check (api.md: readable, in English) matched to an explanation in the officer's language.
import type { syncStatusMessages } from './sync-status.messages.ts';

type ReasonKey = keyof (typeof syncStatusMessages)['en'] &
  ('reasonConflict' | 'reasonOtherCheckpoint' | 'reasonOtherDevice' | 'reasonUnknownCheckpoint' | 'reasonUnknownPolicy' | 'reasonInvalid');

// Prefixes of the reasons the server writes (src/server: the check intake and the store). An unknown reason
// is still shown, in the server's own words.
const KNOWN_REASONS: readonly (readonly [prefix: string, key: ReasonKey])[] = [
  ['same id and rev with different content', 'reasonConflict'],
  ['belongs to another checkpoint', 'reasonOtherCheckpoint'],
  ['deviceId is not the device', 'reasonOtherDevice'],
  ['unknown checkpoint', 'reasonUnknownCheckpoint'],
  ['unknown policyVersion', 'reasonUnknownPolicy'],
  ['invalid check', 'reasonInvalid'],
];

/** The message key explaining a reason, or null when the reason is not one the server is known to give. */
export function rejectReasonKey(reason: string): ReasonKey | null {
  const normalized = reason.trim().toLowerCase();
  return KNOWN_REASONS.find(([prefix]) => normalized.startsWith(prefix.toLowerCase()))?.[1] ?? null;
}
