// Server store throughput: exactly-once ingest of 500-check batches beside the database's own fastest insert of the
// same rows (bench/driver-insert.ts), on SQLite and PostgreSQL. Standalone: `npx tsx bench/store-ingest.ts`
// (PostgreSQL via KAKOU_BENCH_DATABASE_URL).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createStore, type Store } from '../src/server/store/create-store.ts';
import type { StoreDialect } from '../src/server/store/store-context.ts';
import { makeServerCheck, toIngest } from '../tests/support/server/store/checks.ts';
import type { IngestCheck } from '../src/server/store/vehicle-check-repository.ts';
import { openDriverInsert, rowsOfChecks, type DriverInsert, type DriverTarget } from './driver-insert.ts';
import { median } from './stats.ts';

const DATABASE_URL = process.env['KAKOU_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH_SIZE = 500;
const BATCHES_PER_RUN = 10;
/** Ingest and raw insert alternate, each first in turn, so a drift of the machine hits both alike. */
const RUNS = 4;
const MS_PER_S = 1000;

interface Opened {
  store: Store;
  driverTarget: DriverTarget;
  dispose: () => Promise<void>;
}

async function open(kind: StoreDialect): Promise<Opened> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-'));
    const sqliteFile = join(dir, 'kakou.sqlite');
    const store = await createStore({ sqliteFile });
    return {
      store,
      driverTarget: { kind: 'sqlite', file: sqliteFile },
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pgSchema = `kakou_bench_${randomBytes(6).toString('hex')}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${pgSchema}" cascade`);
    await client.end();
  };
  let store: Store;
  try {
    store = await createStore({ databaseUrl: DATABASE_URL, pgSchema });
  } catch (error) {
    // createStore may have made the schema before failing: leave the database as found.
    await dropSchema();
    throw error;
  }
  return {
    store,
    driverTarget: { kind: 'postgres', url: DATABASE_URL, schema: pgSchema },
    async dispose() {
      await store.close();
      await dropSchema();
    },
  };
}

/** Fresh checks, judged and hashed up front as the route would: the figure is the store's alone. */
function freshBatches(checkpointId: string): IngestCheck[][] {
  return Array.from({ length: BATCHES_PER_RUN }, () =>
    Array.from({ length: BATCH_SIZE }, () => toIngest(makeServerCheck({ checkpointId }))),
  );
}

/** Each batch holds BATCH_SIZE checks, as ingest items or as the rows the baseline writes. */
async function checksPerSecond<Batch>(
  batches: readonly Batch[],
  write: (batch: Batch) => Promise<unknown>,
): Promise<number> {
  const startMs = performance.now();
  for (const batch of batches) await write(batch);
  return (batches.length * BATCH_SIZE * MS_PER_S) / (performance.now() - startMs);
}

async function measure(kind: StoreDialect): Promise<void> {
  const { store, driverTarget, dispose } = await open(kind);
  let driver: DriverInsert | null = null;
  try {
    driver = await openDriverInsert(driverTarget);
    const baseline = driver;
    const { checkpoint } = await store.checkpoints.create({ name: 'bench', province: '湖南', city: '娄底' });
    // Warm-up: statement caches, WAL file, pool connections.
    await store.vehicleChecks.ingest(freshBatches(checkpoint.id)[0] ?? []);
    const ingest: number[] = [];
    const raw: number[] = [];
    const resend: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const forIngest = freshBatches(checkpoint.id);
      const forRaw = freshBatches(checkpoint.id);
      const ingestRun = () => checksPerSecond(forIngest, (b) => store.vehicleChecks.ingest(b));
      const rawRows = forRaw.map((batch) => rowsOfChecks(batch));
      const rawRun = () => checksPerSecond(rawRows, (rows) => baseline.insert(rows));
      if (run % 2 === 0) {
        ingest.push(await ingestRun());
        raw.push(await rawRun());
      } else {
        raw.push(await rawRun());
        ingest.push(await ingestRun());
      }
      // The same batches again: every check a duplicate, as after a lost acknowledgement.
      resend.push(await checksPerSecond(forIngest, (b) => store.vehicleChecks.ingest(b)));
    }
    const ingestMedian = median(ingest);
    const rawMedian = median(raw);
    const fmt = (n: number) => `${Math.round(n).toLocaleString('en')} checks/s`;
    process.stdout.write(
      `${kind}: ingest ${fmt(ingestMedian)} (fresh, ${BATCHES_PER_RUN} × ${BATCH_SIZE}, median of ${RUNS}); ` +
        `driver INSERT ${fmt(rawMedian)}; ratio ${(ingestMedian / rawMedian).toFixed(2)}; ` +
        `resend (all duplicates) ${fmt(median(resend))}\n`,
    );
  } finally {
    await driver?.close();
    await dispose();
  }
}

async function main(): Promise<void> {
  await measure('sqlite');
  await measure('postgres');
}

await main();
