// One bad check never stalls a tablet (ADR 028). A tablet holds 1,200 pending checks; a proxy in front of the real
// server (SQLite and PostgreSQL) answers 500 with a problem detail to every batch that carries one of them. The other
// 1,199 end on the server once each, the one is parked with the server's words, and the officer's retry sends it once
// the fault is gone. A server failing every batch parks nothing.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParked } from '../../src/db/check-repository.ts';
import type { VehicleCheck } from '../../src/domain/vehicle-check.ts';
import type { Store } from '../../src/server/store/create-store.ts';
import { PARK_AFTER_5XX_STRIKES, SPLIT_AFTER_5XX_ANSWERS } from '../../src/sync/sync-engine.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { openTestStore, STORE_KINDS, type OpenedTestStore } from '../support/server/store/stores.ts';
import { createFakeClock } from '../support/sync/fake-ports.ts';
import {
  createTestTablet,
  listenOnLoopback,
  registerDevice,
  serverHoldings,
  type ListeningServer,
  type RegisteredDevice,
} from '../support/sync-harness.ts';

const QUEUED_CHECKS = 1_200;
/** In the second batch: the first goes through before anything fails. */
const POISON_AT = 700;
const SERVER_WORDS = 'cannot store check: value too long for column plate';
/**
 * Runs the engine gets to park the check: the whole batch fails SPLIT_AFTER_5XX_ANSWERS times (the last run splits
 * it: the first strike), then one run per further strike. Twice that, so a slower path fails on what it parked, not
 * on the count.
 */
const RUNS_TO_PARK = 2 * (SPLIT_AFTER_5XX_ANSWERS + PARK_AFTER_5XX_STRIKES - 1);
/** Halving a batch of 500 to one check costs about two requests per halving: a few dozen in all, not one per check. */
const REQUESTS_TO_PARK_MAX = 60;
const OUTAGE_CHECKS = 30;
/**
 * Saving 1,200 checks one transaction each on fake-indexeddb takes 10–15 s of a shared 2-core machine, the sync
 * about 5 s: room for a machine twice as busy.
 */
const BACKLOG_TEST_TIMEOUT_MS = 120_000;
const OUTAGE_RUNS = 12;

/** What the proxy fails: batches carrying one of these ids, or every batch. */
let failingIds = new Set<string>();
let failEveryBatch = false;

function planFaults(_n: number, req: { method?: string | undefined }, body: Buffer | null) {
  // The policy GET and anything else go through: the faults are about batches.
  if (req.method !== 'POST' || body === null) return { kind: 'pass' } as const;
  if (failEveryBatch) return { kind: 'error-500' } as const;
  for (const id of failingIds) if (body.includes(id)) return { kind: 'error-500', detail: SERVER_WORDS } as const;
  return { kind: 'pass' } as const;
}

/** The server holds exactly these checks of the device's checkpoint, each once, as the tablet saved them. */
async function expectHeldOnce(store: Store, device: RegisteredDevice, expected: readonly VehicleCheck[]) {
  const held = await serverHoldings(store, device.checkpointId);
  const heldIds = held.map((check) => check.id);
  expect(new Set(heldIds).size).toBe(held.length);
  expect(held.length).toBe(expected.length);
  expect(await store.vehicleChecks.count(device.checkpointId)).toBe(expected.length);
  const byId = new Map(expected.map((check) => [check.id, check]));
  expect(held.filter((check) => !isDeepStrictEqual(check, byId.get(check.id))).map((check) => check.id)).toEqual([]);
}

describe.each(STORE_KINDS)('a check the server keeps failing on, on %s', (kind) => {
  let opened: OpenedTestStore;
  let server: ListeningServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    opened = await openTestStore(kind);
    server = await listenOnLoopback(opened.store);
    proxy = await startFaultProxy(server.url, planFaults, { readBody: true });
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
    await opened.dispose();
  });

  it(
    'is parked with the server’s words while the 1,199 others are stored once; the retry sends it once fixed',
    async () => {
      const { store } = opened;
      const device = await registerDevice(store);
      const tablet = await createTestTablet(device, proxy.url);
      try {
        const saved = await tablet.queue(QUEUED_CHECKS);
        const poison = saved[POISON_AT]!;
        const others = saved.filter((check) => check !== poison);
        failingIds = new Set([poison.id]);
        failEveryBatch = false;
        // The fake clock fires nothing by itself: each run is an explicit syncNow, as the officer's button does.
        const { engine, transport } = tablet.engine({ baseUrl: proxy.url, clock: createFakeClock(Date.now()) });

        const parked = async () => {
          const row = await tablet.checks.get(poison.id);
          return row !== undefined && isParked(row);
        };
        for (let run = 0; run < RUNS_TO_PARK && !(await parked()); run += 1) await engine.syncNow();

        expect(await tablet.checks.get(poison.id)).toMatchObject({
          syncState: 'rejected',
          rejectReason: SERVER_WORDS,
          rejectCode: null,
          check: poison,
        });
        expect((await tablet.checks.listRejected()).map((row) => [row.id, row.rejectReason])).toEqual([
          [poison.id, SERVER_WORDS],
        ]);
        expect(await tablet.checks.countPending()).toBe(0);
        expect(engine.status.getState()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
        await expectHeldOnce(store, device, others);
        expect(proxy.seen['error-500']).toBeGreaterThan(0);
        expect(transport.posts).toBeLessThan(REQUESTS_TO_PARK_MAX);
        // Parked stays parked: a later run does not send it.
        const posts = transport.posts;
        await engine.syncNow();
        expect(transport.posts).toBe(posts);

        // The server is fixed; the officer presses 重试 on the refused-checks screen.
        failingIds = new Set();
        expect(await tablet.checks.retryParked([poison.id], Date.now())).toBe(1);
        await engine.syncNow();

        await expectHeldOnce(store, device, saved);
        expect(await tablet.checks.get(poison.id)).toMatchObject({ syncState: 'synced', parkedAt: null });
        expect(await tablet.checks.listRejected()).toEqual([]);
        expect(await tablet.checks.countPending()).toBe(0);
        engine.stop();
      } finally {
        await tablet.dispose();
      }
    },
    BACKLOG_TEST_TIMEOUT_MS,
  );

  it('parks nothing while every batch fails, even after the server took checks, and sends everything once back', async () => {
    const { store } = opened;
    const device = await registerDevice(store);
    const tablet = await createTestTablet(device, proxy.url);
    try {
      failingIds = new Set();
      failEveryBatch = false;
      const { engine } = tablet.engine({ baseUrl: proxy.url, clock: createFakeClock(Date.now()) });
      const before = await tablet.queue(5);
      await engine.syncNow();

      const during = await tablet.queue(OUTAGE_CHECKS);
      failEveryBatch = true;
      for (let run = 0; run < OUTAGE_RUNS; run += 1) await engine.syncNow();

      expect(await tablet.checks.listRejected()).toEqual([]);
      expect(await tablet.checks.countPending()).toBe(OUTAGE_CHECKS);
      expect(engine.status.getState()).toMatchObject({ state: 'error', lastError: { key: 'server' } });

      failEveryBatch = false;
      await engine.syncNow();
      await expectHeldOnce(store, device, [...before, ...during]);
      expect(await tablet.checks.countPending()).toBe(0);
      engine.stop();
    } finally {
      await tablet.dispose();
    }
  });
});
