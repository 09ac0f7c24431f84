// Figures 5 and 6: a tablet draining a backlog of 10,000 checks to the server over loopback — the app's IndexedDB
// outbox, sync engine and HTTP transport in headless Chromium, the real server on SQLite — beside the same engine
// sending one check per request.
import { join } from 'node:path';
import { build } from 'vite';
import { SYNC_BATCH_MAX } from '../src/contract/vehicle-check.ts';
import { startBenchServer, type BenchServer } from './bench-server.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import type { SyncBenchRequest, SyncBenchResult } from './pages/sync-bench/sync-bench-api.ts';
import { launchDiskBackedContext, type DiskBackedBrowser } from './persistent-context.ts';
import { moduleAliases } from '../scripts/module-aliases.ts';

const SYNC_MEASUREMENT = {
  id: '5',
  title: 'Sync 10,000 queued checks, tablet (Chromium, IndexedDB) → server (SQLite) over loopback',
  goal: { max: 5000, unit: 'ms' },
} as const;
const SPEED_UP_MEASUREMENT = {
  id: '6',
  title: 'Batched sync (500 a request) vs one check per request, per check',
  goal: { min: 20, unit: '×' },
} as const;

const BACKLOG_CHECKS = 10_000;
/** One check per request is slow enough that a tenth of the backlog tells its per-check cost. */
const ONE_PER_REQUEST_CHECKS = 1_000;
// A first small sync pays for the JIT, the server's prepared statements and the connection: not part of a drain.
const WARM_UP_CHECKS = 500;
const PAGE_READY_TIMEOUT_MS = 15_000;

async function buildSyncPage(repoRoot: string): Promise<string> {
  const outDir = join(repoRoot, '.tmp', 'bench-sync-dist');
  await build({
    configFile: false,
    root: join(repoRoot, 'bench', 'pages', 'sync-bench'),
    base: './',
    logLevel: 'warn',
    // Dexie as the app ships it (ADR 043).
    resolve: { alias: moduleAliases(repoRoot) },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

export async function measureSyncThroughput(repoRoot: string): Promise<MeasurementResult[]> {
  let server: BenchServer | null = null;
  let browser: DiskBackedBrowser | null = null;
  try {
    // The page is served by the server it syncs to, as the PWA is: same origin, no CORS, the server's own CSP.
    server = await startBenchServer({ repoRoot, kind: 'sqlite', distDir: await buildSyncPage(repoRoot) });
    browser = await launchDiskBackedContext(repoRoot);
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: PAGE_READY_TIMEOUT_MS });

    const device = server;
    const run = async (checks: number, checksPerRequest: number): Promise<SyncBenchResult> => {
      const request: SyncBenchRequest = {
        checks,
        checksPerRequest,
        checkpointId: device.checkpointId,
        deviceId: device.deviceId,
        token: device.token,
      };
      const result = await page.evaluate((r) => window.runSyncBench(r), request);
      if (result.pendingAfter !== 0) throw new Error(`${result.pendingAfter} checks still pending after the sync`);
      return result;
    };

    await run(WARM_UP_CHECKS, SYNC_BATCH_MAX);
    await run(WARM_UP_CHECKS / 10, 1);
    const batched = await run(BACKLOG_CHECKS, SYNC_BATCH_MAX);
    const single = await run(ONE_PER_REQUEST_CHECKS, 1);

    const sent = WARM_UP_CHECKS + WARM_UP_CHECKS / 10 + BACKLOG_CHECKS + ONE_PER_REQUEST_CHECKS;
    const stored = await server.store.vehicleChecks.count(server.checkpointId);
    if (stored !== sent) throw new Error(`the server holds ${stored} checks, ${sent} were synced`);

    const singleExtrapolatedMs = (single.syncMs / ONE_PER_REQUEST_CHECKS) * BACKLOG_CHECKS;
    const batchedPerCheckMs = batched.syncMs / BACKLOG_CHECKS;
    const singlePerCheckMs = single.syncMs / ONE_PER_REQUEST_CHECKS;
    const speedUp = singlePerCheckMs / batchedPerCheckMs;
    const setting = `headless Chromium (real IndexedDB, profile on disk, strict durability as the app opens it) on a page served by the server, the app's createCheckRepository + createSyncEngine + createHttpTransport; server = buildApp over ${server.describe}, in the bench's Node process; one sync run (engine.syncNow()) timed from call to resolve, i.e. every check sent, acknowledged and marked synced`;
    return [
      {
        ...SYNC_MEASUREMENT,
        status: 'measured',
        figure: {
          label: `${BACKLOG_CHECKS.toLocaleString('en-US')} checks, ${batched.requests} requests`,
          value: batched.syncMs,
          unit: 'ms',
        },
        baselines: [
          {
            label: `one check per request, ${ONE_PER_REQUEST_CHECKS.toLocaleString('en-US')} synced, ×${BACKLOG_CHECKS / ONE_PER_REQUEST_CHECKS} for ${BACKLOG_CHECKS.toLocaleString('en-US')}`,
            value: singleExtrapolatedMs,
            unit: 'ms',
          },
        ],
        details: [
          {
            label: 'queueing the 10,000-check backlog (setup, one transaction, not timed in the figure)',
            value: batched.queueMs,
            unit: 'ms',
          },
          {
            label: `one check per request, ${ONE_PER_REQUEST_CHECKS.toLocaleString('en-US')} checks measured`,
            value: single.syncMs,
            unit: 'ms',
          },
          // Where the batched drain's time went, so a slow figure points at its cause.
          {
            label: 'of the batched drain: in transport.postBatch (HTTP round trips, server ingest included)',
            value: batched.spentMs.postBatch,
            unit: 'ms',
          },
          {
            label: 'of the batched drain: in outbox.markSynced (IndexedDB)',
            value: batched.spentMs.markSynced,
            unit: 'ms',
          },
          {
            label: 'of the batched drain: in outbox.listPending (IndexedDB)',
            value: batched.spentMs.listPending,
            unit: 'ms',
          },
          {
            label: 'of the batched drain: in outbox.countPending (IndexedDB)',
            value: batched.spentMs.countPending,
            unit: 'ms',
          },
        ],
        notes: [
          setting,
          `after a warm-up sync of ${WARM_UP_CHECKS} checks batched and ${WARM_UP_CHECKS / 10} one per request; the baseline is the same engine whose outbox hands it one check at a time (one request and one acknowledging transaction per check)`,
        ],
      },
      {
        ...SPEED_UP_MEASUREMENT,
        status: 'measured',
        figure: { label: 'per-check time, one per request ÷ batched', value: speedUp, unit: '×' },
        baselines: [],
        details: [
          { label: 'batched, per check', value: batchedPerCheckMs, unit: 'ms' },
          { label: 'one per request, per check', value: singlePerCheckMs, unit: 'ms' },
        ],
        notes: [
          `from the runs of figure 5: ${BACKLOG_CHECKS.toLocaleString('en-US')} checks batched, ${ONE_PER_REQUEST_CHECKS.toLocaleString('en-US')} one per request`,
        ],
      },
    ];
  } catch (e) {
    return [notMeasured(SYNC_MEASUREMENT, e), notMeasured(SPEED_UP_MEASUREMENT, e)];
  } finally {
    await browser?.close();
    await server?.close();
  }
}
