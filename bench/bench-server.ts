// The real server for the sync figures: a throwaway store (SQLite on disk under .tmp/, or a fresh PostgreSQL schema)
// behind buildApp on a loopback port, with a checkpoint and an enrolled device to send as.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { createStore, type Store } from '../src/server/store/create-store.ts';
import type { StoreDialect } from '../src/server/store/store-context.ts';
import type { DriverTarget } from './driver-insert.ts';

/** docs/testing.md: the project's machines run PostgreSQL here (trust auth). */
export const BENCH_DATABASE_URL = process.env['KAKOU_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_TIME_ZONE = 'Asia/Shanghai';

export interface BenchServer {
  store: Store;
  /** http://127.0.0.1:port */
  url: string;
  checkpointId: string;
  deviceId: string;
  token: string;
  /** What the store is, for the report. */
  describe: string;
  /** The same database, for a baseline that writes through the driver (bench/driver-insert.ts). */
  driverTarget: DriverTarget;
  close(): Promise<void>;
}

interface OpenedBenchStore {
  store: Store;
  describe: string;
  driverTarget: DriverTarget;
  dispose: () => Promise<void>;
}

async function openStore(repoRoot: string, kind: StoreDialect): Promise<OpenedBenchStore> {
  if (kind === 'sqlite') {
    // On the repo's disk, not the system temp dir, which may be a tmpfs where fsync is free.
    const parent = join(repoRoot, '.tmp');
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, 'bench-store-'));
    const sqliteFile = join(dir, 'kakou.sqlite');
    const store = await createStore({ sqliteFile });
    return {
      store,
      describe: 'SQLite file on disk, as the store opens it (WAL, synchronous=FULL, a checkpoint every 10,000 pages)',
      driverTarget: { kind: 'sqlite', file: sqliteFile },
      dispose: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const pgSchema = `kakou_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${pgSchema}" cascade`);
    } finally {
      await client.end();
    }
  };
  let store: Store;
  try {
    store = await createStore({ databaseUrl: BENCH_DATABASE_URL, pgSchema });
  } catch (error) {
    // createStore may have made the schema before failing (a failed migration): leave the database as found.
    await dropSchema().catch(() => undefined);
    throw error;
  }
  return {
    store,
    describe: `PostgreSQL at ${new URL(BENCH_DATABASE_URL).host}, a fresh schema`,
    driverTarget: { kind: 'postgres', url: BENCH_DATABASE_URL, schema: pgSchema },
    dispose: async () => {
      await store.close();
      await dropSchema();
    },
  };
}

export async function startBenchServer(options: {
  repoRoot: string;
  kind: StoreDialect;
  distDir?: string;
}): Promise<BenchServer> {
  const opened = await openStore(options.repoRoot, options.kind);
  try {
    const { store } = opened;
    const { checkpoint } = await store.checkpoints.create({
      name: '基准卡口',
      province: '湖南',
      city: '娄底',
      timezone: BENCH_TIME_ZONE,
    });
    const { deviceId, token } = await store.devices.enroll(checkpoint.id, 'bench tablet');
    const app = await buildApp({ store, distDir: options.distDir ?? null, version: 'bench' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return {
      store,
      url: `http://127.0.0.1:${port}`,
      checkpointId: checkpoint.id,
      deviceId,
      token,
      describe: opened.describe,
      driverTarget: opened.driverTarget,
      close: async () => {
        await app.close();
        await opened.dispose();
      },
    };
  } catch (error) {
    await opened.dispose();
    throw error;
  }
}
