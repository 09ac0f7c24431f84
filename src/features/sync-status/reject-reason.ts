// The server's code for refusing a check (src/contract/reject-code.ts, ADR 024) matched to an explanation in the
// officer's language. Matched by code, never by the server's English words, which may change.
import { isRejectCode, type RejectCode } from '../../contract/reject-code.ts';
import type { syncStatusMessages } from './sync-status.messages.ts';

type ReasonKey = keyof (typeof syncStatusMessages)['en'] &
  (
    | 'reasonConflict'
    | 'reasonOtherCheckpoint'
    | 'reasonOtherDevice'
    | 'reasonUnknownCheckpoint'
    | 'reasonUnknownPolicy'
    | 'reasonInvalid'
    | 'reasonUnprocessable'
  );

// Every code has its explanation: a code added to the contract fails the type check here until it has one.
const REASON_KEYS: Readonly<Record<RejectCode, ReasonKey>> = {
  'conflicting-content': 'reasonConflict',
  'other-checkpoint': 'reasonOtherCheckpoint',
  'other-device': 'reasonOtherDevice',
  'unknown-checkpoint': 'reasonUnknownCheckpoint',
  'unknown-policy-version': 'reasonUnknownPolicy',
  'invalid-check': 'reasonInvalid',
  'unprocessable-check': 'reasonUnprocessable',
};

/**
 * The message key explaining a code, or null for a code this build does not know (a newer server's) or none at all
 * (a refusal of the whole request, a row refused before codes existed): the screen then shows the server's words.
 */
export function rejectReasonKey(code: string | null | undefined): ReasonKey | null {
  return isRejectCode(code) ? REASON_KEYS[code] : null;
}
