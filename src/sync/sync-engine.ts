// The sync engine: drains the outbox to the server in batches, applies acknowledgements, retries with backoff, reports status.
// Plain TypeScript: time, timers, randomness, storage, network and the cross-tab lock all come in as ports.
import type { StoreApi } from 'zustand/vanilla';
import { SYNC_BATCH_MAX, type BatchResult } from '../contract/vehicle-check.ts';
import type { CheckAcknowledgement, CheckRepository, EnrolledIdentity } from '../db/check-repository.ts';
import type { StoredCheck } from '../db/database.ts';
import type { Policy } from '../domain/policy.ts';
import type { CheckpointConfigRemote } from './checkpoint-config-client.ts';
import { syncCheckpointConfig, type CheckpointConfigCachePort } from './checkpoint-config-sync.ts';
import type { LeadPinSync } from './lead-pin-sync.ts';
import { createSyncStatusStore, type SyncError, type SyncStatus } from './sync-status.ts';
import {
  SyncHttpError,
  SyncNetworkError,
  SyncProtocolError,
  SyncRequestRejectedError,
  SyncUnauthorizedError,
  type Transport,
} from './transport.ts';

// First retry after a failure. Short enough that a blip (a server restart) costs the officer nothing visible.
export const RETRY_BASE_MS = 2_000;
// Longest wait between attempts, whatever the failure count or Retry-After: a tablet back in range of the
// network syncs within five minutes even if the online event never fires.
export const RETRY_CAP_MS = 5 * 60_000;
// Each delay is cut by up to this fraction at random, so tablets that lost the server together do not all
// come back in the same second (the server would see a thundering herd of 500-check batches).
export const RETRY_JITTER_RATIO = 0.5;
// Another tab holds the sync lock: look again after this long, in case that tab was closed.
export const LOCK_BUSY_RETRY_MS = 30_000;
// With nothing failing, run this often anyway: it refreshes the policy and catches a missed trigger.
export const IDLE_POLL_MS = 10 * 60_000;
// The policy changes a few times a month at most; fetching it more often than this is waste.
export const POLICY_REFRESH_MS = 10 * 60_000;
// Another tablet's change to the shift configuration reaches this one within a minute of a pass; a pending edit
// of this tablet's lead is pushed on every pass regardless.
export const CONFIG_REFRESH_MS = 60_000;

/** The check repository as the engine uses it (the real one fits; tests use an in-memory one). */
export type OutboxPort = Pick<
  CheckRepository,
  'listPending' | 'countPending' | 'markSynced' | 'markRejected' | 'observePendingCount'
> &
  Partial<Pick<CheckRepository, 'adoptPending'>>;

/** Where the fetched policy is cached for the checkpoint flow to judge under. */
export interface PolicyCachePort {
  get(): Promise<Policy | undefined>;
  set(policy: Policy): Promise<void>;
}

/** Keeps lastSuccessAt across reloads. */
export interface SyncMetaPort {
  getLastSuccessAt(): Promise<number | null>;
  setLastSuccessAt(epochMs: number): Promise<void>;
}

export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

/** One sync owner across tabs: runs the work only if nobody else holds the lock, without waiting. */
export interface LockPort {
  runExclusive<T>(work: () => Promise<T>): Promise<LockResult<T>>;
}

export type NetworkEvent = 'online' | 'offline' | 'visible';

/** The browser's view of the network and of the page being looked at. */
export interface NetworkPort {
  isOnline(): boolean;
  subscribe(listener: (event: NetworkEvent) => void): () => void;
}

export interface ClockPort {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(handle: number): void;
}

export interface SyncEngineDeps {
  outbox: OutboxPort;
  transport: Transport;
  clock: ClockPort;
  /** In [0, 1): the jitter of retry delays. */
  random: () => number;
  lock?: LockPort;
  policyCache?: PolicyCachePort;
  /** The shift configuration: its server side and where the tablet keeps it and the lead's pending edit. */
  checkpointConfig?: { remote: CheckpointConfigRemote; cache: CheckpointConfigCachePort };
  /** The checkpoint's lead PIN: taken from the server, or handed to it (src/sync/lead-pin-sync.ts). */
  leadPin?: Pick<LeadPinSync, 'run'>;
  meta?: SyncMetaPort;
  network?: NetworkPort;
  /** When given, each run first stamps these ids onto checks saved before enrollment (see adoptPending). */
  identity?: EnrolledIdentity;
  /** A status store to write to (the app keeps one across re-enrollments); a new one otherwise. */
  status?: StoreApi<SyncStatus>;
}

export interface SyncEngine {
  /** Subscribes to saves and network events and starts a first run. */
  start(): void;
  /** Final: clears the timer and every subscription. A run in flight finishes its batch but schedules and reports nothing. */
  stop(): void;
  /** Runs now (ignoring backoff, also after a 401) and resolves when the outbox is drained or the run failed. */
  syncNow(): Promise<void>;
  /** Asks for a run soon; respects a scheduled retry and a 401. */
  trigger(): void;
  readonly status: StoreApi<SyncStatus>;
}

/**
 * Delay before the next attempt after `failures` consecutive failures (1 = the first): doubles from
 * RETRY_BASE_MS, capped at RETRY_CAP_MS, less up to RETRY_JITTER_RATIO of it at random. A Retry-After
 * from the server is honoured when longer, up to the cap.
 */
export function retryDelayMs(failures: number, random: number, retryAfterMs: number | null = null): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const backoff = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  const jittered = Math.round(backoff * (1 - RETRY_JITTER_RATIO * random));
  return Math.min(RETRY_CAP_MS, Math.max(jittered, retryAfterMs ?? 0));
}

/** Statuses that mean the server holds this rev (or a newer one): the tablet may stop sending it. */
const ACKNOWLEDGED: ReadonlySet<BatchResult['status']> = new Set(['created', 'updated', 'duplicate', 'stale']);

/** The tablet's own database failed (full, closed, blocked): nothing the server did. */
class LocalStorageFailure extends Error {
  override name = 'LocalStorageFailure';
}

async function local<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (e) {
    throw new LocalStorageFailure(e instanceof Error ? e.message : 'local storage failed', { cause: e });
  }
}

function describeFailure(error: unknown): SyncError {
  if (error instanceof SyncUnauthorizedError) return { key: 'unauthorized', detail: error.detail };
  if (error instanceof SyncNetworkError) return { key: 'network', detail: null };
  if (error instanceof SyncHttpError) {
    return { key: error.status === 429 ? 'rate-limited' : 'server', detail: error.detail ?? `HTTP ${error.status}` };
  }
  if (error instanceof SyncProtocolError) return { key: 'server', detail: error.message };
  if (error instanceof LocalStorageFailure) return { key: 'storage', detail: error.message };
  return { key: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { outbox, transport, clock } = deps;
  const status = deps.status ?? createSyncStatusStore();

  let started = false;
  let stopped = false;
  // Read through a call: stop() flips the flag across awaits, which narrowing of the variable cannot see.
  const isStopped = () => stopped;
  let cleanups: Array<() => void> = [];
  let timer: number | null = null;
  let running: Promise<void> | null = null;
  let rerunRequested = false;
  let consecutiveFailures = 0;
  let lastPolicyFetchAt: number | null = null;
  let lastConfigFetchAt: number | null = null;
  let lastPendingCount: number | null = null;

  // A stopped engine no longer speaks for the app: the status store may already belong to its successor.
  const set = (patch: Partial<SyncStatus>) => {
    if (!stopped) status.setState(patch);
  };

  function clearTimer(): void {
    if (timer === null) return;
    clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(delayMs: number): void {
    clearTimer();
    // A stopped engine must leave nothing behind that could fire later.
    if (stopped) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void requestRun();
    }, delayMs);
    set({ nextAttemptAt: clock.now() + delayMs });
  }

  /** Posts checks; a request the server refuses as a whole (400/413) is split until the offending check is alone. */
  async function sendAndApply(rows: readonly StoredCheck[]): Promise<number> {
    let results: BatchResult[];
    try {
      results = await transport.postBatch(rows.map((row) => row.check));
    } catch (e) {
      if (!(e instanceof SyncRequestRejectedError)) throw e;
      const only = rows.length === 1 ? rows[0] : undefined;
      if (only) {
        // Resending the same bytes gets the same answer: keep the check, say why, wait for an amendment.
        await local(outbox.markRejected(only.id, only.rev, e.detail ?? `HTTP ${e.status}`));
        return 1;
      }
      const half = Math.ceil(rows.length / 2);
      return (await sendAndApply(rows.slice(0, half))) + (await sendAndApply(rows.slice(half)));
    }

    // Acknowledge the rev that was sent, not whatever is stored now: an amendment saved while the batch was in
    // flight is newer than what the server has, and markSynced leaves it queued. Only a result that names a
    // check sent in this request counts; a check the answer does not name stays pending.
    const sentById = new Map(rows.map((row) => [row.id, row]));
    const acks: CheckAcknowledgement[] = [];
    let settled = 0;
    for (const result of results) {
      const row = sentById.get(result.id);
      if (!row) continue;
      sentById.delete(result.id);
      if (ACKNOWLEDGED.has(result.status)) {
        acks.push({ id: row.id, rev: row.rev });
      } else {
        // The code is what the tablet explains (ADR 024); the words are kept to show beside it, or alone for a new code.
        await local(
          outbox.markRejected(row.id, row.rev, result.error ?? 'rejected by the server', result.code ?? null),
        );
        settled += 1;
      }
    }
    settled += await local(outbox.markSynced(acks, clock.now()));
    return settled;
  }

  async function refreshPolicyIfDue(): Promise<void> {
    const cache = deps.policyCache;
    // Without a cache there is nobody to give the policy to.
    if (!cache) return;
    const now = clock.now();
    if (lastPolicyFetchAt !== null && now - lastPolicyFetchAt < POLICY_REFRESH_MS) return;
    try {
      const policy = await transport.getPolicy();
      lastPolicyFetchAt = now;
      const cached = await cache.get();
      // Published versions never change, so the version tells whether the cache is current.
      if (cached?.version !== policy.version || cached.effectiveFrom !== policy.effectiveFrom) await cache.set(policy);
    } catch (e) {
      // Only a refused token matters here; otherwise the batch upload reports the failure, and the policy
      // is fetched again on the next run.
      if (e instanceof SyncUnauthorizedError) throw e;
    }
  }

  async function syncConfig(): Promise<void> {
    const config = deps.checkpointConfig;
    if (!config) return;
    const now = clock.now();
    const pull = lastConfigFetchAt === null || now - lastConfigFetchAt >= CONFIG_REFRESH_MS;
    try {
      await syncCheckpointConfig(config.remote, config.cache, () => clock.now(), pull);
      if (pull) lastConfigFetchAt = now;
    } catch (e) {
      // As for the policy: a refused token stops the run; any other failure leaves a pending edit pending and is
      // reported by the batch upload, and the next pass tries again.
      if (e instanceof SyncUnauthorizedError) throw e;
    }
  }

  async function syncLeadPin(): Promise<void> {
    try {
      await deps.leadPin?.run();
    } catch (e) {
      // As for the configuration: only a refused token stops the run; the next pass tries again.
      if (e instanceof SyncUnauthorizedError) throw e;
    }
  }

  /** One pass: policy, shift configuration and lead PIN, then batches until the outbox is empty. Throws what stops it. */
  async function drain(): Promise<void> {
    if (deps.identity && outbox.adoptPending) await local(outbox.adoptPending(deps.identity));
    await refreshPolicyIfDue();
    await syncConfig();
    await syncLeadPin();

    let sent = 0;
    let total = await local(outbox.countPending());
    set({ state: 'syncing', pending: total, progress: { sent, total } });
    // Each rev is sent at most once per run: a check the answer did not settle (not named, or amended while in
    // flight and so still queued under its old rev) must not be resent in a tight loop. Its amendment is a new
    // rev and goes out in this run; the rest wait for the next one.
    const attempted = new Set<string>();
    const key = (row: StoredCheck) => `${row.id}#${row.rev}`;
    for (;;) {
      // The lock is held but the engine was stopped (re-enrollment): leave the rest to the next engine.
      if (stopped) return;
      const batch = (await local(outbox.listPending(SYNC_BATCH_MAX))).filter((row) => !attempted.has(key(row)));
      // Nothing queued that this run has not already tried: settle the count once, for the status.
      if (batch.length === 0) {
        set({ pending: await local(outbox.countPending()) });
        return;
      }
      for (const row of batch) attempted.add(key(row));
      sent += await sendAndApply(batch);
      // Not counted again per batch: that cost an index scan (~45 ms at 10,000 queued) on the drain's critical
      // path, and the live count (observePendingCount) keeps the header's number current anyway. Checks saved
      // during the drain go out in this run and simply stretch the total.
      total = Math.max(total, sent);
      set({ progress: { sent, total } });
    }
  }

  async function runOnce(): Promise<void> {
    // stop() was called while this run waited its turn.
    if (stopped) return;
    clearTimer();
    set({ nextAttemptAt: null });

    if (deps.network && !deps.network.isOnline()) {
      // The browser knows there is no network: the online event starts the next run; the capped timer
      // covers a browser that forgets to send it.
      set({ state: 'offline', lastError: { key: 'network', detail: null }, progress: null });
      schedule(RETRY_CAP_MS);
      return;
    }

    try {
      let acquired = true;
      if (deps.lock) acquired = (await deps.lock.runExclusive(drain)).acquired;
      else await drain();
      if (!acquired) {
        // Another tab is syncing the same database; the pending count still updates here through the live query.
        set({ state: 'idle', progress: null });
        schedule(LOCK_BUSY_RETRY_MS);
        return;
      }
      // Stopped mid-run: what is left belongs to the next engine, so this one claims no success.
      if (isStopped()) return;
      consecutiveFailures = 0;
      const now = clock.now();
      set({ state: 'idle', lastSuccessAt: now, lastError: null, progress: null });
      await deps.meta?.setLastSuccessAt(now).catch(() => {
        // Losing the timestamp across a reload is harmless; the checks themselves are marked.
      });
      schedule(IDLE_POLL_MS);
    } catch (e) {
      const error = describeFailure(e);
      if (e instanceof SyncUnauthorizedError) {
        // Retrying cannot help and would hammer the server: wait for enrollment (a new engine) or syncNow().
        set({ state: 'unauthorized', lastError: error, progress: null, nextAttemptAt: null });
        return;
      }
      consecutiveFailures += 1;
      const retryAfterMs = e instanceof SyncHttpError ? e.retryAfterMs : null;
      set({ state: error.key === 'network' ? 'offline' : 'error', lastError: error, progress: null });
      schedule(retryDelayMs(consecutiveFailures, deps.random(), retryAfterMs));
    }
  }

  function wantsAnotherRun(): boolean {
    return rerunRequested && !stopped && status.getState().state === 'idle';
  }

  /** Starts a run, or marks that another is wanted once the current one ends. Resolves when no run is left to do. */
  function requestRun(): Promise<void> {
    if (running) {
      rerunRequested = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          rerunRequested = false;
          await runOnce();
          // A failed run has scheduled its retry; a trigger during it must not bypass the backoff.
        } while (wantsAnotherRun());
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function trigger(): void {
    // Nothing may start after stop().
    if (stopped) return;
    // A refused token stays refused: only re-enrollment or an explicit syncNow() tries again.
    if (status.getState().state === 'unauthorized') return;
    // A retry is already scheduled after a failure: triggering now would defeat the backoff.
    if (timer !== null && consecutiveFailures > 0) return;
    void requestRun();
  }

  function onPendingCount(count: number): void {
    const previous = lastPendingCount;
    lastPendingCount = count;
    set({ pending: count });
    // Only a rise means a new save; a fall is this engine (or another tab) acknowledging checks.
    if (previous !== null && count > previous) trigger();
  }

  function onNetworkEvent(event: NetworkEvent): void {
    if (event === 'offline') {
      // A run in flight will fail on its own and schedule its retry; say so now rather than after the timeout.
      if (!running && status.getState().state !== 'unauthorized') set({ state: 'offline' });
      return;
    }
    if (event === 'online') {
      // A new network is a fresh start: the failures that built up the backoff were about the old one.
      consecutiveFailures = 0;
      clearTimer();
    }
    trigger();
  }

  return {
    status,

    start() {
      // Idempotent: the composition root may call it again after a re-render.
      if (started || stopped) return;
      started = true;
      cleanups.push(
        outbox.observePendingCount(onPendingCount, (error) => {
          // The count is shown, not relied on: sync itself reads the outbox. Say why the number may be old.
          set({ lastError: { key: 'storage', detail: error.message } });
        }),
      );
      if (deps.network) cleanups.push(deps.network.subscribe(onNetworkEvent));
      // A lead's saved edit goes out at once, not on the next timer.
      const stopObservingEdits = deps.checkpointConfig?.cache.observeEdits?.(trigger);
      if (stopObservingEdits) cleanups.push(stopObservingEdits);
      cleanups.push(clearTimer);
      const meta = deps.meta;
      if (meta) {
        void meta
          .getLastSuccessAt()
          .then((lastSuccessAt) => {
            // A run that already succeeded in this session knows better.
            if (status.getState().lastSuccessAt === null) set({ lastSuccessAt });
          })
          .catch(() => {
            // Only the "last synced" line is missing until the next success.
          });
      }
      void requestRun();
    },

    stop() {
      // Its last word: no attempt is coming, and a run in flight no longer reports.
      const { state } = status.getState();
      set({ nextAttemptAt: null, progress: null, ...(state === 'syncing' ? { state: 'idle' as const } : {}) });
      stopped = true;
      for (const cleanup of cleanups) cleanup();
      cleanups = [];
    },

    syncNow() {
      // A stopped engine belongs to an old enrollment; its owner has started a new one.
      if (stopped) return Promise.resolve();
      consecutiveFailures = 0;
      clearTimer();
      if (status.getState().state === 'unauthorized') set({ state: 'idle' });
      return requestRun();
    },

    trigger,
  };
}
