// The message key for a stored check's sync state, as the records list and the detail show it.
import type { SyncState } from '../../../db/database.ts';

export const SYNC_LABEL = {
  pending: 'syncPending',
  synced: 'syncSynced',
  rejected: 'syncRejected',
} as const satisfies Record<SyncState, string>;
