// The sync engine: drains the outbox to the server in batches, applies acknowledgements, retries with backoff, parks a
// check the server keeps failing on (ADR 028), reports status.
// Plain TypeScript: time, timers, randomness, storage, network and the cross-tab lock all come in as ports.
import type { StoreApi } from 'zustand/vanilla';
import { SYNC_BATCH_MAX, type BatchResult } from '../contract/vehicle-check.ts';
import type { CheckAcknowledgement, CheckRepository, EnrolledIdentity } from '../db/check-repository.ts';
import type { StoredCheck } from '../db/database.ts';
import type { Policy } from '../domain/policy.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
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

// One check the server cannot take must not stall the queue, and an outage must not park anything (ADR 028).
// A batch answered 5xx this many times in a row with the same check at its head is split to find the check(s) the
// server fails on. Three answers: a restart or a blip costs one or two, and the third comes after 2 s + 4 s of
// backoff, when it is no longer a blip.
export const SPLIT_AFTER_5XX_ANSWERS = 3;
// A check is parked at this many strikes in a row. A strike: its own single-check request answered 5xx, and then,
// in the same run, a request without it answered 2xx (the server takes other checks). The first strike comes from
// the split, the next ones in later runs after the backoff (about 8 s and 16 s on), so a failure of a few seconds
// tied to one row does not park it.
export const PARK_AFTER_5XX_STRIKES = 3;
// A split stops as an outage once this many of its requests were answered 5xx before any was answered 2xx: the
// server is failing for every check (down, its disk full), not for a few. Six is the first two rounds of halving
// (2 + 4 requests): enough to find bad checks in up to three quarters of a batch, and all an outage costs the
// server per attempt besides the batch itself.
export const SPLIT_5XX_ANSWERS_BEFORE_OUTAGE = 6;

/** The check repository as the engine uses it (the real one fits; tests use an in-memory one). */
export type OutboxPort = Pick<
  CheckRepository,
  'listPending' | 'countPending' | 'markSynced' | 'markRejected' | 'markParked' | 'observePendingCount'
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

/**
 * A 5xx that may be about what was sent: the server took the request and failed on it. Not a 429 (the server asks
 * for fewer requests, not for other checks), and not an answer with Retry-After (a 503 of the upload admission,
 * ADR 019, or maintenance: the server says when to come back, so it is busy, not broken by a check). Nothing else
 * counts toward splitting or parking (ADR 028), nor does it break a count: no answer says nothing about the checks.
 */
function isServerFailure(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && error.status >= 500 && error.status <= 599 && error.retryAfterMs === null;
}

/** A check's place in the engine's counts: a rev the server failed on says nothing about the amendment after it. */
function queueKey(row: StoredCheck): string {
  return `${row.id}#${row.rev}`;
}

/** A check whose single-check request the server answered 5xx (ADR 028). */
interface Suspect {
  /** As sent. */
  row: StoredCheck;
  /** Failures proven to be about the check: see PARK_AFTER_5XX_STRIKES. */
  strikes: number;
  /** The last 5xx: its problem detail is what the officer reads if the check is parked. */
  error: SyncHttpError;
}

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
  // Epoch ms until which the server asked for no request (Retry-After, e.g. a 429 of the per-device limit).
  let serverWaitUntil = 0;
  // ADR 028, in memory only: a reload starts every count again, which can delay a parking but never cause one.
  // 5xx answers in a row to batches headed by the same check.
  let headFailures: { key: string; count: number } | null = null;
  const suspects = new Map<string, Suspect>();
  // Suspects whose single-check 5xx came in this run and is not yet followed by a 2xx to another request.
  const awaitingProof = new Set<string>();
  // A check the server acknowledged, as sent: resent alone (the server answers 'duplicate', ADR 007) to learn
  // whether it takes checks at all when nothing else is left to send after a suspect failed.
  let control: VehicleCheck | null = null;

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

  /**
   * Posts checks; a request the server refuses as a whole (400/413) is split until the offending check is alone. An
   * answer (2xx) also keeps a check for the control and turns the failures awaiting proof into strikes (ADR 028).
   */
  async function sendAndApply(rows: readonly StoredCheck[]): Promise<number> {
    let results: BatchResult[];
    try {
      // What stays queued once this batch is stored: the live count (observePendingCount) read from the status, as
      // counting the outbox again would cost each batch an index scan. The server keeps it only for a stored batch.
      results = await transport.postBatch(
        rows.map((row) => row.check),
        { pendingChecks: Math.max(0, status.getState().pending - rows.length) },
      );
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
    const acknowledged = rows.find((row) => row.id === acks[0]?.id);
    if (acknowledged) control = acknowledged.check;
    return settled + (await countStrikes());
  }

  /**
   * The server just answered a request 2xx, and none of the suspects awaiting proof was in it: each of their
   * failures was about the check, not the server, and is a strike. Parks a check at its last strike, with the
   * server's words. Returns how many were parked.
   */
  async function countStrikes(): Promise<number> {
    let parked = 0;
    for (const key of awaitingProof) {
      const suspect = suspects.get(key);
      if (!suspect) continue;
      suspect.strikes += 1;
      if (suspect.strikes < PARK_AFTER_5XX_STRIKES) continue;
      const { row, error } = suspect;
      await local(outbox.markParked(row.id, row.rev, error.detail ?? `HTTP ${error.status}`, clock.now()));
      suspects.delete(key);
      parked += 1;
    }
    awaitingProof.clear();
    return parked;
  }

  /** A check's single-check request was answered 5xx: it waits for proof that the server takes other checks. */
  function markSuspect(row: StoredCheck, error: SyncHttpError): void {
    const key = queueKey(row);
    suspects.set(key, { row, strikes: suspects.get(key)?.strikes ?? 0, error });
    awaitingProof.add(key);
  }

  /**
   * Sends a batch from the head of the queue. Its third 5xx in a row (SPLIT_AFTER_5XX_ANSWERS) for the same head
   * splits it at once; any other failure is thrown for the run's backoff, as is the 5xx of a split that finds the
   * server failing for every check.
   */
  async function sendBatch(batch: readonly StoredCheck[]): Promise<number> {
    const head = batch[0];
    if (!head) return 0;
    try {
      const settled = await sendAndApply(batch);
      headFailures = null;
      return settled;
    } catch (e) {
      if (!isServerFailure(e)) throw e;
      const key = queueKey(head);
      headFailures = { key, count: headFailures?.key === key ? headFailures.count + 1 : 1 };
      if (headFailures.count < SPLIT_AFTER_5XX_ANSWERS) throw e;
      const settled = await split(batch, e);
      headFailures = null;
      return settled;
    }
  }

  /**
   * Halves the parts of a batch answered 5xx, round by round (breadth first, so the first success, the proof that
   * the server is up, comes early), sending each half: what the server takes is applied, a single check it fails on
   * becomes a suspect. Throws when SPLIT_5XX_ANSWERS_BEFORE_OUTAGE requests failed before any succeeded.
   */
  async function split(batch: readonly StoredCheck[], error: SyncHttpError): Promise<number> {
    const [only] = batch;
    // A batch of one is already alone: its failure is the first a strike can be made of.
    if (only && batch.length === 1) {
      markSuspect(only, error);
      return 0;
    }
    let settled = 0;
    let failing: Array<readonly StoredCheck[]> = [batch];
    let tookAny = false;
    let failedBeforeTaking = 0;
    while (failing.length > 0) {
      const next: typeof failing = [];
      for (const part of failing) {
        const half = Math.ceil(part.length / 2);
        for (const rows of [part.slice(0, half), part.slice(half)]) {
          // The lock is held but the engine was stopped: what is not settled stays queued for the next engine.
          if (stopped) return settled;
          try {
            settled += await sendAndApply(rows);
            tookAny = true;
          } catch (e) {
            if (!isServerFailure(e)) throw e;
            if (!tookAny) failedBeforeTaking += 1;
            // Every part fails: not a bad check but a failing server. Back off; the next attempt splits again.
            if (failedBeforeTaking >= SPLIT_5XX_ANSWERS_BEFORE_OUTAGE) throw e;
            const [alone] = rows;
            // Registered at once, so the very next success (its neighbour's) proves the failure a strike.
            if (alone && rows.length === 1) markSuspect(alone, e);
            else next.push(rows);
          }
        }
      }
      failing = next;
    }
    return settled;
  }

  /**
   * Sends each suspect still at the head of the queue alone, before anything else, so that what follows can prove
   * its failure a strike. A suspect no longer there was amended (a new rev starts afresh) or settled otherwise.
   */
  async function retrySuspects(attempted: Set<string>): Promise<number> {
    if (suspects.size === 0) return 0;
    // Every batch is taken from the first SYNC_BATCH_MAX entries of the outbox, and nothing is ever queued before an
    // entry (saves, amendments and retries go to the back): a suspect stays among them until it is settled or amended.
    const head = await local(outbox.listPending(SYNC_BATCH_MAX));
    const present = new Set(head.map(queueKey));
    for (const key of suspects.keys()) if (!present.has(key)) suspects.delete(key);
    let settled = 0;
    for (const row of head) {
      const key = queueKey(row);
      const known = suspects.get(key);
      if (!known || stopped) continue;
      attempted.add(key);
      try {
        settled += await sendAndApply([row]);
        suspects.delete(key);
      } catch (e) {
        if (!isServerFailure(e)) throw e;
        markSuspect(row, e);
      }
    }
    return settled;
  }

  /**
   * Suspects failed and nothing taken since proves it was about them: resend the control check. A 2xx makes their
   * failures strikes; a 5xx means the server fails for everyone, so they count for nothing and the run backs off.
   */
  async function proveStrikes(): Promise<number> {
    // Nothing to prove, or nothing known that the server took: the failures count for nothing (a tablet whose only
    // pending check fails is never parked before the server took one of its checks).
    if (awaitingProof.size === 0 || control === null) {
      awaitingProof.clear();
      return 0;
    }
    try {
      await transport.postBatch([control]);
    } catch (e) {
      awaitingProof.clear();
      // A 400 here is a server that no longer accepts this old check's shape: it proves nothing, stops nothing.
      if (e instanceof SyncRequestRejectedError) {
        control = null;
        return 0;
      }
      throw e;
    }
    return countStrikes();
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
    // rev and goes out in this run; the rest wait for the next one. Suspects go first, alone, and not again.
    const attempted = new Set<string>();
    // A proof belongs to the run it came in: a failure of an earlier, interrupted run is not proven by this one.
    awaitingProof.clear();
    sent += await retrySuspects(attempted);
    for (;;) {
      // The lock is held but the engine was stopped (re-enrollment): leave the rest to the next engine.
      if (stopped) return;
      const batch = (await local(outbox.listPending(SYNC_BATCH_MAX))).filter((row) => !attempted.has(queueKey(row)));
      // Nothing queued that this run has not already tried: prove the suspects' failures if nothing did yet, settle
      // the count once, for the status.
      if (batch.length === 0) {
        await proveStrikes();
        set({ pending: await local(outbox.countPending()) });
        // A suspect left: this run did not get everything through. It fails with the server's words, so the next
        // attempt comes with backoff; a parked check is not left, and then the run succeeds.
        const [left] = suspects.values();
        if (left) throw left.error;
        return;
      }
      for (const row of batch) attempted.add(queueKey(row));
      sent += await sendBatch(batch);
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
      // Everything went through: whatever the server asked to wait for is over.
      serverWaitUntil = 0;
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
      if (retryAfterMs !== null) serverWaitUntil = clock.now() + Math.min(retryAfterMs, RETRY_CAP_MS);
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
    // The server asked for no request before then (Retry-After): its timer is scheduled for that.
    if (clock.now() < serverWaitUntil) return;
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
      // But not the server's own wait: it asked for none before then, whatever the network.
      const serverWaitMs = serverWaitUntil - clock.now();
      if (serverWaitMs > 0) {
        schedule(serverWaitMs);
        return;
      }
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
