import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.ts';
import { TEST_DATABASE_URL } from '../../../tests/support/server/store/stores.ts';

const LOUDI = { name: '娄底东', province: '湖南', city: '娄底' };
/** Enough starts for a schema dropped mid-migration to be all but certain (it happened in about one start in four). */
const STORES_OPENED_DURING_CHURN = 12;

describe('createStore', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempSqliteFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'kakou-create-store-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    // A folder that does not exist yet, as ./data on a first start.
    return join(dir, 'data', 'kakou.sqlite');
  }

  async function pgStore(pgSchema: string): Promise<Store> {
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${pgSchema}" cascade`);
      await client.end();
    });
    const store = await createStore({ databaseUrl: TEST_DATABASE_URL, pgSchema });
    cleanups.push(() => store.close());
    return store;
  }

  it('a SQLite store syncs its log at every commit, so a check answered "created" survives a power cut', async () => {
    const store = await createStore({ sqliteFile: tempSqliteFile() });
    cleanups.push(() => store.close());
    const settings = await sql<{ journal_mode: string; synchronous: number }>`
      select (select journal_mode from pragma_journal_mode) as journal_mode,
             (select synchronous from pragma_synchronous) as synchronous`.execute(store.db);
    // 2 = FULL: in WAL mode the log is fsynced before the commit returns; NORMAL (1) would not.
    expect(settings.rows).toEqual([{ journal_mode: 'wal', synchronous: 2 }]);
  });

  it('a SQLite store keeps its data across restarts, migrating only once', async () => {
    const sqliteFile = tempSqliteFile();
    const first = await createStore({ sqliteFile });
    const { checkpoint, enrollmentCode } = await first.checkpoints.create(LOUDI);
    await first.close();

    const second = await createStore({ sqliteFile });
    cleanups.push(() => second.close());
    expect(second.dialect).toBe('sqlite');
    expect(await second.checkpoints.findByEnrollmentCode(enrollmentCode)).toEqual(checkpoint);
    const policies = await second.db.selectFrom('policies').select('version').execute();
    expect(policies).toEqual([{ version: 1 }]);
  });

  // A store reopened with every migration run skips the migrator (migrations.ts): one it does not know still stops it.
  it('refuses a store migrated by a newer Kakou, on SQLite and on PostgreSQL', async () => {
    const sqliteFile = tempSqliteFile();
    const pgSchema = `kakou_test_newer_${randomBytes(6).toString('hex')}`;
    const opens = [() => createStore({ sqliteFile }), () => pgStore(pgSchema)];
    for (const open of opens) {
      const store = await open();
      await sql`insert into kysely_migration (name, timestamp) values ('999-from-a-newer-kakou', '2027-01-01')`.execute(
        store.db,
      );
      await store.close();
      await expect(open()).rejects.toThrow(/999-from-a-newer-kakou/u);
    }
  });

  it('a PostgreSQL store migrates in its own schema although another schema already has the same tables', async () => {
    const suffix = randomBytes(6).toString('hex');
    const first = await pgStore(`kakou_test_first_${suffix}`);
    await first.checkpoints.create(LOUDI);
    const second = await pgStore(`kakou_test_second_${suffix}`);
    expect(second.dialect).toBe('postgres');
    expect(await second.checkpoints.count()).toBe(0);
    expect((await second.policies.current()).version).toBe(1);
    expect(await first.checkpoints.count()).toBe(1);
  });

  it('a PostgreSQL store opens while other schemas of the database are being created and dropped', async () => {
    // Another deployment or test store dropping its schema while ours migrates must not stop our start.
    const suffix = randomBytes(6).toString('hex');
    const churn = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await churn.connect();
    const churning = { running: true };
    const churned = (async () => {
      for (let i = 0; churning.running; i += 1) {
        const other = `kakou_test_churn_${suffix}_${i % 4}`;
        await churn.query(`create schema if not exists "${other}"`);
        await churn.query(`drop schema "${other}" cascade`);
      }
    })();
    try {
      for (let i = 0; i < STORES_OPENED_DURING_CHURN; i += 1) await pgStore(`kakou_test_churned_${suffix}_${i}`);
    } finally {
      churning.running = false;
      await churned;
      await churn.end();
    }
  });

  it('needs a SQLite file or a database URL', async () => {
    await expect(createStore({})).rejects.toThrow(/sqliteFile or a databaseUrl/u);
  });

  it('refuses a PostgreSQL schema name that is not a plain identifier', async () => {
    await expect(createStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: 'x"; drop table y; --' })).rejects.toThrow(
      /not a plain schema name/u,
    );
  });
});
