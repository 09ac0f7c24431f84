// Exactly once through a hostile network: a tablet drains 1,500 checks, amended while they sync, through a proxy
// that drops, delays, fails and cuts answers after the server committed, into the real server on SQLite and PostgreSQL.
import type { IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleCheck } from '../../src/domain/vehicle-check.ts';
import { openTestStore, STORE_KINDS, type OpenedTestStore } from '../support/server/store/stores.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.ts';
import {
  createTestTablet,
  fastClock,
  listenOnLoopback,
  registerDevice,
  serverHoldings,
  waitUntil,
  type ListeningServer,
} from '../support/sync-harness.ts';

const QUEUED_CHECKS = 1_500;
/** Saved while the first batches are on the wire: checks the engine has not seen when its run starts. */
const SAVED_MID_SYNC = 100;
/** The engine's backoff (2 s doubling to 5 min) runs this much faster, so a dozen retries take well under a second. */
const CLOCK_SPEEDUP = 200;
const DRAIN_TIMEOUT_MS = 40_000;

/**
 * Batch uploads meet these in turn, so every kind happens several times and two of every three requests fail.
 * A 'cut-after-commit' makes the tablet resend a batch the server already stored.
 */
const BATCH_FAULTS: readonly Fault[] = [
  { kind: 'cut-after-commit' },
  { kind: 'drop' },
  { kind: 'pass' },
  { kind: 'error-500' },
  { kind: 'cut-after-commit' },
  { kind: 'delay', ms: 40 },
  { kind: 'drop' },
  { kind: 'delay', ms: 15 },
];

function planFaults(): (n: number, req: IncomingMessage) => Fault {
  let batchRequests = 0;
  return (_n, req) => {
    // The policy GET goes through untouched: the engine tolerates losing it, and the faults are about the outbox.
    if (req.method !== 'POST') return { kind: 'pass' };
    const fault = BATCH_FAULTS[batchRequests % BATCH_FAULTS.length] ?? { kind: 'pass' };
    batchRequests += 1;
    return fault;
  };
}

describe.each(STORE_KINDS)('a tablet syncing through a faulty network to the server on %s', (kind) => {
  let opened: OpenedTestStore;
  let server: ListeningServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    opened = await openTestStore(kind);
    server = await listenOnLoopback(opened.store);
    proxy = await startFaultProxy(server.url, planFaults());
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
    await opened.dispose();
  });

  it('ends with exactly the tablet checks on the server, each once at its latest rev, none pending or rejected', async () => {
    const { store } = opened;
    const device = await registerDevice(store);
    const tablet = await createTestTablet(device, proxy.url);
    try {
      await tablet.queue(QUEUED_CHECKS);

      // Amendments in three waves, each just before a batch goes out, so they meet every state a check can be in:
      // acknowledged already, in the batch on the wire, still queued, and amended twice.
      const waves: string[] = [];
      let amendedOnce: string[] = [];
      const acknowledged = () => new Set(transport.results.filter((r) => r.status !== 'rejected').map((r) => r.id));
      const beforePost = async (batch: readonly VehicleCheck[]) => {
        const acked = acknowledged();
        if (waves.length === 0 && acked.size > 0) {
          for (const check of batch.slice(0, 25)) await tablet.amend(check.id);
          amendedOnce = [...acked].slice(0, 100);
          for (const id of amendedOnce) await tablet.amend(id);
          waves.push('in flight + acknowledged');
        } else if (waves.length === 1 && acked.size >= 1_000) {
          for (const id of amendedOnce.slice(0, 50)) await tablet.amend(id);
          for (const id of [...tablet.latest.keys()].slice(-60)) await tablet.amend(id);
          await tablet.queue(SAVED_MID_SYNC);
          waves.push('amended twice + queued + new');
        } else if (waves.length === 2) {
          for (const check of batch.slice(-25)) await tablet.amend(check.id);
          waves.push('in flight again');
        }
      };
      const { engine, transport } = tablet.engine({ baseUrl: proxy.url, clock: fastClock(CLOCK_SPEEDUP), beforePost });

      engine.start();
      await waitUntil(async () => waves.length === 3 && (await tablet.checks.countPending()) === 0, {
        timeoutMs: DRAIN_TIMEOUT_MS,
        describe: async () =>
          `${await tablet.checks.countPending()} pending after ${transport.posts} posts, waves ${waves.join(', ')}, ` +
          `status ${JSON.stringify(engine.status.getState())}, faults ${JSON.stringify(proxy.seen)}`,
      });
      engine.stop();

      // Every fault really happened, and the server really saw resends and amendments.
      for (const fault of ['drop', 'delay', 'error-500', 'cut-after-commit', 'pass'] as const) {
        expect(proxy.seen[fault], fault).toBeGreaterThan(0);
      }
      const statuses = new Set(transport.results.map((r) => r.status));
      expect(statuses).toContain('created');
      expect(statuses).toContain('updated');
      expect(statuses).toContain('duplicate');
      expect(statuses).not.toContain('rejected');

      const expected = tablet.latest;
      expect(expected.size).toBe(QUEUED_CHECKS + SAVED_MID_SYNC);
      expect([...expected.values()].some((check) => check.rev === 3)).toBe(true);

      const held = await serverHoldings(store, device.checkpointId);
      const heldIds = held.map((check) => check.id);
      expect(new Set(heldIds).size).toBe(held.length);
      expect(held.length).toBe(expected.size);
      expect(await store.vehicleChecks.count(device.checkpointId)).toBe(expected.size);
      const wrong = held.filter((check) => !isDeepStrictEqual(check, expected.get(check.id)));
      expect(wrong.map((check) => `${check.id} rev ${check.rev} (tablet: rev ${expected.get(check.id)?.rev})`)).toEqual(
        [],
      );

      expect(await tablet.checks.countPending()).toBe(0);
      expect(await tablet.checks.listRejected()).toEqual([]);
      // Through the repository: it reports the state the tablet shows (acknowledgements are kept apart from the rows).
      const tabletIds = await tablet.db.checks.toCollection().primaryKeys();
      const tabletRows = await Promise.all(tabletIds.map((id) => tablet.checks.get(id)));
      expect(tabletRows.filter((row) => row?.syncState !== 'synced' || row.rev !== expected.get(row.id)?.rev)).toEqual(
        [],
      );
    } finally {
      await tablet.dispose();
    }
  });
});
