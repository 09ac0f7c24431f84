import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_BATCH_MAX } from '../contract/vehicle-check.ts';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import type { Policy } from '../domain/policy.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import {
  IDLE_POLL_MS,
  LOCK_BUSY_RETRY_MS,
  POLICY_REFRESH_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  createSyncEngine,
  retryDelayMs,
  type SyncEngine,
  type SyncEngineDeps,
} from './sync-engine.ts';
import { createSyncStatusStore, type SyncStatus } from './sync-status.ts';
import {
  createFakeClock,
  createFakeNetwork,
  createFakeTransport,
  createMemoryLock,
  createMemoryOutbox,
  createMemoryPolicyCache,
  type FakeClock,
  type FakeTransport,
  type MemoryOutbox,
} from '../../tests/support/sync/fake-ports.ts';
import { SyncNetworkError, SyncHttpError, SyncRequestRejectedError, SyncUnauthorizedError } from './transport.ts';

const engines: SyncEngine[] = [];

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

interface Rig {
  engine: SyncEngine;
  outbox: MemoryOutbox;
  transport: FakeTransport;
  clock: FakeClock;
}

function rig(
  overrides?: Partial<SyncEngineDeps> & { outbox?: MemoryOutbox; transport?: FakeTransport; clock?: FakeClock },
): Rig {
  const outbox = overrides?.outbox ?? createMemoryOutbox();
  const transport = overrides?.transport ?? createFakeTransport();
  const clock = overrides?.clock ?? createFakeClock();
  const engine = createSyncEngine({ random: () => 0.5, ...overrides, outbox, transport, clock });
  engines.push(engine);
  return { engine, outbox, transport, clock };
}

function saveChecks(outbox: MemoryOutbox, count: number): VehicleCheck[] {
  const saved = Array.from({ length: count }, () => makeVehicleCheck());
  for (const check of saved) outbox.save(check);
  return saved;
}

const state = (engine: SyncEngine) => engine.status.getState();

/** Lets the engine's promise chains run (the fake ports resolve on microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe('sending', () => {
  it('sends the outbox in batches of at most 500, in the order checks were saved, and marks every one synced', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 1_200);

    await engine.syncNow();

    expect(transport.batches.map((batch) => batch.length)).toEqual([SYNC_BATCH_MAX, SYNC_BATCH_MAX, 200]);
    expect(transport.batches.flat().map((check) => check.id)).toEqual(saved.map((check) => check.id));
    expect(saved.every((check) => outbox.row(check.id)?.syncState === 'synced')).toBe(true);
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0, lastError: null, progress: null });
    expect(state(engine).lastSuccessAt).not.toBeNull();
  });

  it('marks synced only the checks the answer names as created, updated, duplicate or stale', async () => {
    const { engine, outbox, transport } = rig();
    const [created, updated, duplicate, stale, unnamed] = saveChecks(outbox, 5);
    transport.override = () =>
      Promise.resolve([
        { id: created!.id, status: 'created' },
        { id: updated!.id, status: 'updated' },
        { id: duplicate!.id, status: 'duplicate' },
        { id: stale!.id, status: 'stale' },
        { id: '00000000-0000-4000-8000-ffffffffffff', status: 'created' },
      ]);

    await engine.syncNow();

    for (const check of [created, updated, duplicate, stale]) expect(outbox.row(check!.id)?.syncState).toBe('synced');
    expect(outbox.row(unnamed!.id)?.syncState).toBe('pending');
    expect(state(engine).pending).toBe(1);
    // Not resent in a loop within the run: it waits for the next run.
    expect(transport.batches).toHaveLength(1);
  });

  it('keeps a rejected check with the server reason and code, does not resend it, and sends it again once amended', async () => {
    const { engine, outbox, transport } = rig();
    const [good, foreign] = saveChecks(outbox, 2);
    transport.override = (checks) =>
      Promise.resolve(
        checks.map((check) =>
          check.id === foreign!.id
            ? {
                id: check.id,
                status: 'rejected' as const,
                code: 'other-checkpoint',
                error: 'belongs to another checkpoint',
              }
            : { id: check.id, status: 'created' as const },
        ),
      );

    await engine.syncNow();
    expect(outbox.row(foreign!.id)).toMatchObject({
      syncState: 'rejected',
      rejectReason: 'belongs to another checkpoint',
      rejectCode: 'other-checkpoint',
    });
    expect(outbox.row(good!.id)?.syncState).toBe('synced');

    await engine.syncNow();
    expect(transport.batches).toHaveLength(1);

    transport.override = null;
    outbox.save({ ...foreign!, rev: 2, notes: 'corrected' });
    await engine.syncNow();
    expect(transport.batches[1]?.map((check) => [check.id, check.rev])).toEqual([[foreign!.id, 2]]);
    expect(outbox.row(foreign!.id)?.syncState).toBe('synced');
  });

  it('does not mark a check synced by the answer for the rev sent before it was amended; the amendment follows', async () => {
    const { engine, outbox, transport } = rig();
    const [check] = saveChecks(outbox, 1);
    const release = transport.hold();

    const run = engine.syncNow();
    await settle();
    expect(transport.batches).toHaveLength(1);
    outbox.save({ ...check!, rev: 2, notes: 'amended while sending' });
    release();
    await run;

    expect(transport.batches.map((batch) => batch.map((c) => c.rev))).toEqual([[1], [2]]);
    expect(transport.stored.get(check!.id)).toBe(2);
    expect(outbox.row(check!.id)).toMatchObject({ rev: 2, syncState: 'synced' });
  });

  it('finds the check a whole-request 400/413 is about by halving, rejects it with the server detail and sends the rest', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 8);
    const tooBig = saved[5]!;
    const server = createFakeTransport();
    transport.override = (checks) =>
      checks.some((check) => check.id === tooBig.id)
        ? Promise.reject(new SyncRequestRejectedError(413, 'request body is larger than 2 MiB', null))
        : server.postBatch(checks);

    await engine.syncNow();

    expect(outbox.row(tooBig.id)).toMatchObject({
      syncState: 'rejected',
      rejectReason: 'request body is larger than 2 MiB',
    });
    expect(
      saved.filter((check) => check !== tooBig).every((check) => outbox.row(check.id)?.syncState === 'synced'),
    ).toBe(true);
    // 8 → 4+4 → 2+2 → 1+1: the bad check costs a handful of requests, not one per check.
    expect(transport.batches.length).toBeLessThanOrEqual(7);
    expect(state(engine).state).toBe('idle');
  });

  it('reports progress while a backlog of 1,200 checks drains', async () => {
    const { engine, outbox } = rig();
    saveChecks(outbox, 1_200);
    const seen: Array<SyncStatus['progress']> = [];
    let last = state(engine).progress;
    engine.status.subscribe((status) => {
      if (status.progress !== last) seen.push(status.progress);
      last = status.progress;
    });

    await engine.syncNow();

    expect(seen).toEqual([
      { sent: 0, total: 1_200 },
      { sent: 500, total: 1_200 },
      { sent: 1_000, total: 1_200 },
      { sent: 1_200, total: 1_200 },
      null,
    ]);
  });
});

describe('failures and retries', () => {
  it('backs off after network errors, growing with jitter up to 5 minutes, and starts over after a success', async () => {
    const randoms = [0, 0.99, 0.3, 0.6];
    let draw = 0;
    const { engine, outbox, transport, clock } = rig({ random: () => randoms[draw++ % randoms.length]! });
    saveChecks(outbox, 3);
    transport.override = () => Promise.reject(new SyncNetworkError('connection refused'));

    engine.start();
    await settle();
    expect(state(engine)).toMatchObject({ state: 'offline', lastError: { key: 'network' } });
    const delays: number[] = [];
    for (let failure = 1; failure <= 12; failure += 1) {
      const [timer] = clock.timers();
      delays.push(timer!.delayMs);
      expect(state(engine).nextAttemptAt).toBe(timer!.at);
      clock.advance(timer!.delayMs);
      await settle();
    }

    expect(delays[0]).toBe(RETRY_BASE_MS);
    expect(delays[1]).toBeLessThan(2 * RETRY_BASE_MS); // jitter drew 0.99: about half of 4 s
    expect(delays.every((delay) => delay <= RETRY_CAP_MS)).toBe(true);
    expect(Math.max(...delays)).toBeGreaterThan(RETRY_CAP_MS / 2);
    expect(new Set(delays.slice(-4)).size).toBeGreaterThan(1); // capped, yet not all the same
    expect(transport.batches).toHaveLength(13);

    transport.override = null;
    clock.advance(clock.timers()[0]!.delayMs);
    await settle();
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0, lastError: null });

    saveChecks(outbox, 1);
    transport.override = () => Promise.reject(new SyncHttpError(503, 'down for maintenance', null));
    await settle();
    expect(state(engine)).toMatchObject({
      state: 'error',
      lastError: { key: 'server', detail: 'down for maintenance' },
    });
    expect(clock.timers()[0]!.delayMs).toBeLessThanOrEqual(RETRY_BASE_MS);
  });

  it('waits as long as Retry-After asks, up to the cap', async () => {
    const { engine, outbox, transport, clock } = rig();
    saveChecks(outbox, 1);
    transport.override = () => Promise.reject(new SyncHttpError(429, 'too many requests', 90_000));

    await engine.syncNow();

    expect(state(engine)).toMatchObject({ state: 'error', lastError: { key: 'rate-limited' } });
    expect(clock.timers()).toEqual([expect.objectContaining({ delayMs: 90_000 })]);
    expect(retryDelayMs(1, 0, 60 * 60_000)).toBe(RETRY_CAP_MS);
  });

  it('does not let a save bypass the backoff, but an online event does', async () => {
    const network = createFakeNetwork();
    const { engine, outbox, transport, clock } = rig({ network });
    saveChecks(outbox, 1);
    transport.override = () => Promise.reject(new SyncNetworkError('unreachable'));
    engine.start();
    await settle();
    expect(transport.batches).toHaveLength(1);

    engine.trigger();
    saveChecks(outbox, 1);
    await settle();
    expect(transport.batches).toHaveLength(1);

    transport.override = null;
    network.emit('online');
    await settle();
    expect(transport.batches).toHaveLength(2);
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0 });
    expect(clock.timers()).toEqual([expect.objectContaining({ delayMs: IDLE_POLL_MS })]);
  });

  it('stops on 401: unauthorized, no more automatic attempts, local data untouched', async () => {
    const network = createFakeNetwork();
    const { engine, outbox, transport, clock } = rig({ network });
    const saved = saveChecks(outbox, 3);
    transport.override = () => Promise.reject(new SyncUnauthorizedError(401, 'token revoked', null));

    engine.start();
    await settle();
    expect(state(engine)).toMatchObject({
      state: 'unauthorized',
      lastError: { key: 'unauthorized', detail: 'token revoked' },
      nextAttemptAt: null,
    });

    engine.trigger();
    saveChecks(outbox, 1);
    network.emit('online');
    network.emit('visible');
    clock.advance(24 * 60 * 60_000);
    await settle();

    expect(transport.batches).toHaveLength(1);
    expect(clock.timers()).toEqual([]);
    expect(saved.every((check) => outbox.row(check.id)?.syncState === 'pending')).toBe(true);
    expect(state(engine).pending).toBe(4);
  });

  it('says offline without trying when the browser has no network, and runs when it comes back', async () => {
    const network = createFakeNetwork(false);
    const { engine, outbox, transport } = rig({ network });
    saveChecks(outbox, 2);

    engine.start();
    await settle();
    expect(state(engine)).toMatchObject({ state: 'offline', pending: 2 });
    expect(transport.batches).toHaveLength(0);

    network.emit('online');
    await settle();
    expect(transport.batches).toHaveLength(1);
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('reports a failing local database as a storage error and retries', async () => {
    const outbox = createMemoryOutbox();
    const { engine, clock } = rig({
      outbox: { ...outbox, listPending: () => Promise.reject(new Error('QuotaExceededError')) },
    });
    saveChecks(outbox, 1);

    await engine.syncNow();

    expect(state(engine)).toMatchObject({ state: 'error', lastError: { key: 'storage' } });
    expect(clock.timers()).toHaveLength(1);
  });
});

describe('triggers', () => {
  it('starts a run when a check is saved, and when trigger() is called', async () => {
    const { engine, outbox, transport } = rig();
    engine.start();
    await settle();
    expect(transport.batches).toHaveLength(0);

    const [first] = saveChecks(outbox, 1);
    await settle();
    expect(transport.batches.map((batch) => batch.map((check) => check.id))).toEqual([[first!.id]]);

    // A save that the count does not show (an amendment of a pending check, another tab's write): trigger().
    transport.stored.clear();
    const [second] = saveChecks(outbox, 1);
    await settle();
    engine.trigger();
    await settle();
    expect(outbox.row(second!.id)?.syncState).toBe('synced');
    expect(state(engine).pending).toBe(0);
  });

  it('runs again on its idle timer', async () => {
    const { engine, transport, clock } = rig({ policyCache: createMemoryPolicyCache() });
    engine.start();
    await settle();
    expect(transport.policyRequests).toBe(1);

    clock.advance(IDLE_POLL_MS);
    await settle();
    expect(transport.policyRequests).toBe(2);
  });

  it('lets only one of two engines sharing a lock sync at a time; the other looks again later', async () => {
    const lock = createMemoryLock();
    const outbox = createMemoryOutbox();
    const transport = createFakeTransport();
    const tabA = rig({ lock, outbox, transport });
    const tabB = rig({ lock, outbox, transport });
    saveChecks(outbox, 3);
    const release = transport.hold();

    const runA = tabA.engine.syncNow();
    await settle();
    await tabB.engine.syncNow();
    expect(state(tabB.engine)).toMatchObject({ state: 'idle' });
    expect(tabB.clock.timers()).toEqual([expect.objectContaining({ delayMs: LOCK_BUSY_RETRY_MS })]);

    release();
    await runA;
    expect(transport.maxConcurrent).toBe(1);
    expect(transport.batches).toHaveLength(1);

    saveChecks(outbox, 1);
    tabB.clock.advance(LOCK_BUSY_RETRY_MS);
    await tabB.engine.syncNow();
    expect(transport.batches).toHaveLength(2);
    expect(await outbox.countPending()).toBe(0);
  });

  it('stop() clears its timer and every subscription; nothing runs afterwards', async () => {
    const network = createFakeNetwork();
    const { engine, outbox, transport, clock } = rig({ network });
    saveChecks(outbox, 1);
    transport.override = () => Promise.reject(new SyncNetworkError('unreachable'));
    engine.start();
    await settle();
    expect(clock.timers()).toHaveLength(1);
    expect(outbox.observerCount()).toBe(1);
    expect(network.listenerCount()).toBe(1);

    engine.stop();

    expect(clock.timers()).toEqual([]);
    expect(outbox.observerCount()).toBe(0);
    expect(network.listenerCount()).toBe(0);
    expect(state(engine).nextAttemptAt).toBeNull();
    transport.override = null;
    engine.trigger();
    saveChecks(outbox, 1);
    await engine.syncNow();
    clock.advance(RETRY_CAP_MS);
    await settle();
    expect(transport.batches).toHaveLength(1);
  });
});

describe('re-enrollment', () => {
  it('lets a stopped engine finish its request without writing into the status its successor now owns', async () => {
    const status = createSyncStatusStore();
    const outbox = createMemoryOutbox();
    const old = rig({ outbox, status });
    saveChecks(outbox, 2);
    const release = old.transport.hold();
    old.engine.start();
    await settle();
    expect(status.getState()).toMatchObject({ state: 'syncing', progress: { sent: 0, total: 2 } });

    old.engine.stop();
    expect(status.getState()).toMatchObject({ state: 'idle', progress: null, nextAttemptAt: null });
    const before = status.getState();
    release();
    await settle();

    expect(status.getState()).toBe(before);
    expect(old.clock.timers()).toEqual([]);
  });
});

describe('policy', () => {
  it('fetches the policy, caches a new version, and does not ask again before the refresh interval', async () => {
    const policyCache = createMemoryPolicyCache();
    const { engine, transport, clock } = rig({ policyCache });
    const published: Policy = { ...transport.policy, version: 2, feverThresholdC: 37.5 };
    transport.policy = published;

    await engine.syncNow();
    expect(policyCache.value).toEqual(published);

    await engine.syncNow();
    expect(transport.policyRequests).toBe(1);

    clock.advance(POLICY_REFRESH_MS);
    await engine.syncNow();
    expect(transport.policyRequests).toBe(2);
  });

  it('treats a 401 on the policy like one on a batch', async () => {
    const { engine, transport } = rig({ policyCache: createMemoryPolicyCache() });
    const getPolicy = vi.fn(() => Promise.reject(new SyncUnauthorizedError(401, null, null)));
    transport.getPolicy = getPolicy;

    await engine.syncNow();

    expect(state(engine).state).toBe('unauthorized');
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base, never exceeds the cap, and jitter only shortens', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(4, 0.5)).toBe(12_000);
    expect(retryDelayMs(100, 0)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(100, 0.999)).toBeGreaterThan(RETRY_CAP_MS / 2 - 1);
  });
});
