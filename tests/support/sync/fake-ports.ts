// In-memory ports for sync engine tests: an outbox with the check repository's rules, a server-like transport,
// a hand-driven clock, a lock shared by engines and a switchable network.
import type { BatchResult } from '../../../src/contract/vehicle-check.ts';
import type { StoredCheck } from '../../../src/db/database.ts';
import { DEFAULT_POLICY, type Policy } from '../../../src/domain/policy.ts';
import type { VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import type {
  ClockPort,
  LockPort,
  NetworkEvent,
  NetworkPort,
  OutboxPort,
  PolicyCachePort,
} from '../../../src/sync/sync-engine.ts';
import type { Transport } from '../../../src/sync/transport.ts';

export interface MemoryOutbox extends OutboxPort {
  /** Saves or amends a check as the checkpoint flow does: pending, queued at the back. */
  save(check: VehicleCheck): void;
  row(id: string): StoredCheck | undefined;
  observerCount(): number;
  /** The officer's retry of parked checks, as the repository does it: queued again at the back. */
  retryParked(ids: readonly string[], now: number): Promise<number>;
}

/** Follows the rules of src/db's CheckRepository (tested there against IndexedDB). */
export function createMemoryOutbox(): MemoryOutbox {
  const rows = new Map<string, StoredCheck>();
  let queue: Array<{ checkId: string; rev: number }> = [];
  const observers = new Set<(count: number) => void>();

  const countPending = () => [...rows.values()].filter((row) => row.syncState === 'pending').length;
  const notify = () => {
    const count = countPending();
    // Like Dexie's liveQuery, observers hear of a change after the writing call returned.
    queueMicrotask(() => {
      for (const observer of observers) observer(count);
    });
  };
  const dequeue = (id: string) => {
    queue = queue.filter((entry) => entry.checkId !== id);
  };

  return {
    save(check) {
      const stored = rows.get(check.id);
      if (stored && stored.rev >= check.rev) throw new Error(`stale rev ${check.rev} for ${check.id}`);
      rows.set(check.id, {
        id: check.id,
        rev: check.rev,
        day: check.completedAt.slice(0, 10),
        completedAt: check.completedAt,
        savedAt: 0,
        syncState: 'pending',
        syncedAt: null,
        rejectReason: null,
        check,
      });
      dequeue(check.id);
      queue.push({ checkId: check.id, rev: check.rev });
      notify();
    },
    row: (id) => rows.get(id),
    observerCount: () => observers.size,

    countPending: () => Promise.resolve(countPending()),
    listPending: (limit) =>
      Promise.resolve(
        queue
          .slice(0, limit)
          .map((entry) => rows.get(entry.checkId))
          .filter((row): row is StoredCheck => row?.syncState === 'pending'),
      ),
    markSynced(acks, now) {
      let marked = 0;
      for (const ack of acks) {
        const stored = rows.get(ack.id);
        if (stored?.rev !== ack.rev) continue;
        rows.set(ack.id, { ...stored, syncState: 'synced', syncedAt: now, rejectReason: null });
        dequeue(ack.id);
        marked += 1;
      }
      if (marked > 0) notify();
      return Promise.resolve(marked);
    },
    markRejected(id, rev, reason, code = null) {
      const stored = rows.get(id);
      if (stored?.rev === rev) {
        rows.set(id, {
          ...stored,
          syncState: 'rejected',
          rejectReason: reason,
          rejectCode: code,
          parkedAt: null,
          syncedAt: null,
        });
        dequeue(id);
        notify();
      }
      return Promise.resolve();
    },
    markParked(id, rev, reason, now) {
      const stored = rows.get(id);
      if (stored?.rev === rev) {
        rows.set(id, {
          ...stored,
          syncState: 'rejected',
          rejectReason: reason,
          rejectCode: null,
          parkedAt: now,
          syncedAt: null,
        });
        dequeue(id);
        notify();
      }
      return Promise.resolve();
    },
    retryParked(ids) {
      let queued = 0;
      for (const id of new Set(ids)) {
        const stored = rows.get(id);
        if (stored?.syncState !== 'rejected' || stored.parkedAt === undefined || stored.parkedAt === null) continue;
        rows.set(id, { ...stored, syncState: 'pending', rejectReason: null, rejectCode: null, parkedAt: null });
        dequeue(id);
        queue.push({ checkId: id, rev: stored.rev });
        queued += 1;
      }
      if (queued > 0) notify();
      return Promise.resolve(queued);
    },
    observePendingCount(onCount) {
      observers.add(onCount);
      const count = countPending();
      queueMicrotask(() => {
        onCount(count);
      });
      return () => {
        observers.delete(onCount);
      };
    },
  };
}

export interface FakeTransport extends Transport {
  /** Every batch posted, in order. */
  readonly batches: VehicleCheck[][];
  /** id → rev the "server" holds. */
  readonly stored: Map<string, number>;
  policyRequests: number;
  policy: Policy;
  /** Replaces the server's answer for the next posts (throw to fail them); null restores the server. */
  override: ((checks: readonly VehicleCheck[]) => Promise<BatchResult[]>) | null;
  /** Makes the next post wait until the returned function is called. */
  hold(): () => void;
  /** How many posts were in flight at once, at most. */
  maxConcurrent: number;
}

/** Answers like the server of api.md: created / updated / duplicate / stale by id and rev. */
export function createFakeTransport(): FakeTransport {
  let gate: Promise<void> | null = null;
  let inFlight = 0;
  const transport: FakeTransport = {
    batches: [],
    stored: new Map(),
    policyRequests: 0,
    policy: DEFAULT_POLICY,
    override: null,
    maxConcurrent: 0,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        release();
      };
    },
    async postBatch(checks) {
      transport.batches.push([...checks]);
      inFlight += 1;
      transport.maxConcurrent = Math.max(transport.maxConcurrent, inFlight);
      try {
        const waitFor = gate;
        gate = null;
        if (waitFor) await waitFor;
        if (transport.override) return await transport.override(checks);
        return checks.map((check): BatchResult => {
          const rev = transport.stored.get(check.id);
          if (rev === undefined || rev < check.rev) {
            transport.stored.set(check.id, check.rev);
            return { id: check.id, status: rev === undefined ? 'created' : 'updated' };
          }
          return { id: check.id, status: rev === check.rev ? 'duplicate' : 'stale' };
        });
      } finally {
        inFlight -= 1;
      }
    },
    getPolicy() {
      transport.policyRequests += 1;
      return Promise.resolve(transport.policy);
    },
  };
  return transport;
}

export interface FakeClock extends ClockPort {
  /** Timers not yet fired, soonest first. */
  timers(): Array<{ at: number; delayMs: number }>;
  /** Moves time forward, firing the timers that fall due, in order. */
  advance(ms: number): void;
}

export function createFakeClock(startMs = 1_795_000_000_000): FakeClock {
  let now = startMs;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; delayMs: number; callback: () => void }>();
  const ordered = () => [...timers.entries()].sort(([, a], [, b]) => a.at - b.at);
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + delayMs, delayMs, callback });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle);
    },
    timers: () => ordered().map(([, { at, delayMs }]) => ({ at, delayMs })),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = ordered().find(([, timer]) => timer.at <= until);
        if (!due) break;
        const [handle, timer] = due;
        timers.delete(handle);
        now = timer.at;
        timer.callback();
      }
      now = until;
    },
  };
}

/** A lock shared by engines, with Web Locks' ifAvailable semantics. */
export function createMemoryLock(): LockPort {
  let held = false;
  return {
    async runExclusive(work) {
      if (held) return { acquired: false };
      held = true;
      try {
        return { acquired: true, value: await work() };
      } finally {
        held = false;
      }
    },
  };
}

export interface FakeNetwork extends NetworkPort {
  online: boolean;
  emit(event: NetworkEvent): void;
  listenerCount(): number;
}

export function createFakeNetwork(online = true): FakeNetwork {
  const listeners = new Set<(event: NetworkEvent) => void>();
  const network: FakeNetwork = {
    online,
    isOnline: () => network.online,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(event) {
      if (event === 'online') network.online = true;
      if (event === 'offline') network.online = false;
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
  return network;
}

export function createMemoryPolicyCache(): PolicyCachePort & { value: Policy | undefined } {
  const cache = {
    value: undefined as Policy | undefined,
    get: () => Promise.resolve(cache.value),
    set(policy: Policy) {
      cache.value = policy;
      return Promise.resolve();
    },
  };
  return cache;
}
