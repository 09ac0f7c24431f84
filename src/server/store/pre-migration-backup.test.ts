// Before a migration changes an existing SQLite store, the server keeps a backup of it beside the file, in the old schema.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { samplePersonCheck } from '../../../tests/support/domain/sample-checks.ts';
import { createStore, type Store } from './create-store.ts';
import { MIGRATIONS } from './migrations.ts';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.ts';
import { makeServerCheck, toIngest } from '../../../tests/support/server/store/checks.ts';
import { TEST_DATABASE_URL } from '../../../tests/support/server/store/stores.ts';

/** 2026-12-04 15:30:00 UTC. */
const NOW_MS = Date.parse('2026-12-04T15:30:00Z');

let dir: string;
let sqliteFile: string;
const opened: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kakou-pre-migration-'));
  sqliteFile = join(dir, 'kakou.sqlite');
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Store> {
  const store = await createStore({ sqliteFile, now: () => NOW_MS });
  opened.push(store);
  return store;
}

const backupsIn = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.bak'));

/**
 * A store as a server of migration 003 left it: a checkpoint and two checks, one with a registered passenger,
 * written with the columns that schema had. Returns their ids, registered first.
 */
async function storeAtMigration003(db: Kysely<unknown>, pgSchema?: string): Promise<string[]> {
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
      ...(pgSchema === undefined ? {} : { migrationTableSchema: pgSchema }),
    });
    const { error } = await migrator.migrateTo('003-check-tallies');
    if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed');
    await sql`insert into checkpoints (id, name, province, city, timezone, enrollment_code_hash, created_at)
              values ('cp-old', '娄底东', '湖南', '娄底', 'Asia/Shanghai', 'hash', '2026-11-01T00:00:00Z')`.execute(db);
    const registered = makeServerCheck({
      checkpointId: 'cp-old',
      persons: [
        samplePersonCheck({
          codeColor: 'red',
          flags: ['red-code'],
          disposition: 'hand-over',
          registration: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
        }),
      ],
      disposition: 'hand-over',
    });
    const plain = makeServerCheck({ checkpointId: 'cp-old' });
    for (const check of [registered, plain]) {
      const item = toIngest(check);
      await sql`insert into vehicle_checks (id, checkpoint_id, device_id, rev, completed_at, completed_at_ms, local_day, team,
                                            content_hash, body, server_flags, received_at, updated_at)
                values (${check.id}, ${check.checkpointId}, ${check.deviceId}, ${check.rev}, ${check.completedAt}, ${item.completedAtMs},
                        ${item.localDay}, ${check.team}, ${item.contentHash}, ${item.body}, ${JSON.stringify(item.serverFlags)},
                        '2026-11-28T00:02:00Z', '2026-11-28T00:02:00Z')`.execute(db);
    }
    return [registered.id, plain.id];
  } finally {
    await db.destroy();
  }
}

it('backs up a store at an older migration before migrating it: private, named by migration and time, in the old schema', async () => {
  const [registeredId, plainId] = await storeAtMigration003(
    new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(sqliteFile) }) }),
  );

  const store = await open();
  const expected = `${sqliteFile}.before-004-20261204T153000Z.bak`;
  expect(store.preMigrationBackup).toBe(expected);
  expect(backupsIn(dir)).toEqual([basename(expected)]);
  expect(dirname(expected)).toBe(dir);
  expect(statSync(expected).mode & 0o777).toBe(0o600);

  const backup = new BetterSqlite3(expected, { readonly: true });
  try {
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      (backup.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
        (r) => r.name,
      ),
    ).toEqual(['001-initial', '002-checkpoint-configs', '003-check-tallies']);
    const columns = (backup.pragma('table_info(vehicle_checks)') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('has_registration');
    expect(backup.prepare('select count(*) as n from vehicle_checks').get()).toEqual({ n: 2 });
  } finally {
    backup.close();
  }

  // The store itself is migrated, and migration 004 found the registered check among those stored before it.
  const flags = await store.db.selectFrom('vehicle_checks').select(['id', 'has_registration']).execute();
  expect(new Map(flags.map((row) => [row.id, row.has_registration]))).toEqual(
    new Map([
      [registeredId, 1],
      [plainId, 0],
    ]),
  );
});

it('writes no backup for a fresh file, nor for a store already at the latest migration', async () => {
  const fresh = await open();
  expect(fresh.preMigrationBackup).toBeNull();
  await fresh.close();
  opened.splice(0);

  const again = await open();
  expect(again.preMigrationBackup).toBeNull();
  expect(backupsIn(dir)).toEqual([]);
});

it("migrates a PostgreSQL store of migration 003 the same way, without a backup (pg_dump is the operator's there)", async () => {
  const pgSchema = `kakou_test_premigration_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create schema "${pgSchema}"`);
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${pgSchema}` });
    const [registeredId, plainId] = await storeAtMigration003(
      new Kysely<unknown>({ dialect: new OwnSchemaPostgresDialect({ pool }) }),
      pgSchema,
    );

    const store = await createStore({ databaseUrl: TEST_DATABASE_URL, pgSchema });
    opened.push(store);
    expect(store.preMigrationBackup).toBeNull();
    const flags = await store.db.selectFrom('vehicle_checks').select(['id', 'has_registration']).execute();
    expect(new Map(flags.map((row) => [row.id, row.has_registration]))).toEqual(
      new Map([
        [registeredId, 1],
        [plainId, 0],
      ]),
    );
    await store.close();
    opened.splice(0);
  } finally {
    await admin.query(`drop schema if exists "${pgSchema}" cascade`);
    await admin.end();
  }
});
