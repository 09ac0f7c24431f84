// What the sync engine tells the UI: its state, the pending count, progress and the last error, as a small vanilla store.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type SyncEngineState =
  /** Nothing to do, or waiting for the next trigger. */
  | 'idle'
  /** A run is sending batches. */
  | 'syncing'
  /** The browser reports no network, or the server could not be reached; retried later. */
  | 'offline'
  /** The server answered with an error (5xx, 429, a response we cannot read); retried with backoff. */
  | 'error'
  /** The server refused the token (401): no more attempts until the tablet is enrolled again. Local data is untouched. */
  | 'unauthorized'
  /** The tablet has no server address or token yet; checks stay on the tablet. */
  | 'not-enrolled';

/**
 * Why the last attempt failed, as a key the UI translates (its catalogue owns the words).
 * - network: the request never got an answer (offline, server down, timeout)
 * - server: 5xx, or an answer that does not follow the contract
 * - rate-limited: 429
 * - unauthorized: 401 (token revoked or unknown)
 * - storage: the tablet's own database failed (e.g. full)
 * - unexpected: anything else (a bug); detail says what
 */
export type SyncErrorKey = 'network' | 'server' | 'rate-limited' | 'unauthorized' | 'storage' | 'unexpected';

export interface SyncError {
  key: SyncErrorKey;
  /** The server's problem detail or the error message, for display under the translated sentence; null when none. Never personal data. */
  detail: string | null;
}

export interface SyncProgress {
  /** Checks acknowledged (or rejected) in the current run. */
  sent: number;
  /** sent + what was still pending when last counted. */
  total: number;
}

export interface SyncStatus {
  state: SyncEngineState;
  /** Checks waiting to be sent (the outbox), kept live from the database. */
  pending: number;
  /** Epoch ms of the last run that left nothing it could send unsent; null when never. */
  lastSuccessAt: number | null;
  /** Null after a successful run. */
  lastError: SyncError | null;
  /** Non-null while a run is draining the outbox. */
  progress: SyncProgress | null;
  /** Epoch ms when the next automatic attempt is due; null when none is scheduled. */
  nextAttemptAt: number | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  pending: 0,
  lastSuccessAt: null,
  lastError: null,
  progress: null,
  nextAttemptAt: null,
};

/** A status store; the UI reads it with zustand's useStore(store, selector). */
export function createSyncStatusStore(initial?: Partial<SyncStatus>): StoreApi<SyncStatus> {
  return createStore<SyncStatus>()(() => ({ ...INITIAL_SYNC_STATUS, ...initial }));
}
