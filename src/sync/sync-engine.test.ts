import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_BATCH_MAX } from '../contract/vehicle-check.ts';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import type { Policy } from '../domain/policy.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import {
  IDLE_POLL_MS,
  LOCK_BUSY_RETRY_MS,
  PARK_AFTER_5XX_STRIKES,
  POLICY_REFRESH_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  SPLIT_5XX_ANSWERS_BEFORE_OUTAGE,
  SPLIT_AFTER_5XX_ANSWERS,
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

/** Lets a whole run finish, however many requests it makes: the fake ports never leave the microtask queue. */
async function settleRun(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** Fires the engine's timers one after another, letting each run finish, until `done` holds (or `maxRuns`). */
async function runTimersUntil(clock: FakeClock, done: () => boolean, maxRuns = 50): Promise<number> {
  let runs = 0;
  while (!done() && runs < maxRuns) {
    const [next] = clock.timers();
    if (!next) break;
    clock.advance(next.delayMs);
    await settleRun();
    runs += 1;
  }
  return runs;
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
    await settleRun();
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

describe('a check the server keeps failing on (ADR 028)', () => {
  const SERVER_WORDS = 'cannot store check: value too long for column plate';

  /** The real-ish server, except that any batch holding one of `poison` is answered 500 with these words. */
  function failOn(transport: FakeTransport, poison: ReadonlySet<string>, detail = SERVER_WORDS): FakeTransport {
    const server = createFakeTransport();
    transport.override = (checks) =>
      checks.some((check) => poison.has(check.id))
        ? Promise.reject(new SyncHttpError(500, detail, null))
        : server.postBatch(checks);
    return server;
  }

  const holding = (batch: readonly VehicleCheck[], id: string) => batch.some((check) => check.id === id);

  it('parks the one check every batch with it fails on, sends the 1,199 others, and then reports a success', async () => {
    const { engine, outbox, transport, clock } = rig();
    const saved = saveChecks(outbox, 1_200);
    const poison = saved[700]!;
    const server = failOn(transport, new Set([poison.id]));
    const aloneAt: number[] = [];
    const post = transport.postBatch.bind(transport);
    transport.postBatch = (checks) => {
      if (checks.length === 1 && checks[0]!.id === poison.id) aloneAt.push(clock.now());
      return post(checks);
    };

    engine.start();
    await settleRun();
    await runTimersUntil(clock, () => outbox.row(poison.id)?.syncState === 'rejected');

    expect(outbox.row(poison.id)).toMatchObject({
      syncState: 'rejected',
      rejectReason: SERVER_WORDS,
      rejectCode: null,
      parkedAt: expect.any(Number) as number,
    });
    const others = saved.filter((check) => check !== poison);
    expect(others.every((check) => outbox.row(check.id)?.syncState === 'synced')).toBe(true);
    expect(others.every((check) => server.stored.get(check.id) === check.rev)).toBe(true);
    expect(server.stored.has(poison.id)).toBe(false);
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(clock.timers()).toEqual([expect.objectContaining({ delayMs: IDLE_POLL_MS })]);

    // The batch with it failed three times whole before the split, never more.
    const whole = transport.batches.filter((batch) => batch.length === SYNC_BATCH_MAX && holding(batch, poison.id));
    expect(whole).toHaveLength(SPLIT_AFTER_5XX_ANSWERS);
    // Alone three times, each after a backoff: not three requests in the same second.
    expect(aloneAt).toHaveLength(PARK_AFTER_5XX_STRIKES);
    expect(aloneAt[1]! - aloneAt[0]!).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(aloneAt[2]! - aloneAt[1]!).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    // Found by halving: a few dozen requests, not one per check.
    expect(transport.batches.length).toBeLessThan(40);
  });

  it('finds two bad checks in different halves of a batch and parks both', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 300);
    const bad = [saved[10]!, saved[250]!];
    failOn(transport, new Set(bad.map((check) => check.id)));

    for (let run = 0; run < 8 && bad.some((check) => outbox.row(check.id)?.syncState !== 'rejected'); run += 1) {
      await engine.syncNow();
    }

    for (const check of bad) expect(outbox.row(check.id)).toMatchObject({ syncState: 'rejected', rejectCode: null });
    expect(saved.filter((check) => !bad.includes(check)).every((c) => outbox.row(c.id)?.syncState === 'synced')).toBe(
      true,
    );
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('parks nothing while the server fails every batch, and sends everything once it is back', async () => {
    const { engine, outbox, transport, clock } = rig();
    const saved = saveChecks(outbox, 1_200);
    transport.override = () => Promise.reject(new SyncHttpError(500, 'database is locked', null));

    engine.start();
    await settleRun();
    const attempts = await runTimersUntil(clock, () => false, 15);

    expect(attempts).toBe(15);
    expect(saved.every((check) => outbox.row(check.id)?.syncState === 'pending')).toBe(true);
    expect(state(engine)).toMatchObject({
      state: 'error',
      pending: 1_200,
      lastError: { detail: 'database is locked' },
    });
    // Each attempt costs the batch and at most the first rounds of halving, never a walk down to single checks.
    expect(transport.batches.length).toBeLessThanOrEqual(16 * (1 + SPLIT_5XX_ANSWERS_BEFORE_OUTAGE));
    expect(transport.batches.every((batch) => batch.length > 1)).toBe(true);

    transport.override = null;
    await runTimersUntil(clock, () => state(engine).pending === 0);
    expect(saved.every((check) => outbox.row(check.id)?.syncState === 'synced')).toBe(true);
  });

  it('parks nothing when the server goes down after it took checks, even with only two checks left', async () => {
    const { engine, outbox, transport } = rig();
    saveChecks(outbox, 5);
    await engine.syncNow();
    const [first, second] = saveChecks(outbox, 2);
    transport.override = () => Promise.reject(new SyncHttpError(502, 'bad gateway', null));

    // Well past every threshold: the split reaches single checks, and the resent control check fails too.
    for (let run = 0; run < 12; run += 1) await engine.syncNow();

    expect(outbox.row(first!.id)?.syncState).toBe('pending');
    expect(outbox.row(second!.id)?.syncState).toBe('pending');
    expect(transport.batches.some((batch) => batch.length === 1 && batch[0]!.id === first!.id)).toBe(true);
    expect(state(engine)).toMatchObject({ state: 'error', pending: 2 });
  });

  it('counts a failure of the check alone only when the server takes another check after it', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 40);
    const poison = saved[3]!;
    failOn(transport, new Set([poison.id]));
    // Three whole-batch failures, then the split finds it: its first strike.
    for (let run = 0; run < SPLIT_AFTER_5XX_ANSWERS; run += 1) await engine.syncNow();
    expect(outbox.row(poison.id)?.syncState).toBe('pending');
    expect(state(engine).pending).toBe(1);

    // Then the server fails for everyone, many times: no strike, no parking.
    transport.override = () => Promise.reject(new SyncHttpError(500, 'disk full', null));
    for (let run = 0; run < 10; run += 1) await engine.syncNow();
    expect(outbox.row(poison.id)?.syncState).toBe('pending');

    // Back for everyone but this check: two more strikes and it is parked, with the server's latest words.
    failOn(transport, new Set([poison.id]), 'still cannot store it');
    await engine.syncNow();
    expect(outbox.row(poison.id)?.syncState).toBe('pending');
    await engine.syncNow();
    expect(outbox.row(poison.id)).toMatchObject({ syncState: 'rejected', rejectReason: 'still cannot store it' });
    expect(state(engine)).toMatchObject({ state: 'idle', lastError: null });
  });

  it('never parks a check whose batches get 429 or 503 with Retry-After, and waits as long as asked', async () => {
    for (const status of [429, 503]) {
      const { engine, outbox, transport, clock } = rig();
      const saved = saveChecks(outbox, 600);
      transport.override = () => Promise.reject(new SyncHttpError(status, 'slow down', 30_000));

      engine.start();
      await settleRun();
      const delays: number[] = [];
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const [next] = clock.timers();
        delays.push(next!.delayMs);
        clock.advance(next!.delayMs);
        await settleRun();
      }

      expect(delays.every((delay) => delay >= 30_000)).toBe(true);
      // Never split: every attempt is the full batch from the head.
      expect(transport.batches.map((batch) => batch.length)).toEqual(Array.from({ length: 11 }, () => SYNC_BATCH_MAX));
      expect(saved.every((check) => outbox.row(check.id)?.syncState === 'pending')).toBe(true);
      engine.stop();
    }
  });

  it('does not count a 429 between two 5xx toward the split, nor let it break the count', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 20);
    const poison = saved[0]!;
    const server = failOn(transport, new Set([poison.id]));
    const answers = [500, 429, 429, 500, 429, 500];
    const failing = transport.override!;
    transport.override = (checks) => {
      const status = answers.shift();
      if (status === 429) return Promise.reject(new SyncHttpError(429, 'too many requests', 1_000));
      return failing(checks);
    };

    const sizes = async () => {
      await engine.syncNow();
      return transport.batches.at(-1)!.length;
    };
    expect([await sizes(), await sizes(), await sizes(), await sizes(), await sizes()]).toEqual([20, 20, 20, 20, 20]);
    expect(transport.batches).toHaveLength(5);

    // The third 500 for this head: split at once, in the same run.
    await engine.syncNow();
    expect(transport.batches.length).toBeGreaterThan(6);
    expect(saved.slice(1).every((check) => server.stored.has(check.id))).toBe(true);
    expect(outbox.row(poison.id)?.syncState).toBe('pending');
  });

  it('sends a parked check again when the officer retries it, and parks it again only by the same rule', async () => {
    const { engine, outbox, transport, clock } = rig();
    const saved = saveChecks(outbox, 30);
    const poison = saved[12]!;
    const server = failOn(transport, new Set([poison.id]));
    for (let run = 0; run < 6 && outbox.row(poison.id)?.syncState !== 'rejected'; run += 1) await engine.syncNow();
    expect(outbox.row(poison.id)?.parkedAt).not.toBeNull();
    engine.start();
    await settleRun();
    const requests = transport.batches.length;

    // Still failing: retried, it is alone in the queue; the resent control proves the server takes checks.
    expect(await outbox.retryParked([poison.id], clock.now())).toBe(1);
    await settleRun();
    expect(transport.batches.length).toBe(requests + 1);
    await runTimersUntil(clock, () => outbox.row(poison.id)?.syncState === 'rejected');
    expect(outbox.row(poison.id)).toMatchObject({ syncState: 'rejected', rejectReason: SERVER_WORDS });
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0 });

    // Fixed on the server: the retry goes out at once (the save-like rise of the pending count) and is synced.
    transport.override = (checks) => server.postBatch(checks);
    await outbox.retryParked([poison.id], clock.now());
    await settleRun();
    expect(outbox.row(poison.id)).toMatchObject({ syncState: 'synced', parkedAt: null });
    expect(server.stored.get(poison.id)).toBe(poison.rev);
  });

  it('starts afresh with an amendment of a check it suspects', async () => {
    const { engine, outbox, transport } = rig();
    const saved = saveChecks(outbox, 10);
    const poison = saved[0]!;
    const server = failOn(transport, new Set([poison.id]));
    for (let run = 0; run < SPLIT_AFTER_5XX_ANSWERS + 1; run += 1) await engine.syncNow();
    expect(outbox.row(poison.id)?.syncState).toBe('pending');

    // The officer corrects it; the server takes the new rev.
    transport.override = (checks) => server.postBatch(checks);
    outbox.save({ ...poison, rev: 2, notes: 'plate corrected' });
    await engine.syncNow();

    expect(outbox.row(poison.id)).toMatchObject({ rev: 2, syncState: 'synced' });
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });
});

describe('Retry-After', () => {
  it('is not cut short by a new network: the retry comes when the server asked', async () => {
    const network = createFakeNetwork();
    const { engine, outbox, transport, clock } = rig({ network });
    saveChecks(outbox, 3);
    transport.override = () => Promise.reject(new SyncHttpError(429, 'per-device limit', 90_000));
    engine.start();
    await settleRun();
    expect(transport.batches).toHaveLength(1);
    expect(state(engine)).toMatchObject({ state: 'error', lastError: { key: 'rate-limited' } });

    transport.override = null;
    clock.advance(10_000);
    network.emit('offline');
    network.emit('online');
    network.emit('visible');
    saveChecks(outbox, 1);
    await settleRun();
    expect(transport.batches).toHaveLength(1);
    expect(clock.timers()).toEqual([expect.objectContaining({ at: clock.now() + 80_000 })]);

    clock.advance(80_000);
    await settleRun();
    expect(transport.batches).toHaveLength(2);
    expect(state(engine)).toMatchObject({ state: 'idle', pending: 0 });

    // Over: a save goes out at once again.
    saveChecks(outbox, 1);
    await settleRun();
    expect(transport.batches).toHaveLength(3);
  });
});
