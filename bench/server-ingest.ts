// Figures 7 and 8: how many checks a second the server takes in through POST /api/v1/vehicle-checks/batch, on
// SQLite and on PostgreSQL, beside the database's own fastest insert of the same rows into the same store.
import { SYNC_BATCH_MAX } from '../src/contract/vehicle-check.ts';
import type { VehicleCheck } from '../src/domain/vehicle-check.ts';
import type { StoreDialect } from '../src/server/store/store-context.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../tests/support/server/store/checks.ts';
import { BENCH_TIME_ZONE, startBenchServer, type BenchServer } from './bench-server.ts';
import { openDriverInsert, rowsOfChecks, type DriverInsert } from './driver-insert.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import { median, percentile } from './stats.ts';

const MEASUREMENTS: Record<StoreDialect, { id: string; title: string; goal: { min: number; unit: 'checks/s' } }> = {
  sqlite: { id: '7', title: 'Server ingest over HTTP, SQLite, batches of 500', goal: { min: 5000, unit: 'checks/s' } },
  postgres: {
    id: '8',
    title: 'Server ingest over HTTP, PostgreSQL, batches of 500',
    goal: { min: 5000, unit: 'checks/s' },
  },
};

const BATCHES_PER_BLOCK = 5;
// HTTP and the driver baseline alternate in blocks, each first in turn, so a drift of the machine hits both alike.
const BLOCKS = 4;
/**
 * The detail beside the figure: tablets syncing at once, as after an outage when a checkpoint's tablets all come back
 * together. Each sends its batches one after another; the server overlaps one's parsing with another's insert.
 */
const CONCURRENT_TABLETS = 4;
const CONCURRENT_BATCHES_PER_TABLET = 3;
// The first batches pay for the JIT, the prepared statements and the page cache: not what a server mid-shift does.
const WARM_UP_BATCHES = 2;

/** The first check's completion: the morning after the sample's negative test. */
const FIRST_COMPLETED_MS = Date.parse('2026-11-28T06:00:00+08:00');
/** A busy checkpoint's pace over all its lanes: a vehicle finished every 3 s, so 22,000 checks span about 18 hours. */
const CHECK_INTERVAL_MS = 3000;
/** How long a check took, from the scan to the decision. */
const CHECK_DURATION_MS = 38_000;

const shanghaiIso = (epochMs: number) => new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/**
 * 500 fresh checks of the device, a mix like a checkpoint's: mostly cars with one person, some with passengers, each
 * finished CHECK_INTERVAL_MS after the one before (across batches too). Every check at one instant would make the
 * time-ordered indexes take each insert at a random place, which a real day never does.
 */
function freshBatch(server: BenchServer, batchNumber: number): VehicleCheck[] {
  return Array.from({ length: SYNC_BATCH_MAX }, (_, i) => {
    const passengers = i % 4 === 0 ? [makeServerPerson({ role: 'passenger', temperatures: [36.4, 36.5] })] : [];
    const completedMs = FIRST_COMPLETED_MS + (batchNumber * SYNC_BATCH_MAX + i) * CHECK_INTERVAL_MS;
    return makeServerCheck({
      checkpointId: server.checkpointId,
      deviceId: server.deviceId,
      team: batchNumber % 2 === 0 ? 'A' : 'B',
      startedAt: shanghaiIso(completedMs - CHECK_DURATION_MS),
      completedAt: shanghaiIso(completedMs),
      persons: [makeServerPerson(), ...passengers],
    });
  });
}

/** One POST of a pre-serialised batch; every check must come back created, or the figure would be of something else. */
async function postBatch(server: BenchServer, body: Uint8Array<ArrayBuffer>, size: number): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/vehicle-checks/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`batch answered HTTP ${response.status}: ${await response.text()}`);
  const { results } = (await response.json()) as { results: Array<{ status: string; error?: string }> };
  const notCreated = results.filter((r) => r.status !== 'created');
  if (results.length !== size || notCreated.length > 0) {
    throw new Error(
      `batch of ${size}: ${results.length} results, ${notCreated.length} not created (${notCreated[0]?.error ?? ''})`,
    );
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const startMs = performance.now();
  await work();
  return performance.now() - startMs;
}

const checksPerSecond = (checks: number, ms: number) => (checks * 1000) / ms;

export async function measureServerIngest(repoRoot: string, kind: StoreDialect): Promise<MeasurementResult> {
  const measurement = MEASUREMENTS[kind];
  let server: BenchServer | null = null;
  let driver: DriverInsert | null = null;
  try {
    server = await startBenchServer({ repoRoot, kind });
    const running = server;
    driver = await openDriverInsert(running.driverTarget);
    const baseline = driver;
    let batchNumber = 0;
    const httpBatch = async () => {
      // Built, serialised and encoded before the clock starts: the tablet's work, not the server's.
      const body = new TextEncoder().encode(JSON.stringify({ checks: freshBatch(running, batchNumber++) }));
      return timed(() => postBatch(running, body, SYNC_BATCH_MAX));
    };
    const rawBatch = async () => {
      // Validated, judged, hashed and laid out as rows before the clock starts: the baseline is the database's work.
      const rows = rowsOfChecks(freshBatch(running, batchNumber++).map((check) => toIngest(check, BENCH_TIME_ZONE)));
      return timed(() => baseline.insert(rows));
    };

    for (let i = 0; i < WARM_UP_BATCHES; i += 1) {
      await httpBatch();
      await rawBatch();
    }
    const httpMs: number[] = [];
    const rawMs: number[] = [];
    for (let block = 0; block < BLOCKS; block += 1) {
      const order = block % 2 === 0 ? ['http', 'raw'] : ['raw', 'http'];
      for (const kindOfBatch of order) {
        for (let i = 0; i < BATCHES_PER_BLOCK; i += 1) {
          if (kindOfBatch === 'http') httpMs.push(await httpBatch());
          else rawMs.push(await rawBatch());
        }
      }
    }

    const tablets = Array.from({ length: CONCURRENT_TABLETS }, () =>
      Array.from({ length: CONCURRENT_BATCHES_PER_TABLET }, () =>
        new TextEncoder().encode(JSON.stringify({ checks: freshBatch(running, batchNumber++) })),
      ),
    );
    const concurrentMs = await timed(async () => {
      await Promise.all(
        tablets.map(async (bodies) => {
          for (const body of bodies) await postBatch(running, body, SYNC_BATCH_MAX);
        }),
      );
    });
    const concurrentChecks = CONCURRENT_TABLETS * CONCURRENT_BATCHES_PER_TABLET * SYNC_BATCH_MAX;

    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const httpChecks = httpMs.length * SYNC_BATCH_MAX;
    const stored = await running.store.vehicleChecks.count(running.checkpointId);
    const expected = (httpMs.length + rawMs.length + 2 * WARM_UP_BATCHES) * SYNC_BATCH_MAX + concurrentChecks;
    if (stored !== expected) throw new Error(`the store holds ${stored} checks, ${expected} were sent`);
    return {
      ...measurement,
      status: 'measured',
      figure: {
        label: `${httpChecks.toLocaleString('en-US')} checks over HTTP`,
        value: checksPerSecond(httpChecks, sum(httpMs)),
        unit: 'checks/s',
      },
      baselines: [
        {
          label:
            kind === 'sqlite'
              ? 'prepared better-sqlite3 INSERT per row, one transaction per 500'
              : 'one multi-row INSERT per table through pg, one transaction per 500',
          value: checksPerSecond(rawMs.length * SYNC_BATCH_MAX, sum(rawMs)),
          unit: 'checks/s',
        },
      ],
      details: [
        { label: 'HTTP batch of 500, median', value: median(httpMs), unit: 'ms' },
        { label: 'HTTP batch of 500, p95', value: percentile(httpMs, 95), unit: 'ms' },
        { label: 'driver insert of 500, median', value: median(rawMs), unit: 'ms' },
        {
          label: `${CONCURRENT_TABLETS} tablets at once, ${CONCURRENT_BATCHES_PER_TABLET} batches of 500 each`,
          value: checksPerSecond(concurrentChecks, concurrentMs),
          unit: 'checks/s',
        },
      ],
      notes: [
        `${running.describe}; ${httpMs.length} POST /api/v1/vehicle-checks/batch of 500 fresh checks each (a quarter with a passenger), one after another over loopback with keep-alive, client in the server's process; ${BLOCKS} blocks alternating with the baseline's inserts, after ${WARM_UP_BATCHES} warm-up batches of each; then ${CONCURRENT_TABLETS} clients at once, each posting ${CONCURRENT_BATCHES_PER_TABLET} batches one after another (a detail: the baseline is one connection)`,
        `HTTP = token check, JSON parse, zod validation of each check, the server judging it under its policy, hashing, and the exactly-once ingest in one transaction (${kind === 'sqlite' ? 'statements prepared once, run per check: insert … on conflict do nothing, then classify' : 'one insert … on conflict do nothing of the batch as a JSON parameter, then classify'}); baseline = the same rows (vehicle_checks and check_tallies) written through the driver, no query builder and no conflict handling (bench/driver-insert.ts: ${kind === 'sqlite' ? 'a prepared statement run per row inside one better-sqlite3 transaction, on a second connection to the same file' : 'one parameterised multi-row INSERT per table on one pg client, between BEGIN and COMMIT'}): figure ÷ baseline is ingest ÷ the database's own fastest insert`,
      ],
    };
  } catch (e) {
    return notMeasured(measurement, e);
  } finally {
    await driver?.close();
    await server?.close();
  }
}
