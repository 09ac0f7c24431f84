// A sync failure's raw detail (the server's problem text, an HTTP status, a browser error) goes to diagnostics: the
// header says what happened in words, Settings → Diagnostics keeps the detail for whoever supports the tablet.
import type { StoreApi } from 'zustand/vanilla';
import { recordError } from '../platform/diagnostics.ts';
import type { SyncError, SyncStatus } from '../sync/sync-status.ts';

const same = (a: SyncError | null, b: SyncError | null) => a?.key === b?.key && a?.detail === b?.detail;

/**
 * Records each new sync error once (a backoff retrying the same failure adds nothing; after a success it counts again). No network is the tablet's
 * ordinary state at a checkpoint, not a fault: it is not recorded. Returns the unsubscribe.
 */
export function recordSyncErrors(store: StoreApi<SyncStatus>): () => void {
  let last: SyncError | null = store.getState().lastError;
  return store.subscribe((status) => {
    const error = status.lastError;
    if (same(error, last)) return;
    last = error;
    if (error === null) return;
    if (error.key !== 'network') recordError('sync', `${error.key}: ${error.detail ?? '—'}`);
  });
}
