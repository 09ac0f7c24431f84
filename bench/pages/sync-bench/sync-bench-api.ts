// What the sync-bench page puts on window for bench/sync-throughput.ts to call.

export interface SyncBenchRequest {
  /** Checks to queue before the clock starts. */
  checks: number;
  /** Checks per request: SYNC_BATCH_MAX as the app sends, or 1 for the naive baseline. */
  checksPerRequest: number;
  checkpointId: string;
  deviceId: string;
  token: string;
}

export interface SyncBenchResult {
  /** Queueing the backlog (setup, not part of the figure). */
  queueMs: number;
  /** engine.syncNow() from call to resolve: the whole backlog sent, acknowledged and marked synced. */
  syncMs: number;
  requests: number;
  /** Where syncMs went: time inside each call of the transport and the outbox, summed. */
  spentMs: { postBatch: number; listPending: number; markSynced: number; countPending: number };
  pendingAfter: number;
}

export type RunSyncBench = (request: SyncBenchRequest) => Promise<SyncBenchResult>;

declare global {
  interface Window {
    runSyncBench: RunSyncBench;
  }
}
