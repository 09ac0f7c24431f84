// The sync-bench page: the app's own outbox (IndexedDB), sync engine and HTTP transport draining a backlog to the
// server that serves this page, timed in a real browser.
import { createCheckRepository } from '../../../src/db/check-repository.ts';
import { openKakouDatabase, type StoredCheck } from '../../../src/db/database.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { localDay } from '../../../src/domain/time.ts';
import type { OutboxPort } from '../../../src/sync/sync-engine.ts';
import { createSyncEngine } from '../../../src/sync/sync-engine.ts';
import { createHttpTransport, type Transport } from '../../../src/sync/transport.ts';
import type { RunSyncBench, SyncBenchResult } from './sync-bench-api.ts';

const TIME_ZONE = 'Asia/Shanghai';
let runSerial = 0;

const runSyncBench: RunSyncBench = async (request) => {
  runSerial += 1;
  // Strict durability, as the app opens its database: acknowledgements are written as the app writes them.
  const db = openKakouDatabase({ name: `kakou-sync-bench-${runSerial}` });
  // As the app wires it (src/db/db-instance.ts): acknowledgements through a relaxed connection.
  const checks = createCheckRepository(db, {
    acknowledgeWith: openKakouDatabase({ name: `kakou-sync-bench-${runSerial}`, durability: 'relaxed' }),
  });
  try {
    // The backlog in one transaction, rows as saveCompleted writes them (one strict save each would take a
    // minute of setup); the outbox's auto-increment keeps them in order.
    const queueStartMs = performance.now();
    const now = Date.now();
    const rows: StoredCheck[] = Array.from({ length: request.checks }, () => {
      const check = makeVehicleCheck({
        id: crypto.randomUUID(),
        checkpointId: request.checkpointId,
        deviceId: request.deviceId,
      });
      return {
        id: check.id,
        rev: check.rev,
        day: localDay(check.completedAt, TIME_ZONE),
        completedAt: check.completedAt,
        savedAt: now,
        syncState: 'pending',
        syncedAt: null,
        rejectReason: null,
        check,
      };
    });
    await db.transaction('rw', [db.checks, db.outbox], async () => {
      await db.checks.bulkAdd(rows);
      await db.outbox.bulkAdd(rows.map((row) => ({ checkId: row.id, rev: row.rev, queuedAt: now })));
    });
    const queueMs = performance.now() - queueStartMs;
    if ((await checks.countPending()) !== request.checks) throw new Error('the backlog was not queued');

    let requests = 0;
    const spentMs: SyncBenchResult['spentMs'] = { postBatch: 0, listPending: 0, markSynced: 0, countPending: 0 };
    const clocked = <T>(key: keyof SyncBenchResult['spentMs'], work: Promise<T>): Promise<T> => {
      const startMs = performance.now();
      return work.finally(() => {
        spentMs[key] += performance.now() - startMs;
      });
    };
    const http = createHttpTransport({ baseUrl: location.origin, token: request.token });
    const transport: Transport = {
      postBatch(batch) {
        requests += 1;
        return clocked('postBatch', http.postBatch(batch));
      },
      getPolicy: () => http.getPolicy(),
    };
    // For the naive baseline (checksPerRequest 1) the same engine reads its outbox one check at a time, so each
    // request carries one check and each acknowledgement is its own transaction.
    const outbox: OutboxPort = {
      ...checks,
      listPending: (limit) => clocked('listPending', checks.listPending(Math.min(limit, request.checksPerRequest))),
      markSynced: (acks, at) => clocked('markSynced', checks.markSynced(acks, at)),
      countPending: () => clocked('countPending', checks.countPending()),
    };
    const engine = createSyncEngine({
      outbox,
      transport,
      clock: {
        now: () => Date.now(),
        setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
        clearTimeout: (handle) => {
          window.clearTimeout(handle);
        },
      },
      random: Math.random,
    });
    const syncStartMs = performance.now();
    await engine.syncNow();
    const syncMs = performance.now() - syncStartMs;
    const status = engine.status.getState();
    engine.stop();
    if (status.state !== 'idle') throw new Error(`sync ended ${status.state}: ${JSON.stringify(status.lastError)}`);
    return { queueMs, syncMs, requests, spentMs, pendingAfter: await checks.countPending() };
  } finally {
    await db.delete();
  }
};

window.runSyncBench = runSyncBench;
document.body.dataset['ready'] = 'true';
