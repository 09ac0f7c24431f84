// The schema follows the vocabulary through migrations, never by editing one: a fresh store counts every flag and
// every person disposition of today's lists in a column of its own (docs/decisions/022, "Adding a flag").
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { FLAG_COLUMNS, PERSON_DISPOSITION_COLUMNS } from './check-tallies.ts';
import { createStore, type Store } from './create-store.ts';
import { MIGRATIONS } from './migrations.ts';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.ts';
import { hashSecret } from './tokens.ts';
import { forEachStore, TEST_DATABASE_URL } from '../../../tests/support/server/store/stores.ts';

/** check_tallies as migration 003 made it, written out as the migration writes it. */
const MIGRATION_003_COLUMNS = [
  'id',
  'checkpoint_id',
  'local_day',
  'local_hour',
  'team',
  'device_id',
  'completed_at',
  'completed_at_ms',
  'vehicle_type',
  'origin_province_key',
  'origin_city_key',
  'vehicle_disposition',
  'person_count',
  'flag_red_code',
  'flag_yellow_code',
  'flag_grey_code',
  'flag_itinerary_star',
  'flag_risk_area',
  'flag_fever',
  'flag_no_valid_test',
  'flag_positive_test',
  'flag_unvaccinated',
  'persons_release',
  'persons_push_destination',
  'persons_sample_on_site',
  'persons_turn_back',
  'persons_hold',
  'persons_escort',
  'persons_fever_clinic',
  'persons_hand_over',
];

/** check_tallies' columns in the order the migrations made them. */
async function checkTalliesColumns(store: Store): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info('check_tallies') order by cid`.execute(store.db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
                                    where table_schema = current_schema() and table_name = 'check_tallies'
                                    order by ordinal_position`.execute(store.db);
  return rows.rows.map((row) => row.name);
}

forEachStore('migrations', ({ store }) => {
  it('give check_tallies one count column per flag and per person disposition, and no other', async () => {
    const counts = (await checkTalliesColumns(store())).filter((name) => /^(flag|persons)_/u.test(name));
    expect([...counts].sort()).toEqual([...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].sort());
  });

  it('keep the columns of migration 003 first, as it made them: later migrations only add after them', async () => {
    const columns = await checkTalliesColumns(store());
    expect(columns.slice(0, MIGRATION_003_COLUMNS.length)).toEqual(MIGRATION_003_COLUMNS);
  });
});

/** A database of `kind` brought to `migration` only, for a test to fill as a server of that time would have. */
async function databaseAt(
  kind: 'sqlite' | 'postgres',
  migration: string,
): Promise<{ db: Kysely<unknown>; open: () => Promise<Store>; dispose: () => Promise<void> }> {
  let db: Kysely<unknown>;
  let open: () => Promise<Store>;
  let removeData: () => Promise<void>;
  let pgSchema: string | undefined;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kakou-migrate-'));
    const sqliteFile = join(dir, 'kakou.sqlite');
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(sqliteFile) }) });
    open = () => createStore({ sqliteFile });
    removeData = () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
  } else {
    pgSchema = `kakou_test_migrate_${randomBytes(6).toString('hex')}`;
    const schema = pgSchema;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    db = new Kysely<unknown>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    open = () => createStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
    removeData = async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    };
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    ...(pgSchema === undefined ? {} : { migrationTableSchema: pgSchema }),
  });
  const { error } = await migrator.migrateTo(migration);
  if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed');
  const stores: Store[] = [];
  return {
    db,
    open: async () => {
      const store = await open();
      stores.push(store);
      return store;
    },
    async dispose() {
      for (const store of stores) await store.close();
      await db.destroy();
      await removeData();
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('migration 005 (%s)', (kind) => {
  it("starts the configuration's history with the version already stored, made by nobody knows whom", async () => {
    const at004 = await databaseAt(kind, '004-registration-flag');
    try {
      const body = {
        teams: ['一班', '二班'],
        shifts: [{ name: '全天', start: '08:00' }],
        rotationAnchor: '2026-01-01',
      };
      await sql`insert into checkpoints (id, name, province, city, timezone, enrollment_code_hash, created_at)
                values ('cp-old', '娄底东', '湖南', '娄底', 'Asia/Shanghai', 'hash', '2026-11-01T00:00:00Z')`.execute(
        at004.db,
      );
      await sql`insert into checkpoint_configs (checkpoint_id, version, body, updated_at)
                values ('cp-old', 3, ${JSON.stringify(body)}, '2026-11-20T01:00:00.000Z')`.execute(at004.db);

      const store = await at004.open();
      expect(await store.checkpointConfigs.history('cp-old', 10)).toEqual([
        { ...body, version: 3, updatedAt: '2026-11-20T01:00:00.000Z', madeBy: 'unknown', deviceId: null },
      ]);
      // The checkpoint has no lead PIN yet: the first one set becomes its PIN.
      expect((await store.leadPins.get('cp-old')).version).toBe(0);
    } finally {
      await at004.dispose();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('migration 008 (%s)', (kind) => {
  it('keeps every checkpoint open, every tablet enrolled and every policy, none of them saying yet what 008 adds', async () => {
    const at007 = await databaseAt(kind, '007-clock-skew');
    try {
      const token = 'the-token-of-a-tablet-enrolled-before-the-console';
      await sql`insert into checkpoints (id, name, province, city, timezone, enrollment_code_hash, created_at)
                values ('cp-old', '娄底东', '湖南', '娄底', 'Asia/Shanghai', 'hash', '2026-11-01T00:00:00Z')`.execute(
        at007.db,
      );
      await sql`insert into devices (id, checkpoint_id, name, token_hash, created_at, revoked_at, last_seen_at)
                values ('tablet-old', 'cp-old', '1号平板', ${hashSecret(token)}, '2026-11-01T00:00:00Z', null,
                        '2026-11-20T01:00:00.000Z')`.execute(at007.db);

      const store = await at007.open();
      expect((await store.checkpoints.get('cp-old'))?.archivedAt).toBeNull();
      expect(await store.devices.get('tablet-old')).toMatchObject({
        lastSeenAt: '2026-11-20T01:00:00.000Z',
        lastSyncAt: null,
        appVersion: null,
        pendingChecks: null,
      });
      // Its tablet goes on syncing: not archived is open.
      expect(await store.devices.authenticate(token)).toEqual({ deviceId: 'tablet-old', checkpointId: 'cp-old' });
      expect(await store.policies.versions()).toEqual([
        {
          version: 1,
          effectiveFrom: DEFAULT_POLICY.effectiveFrom,
          publishedAt: expect.any(String) as string,
          publishedBy: null,
        },
      ]);
      // The console's own tables: an account signs in, and a wrong password is counted.
      const admin = await store.adminAccounts.create({
        username: 'command',
        password: 'correct horse battery',
        scope: { kind: 'all' },
      });
      const session = await store.adminSessions.create(admin.adminId);
      expect((await store.adminSessions.authenticate(session.token)).kind).toBe('valid');
      expect((await store.adminSessions.reserveAttempt('command', '10.0.0.7')).kind).toBe('allowed');
    } finally {
      await at007.dispose();
    }
  });
});
