// Schema migrations, in code so the server needs no files beside it; the same steps for SQLite and PostgreSQL.
import {
  DEFAULT_MIGRATION_TABLE,
  Migrator,
  sql,
  SqliteAdapter,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Flag } from '../../domain/vocabulary.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { formatInZone } from '../../domain/time.ts';
import { tallyRow, TALLY_INSERT_CHUNK_ROWS } from './check-tallies.ts';

// Migrations see the database untyped: they run against whatever shape the previous step left.
type AnyDb = Kysely<unknown>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('checkpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('enrollment_code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_seen_at', 'text')
      .execute();
    await db.schema.createIndex('devices_checkpoint').on('devices').column('checkpoint_id').execute();

    await db.schema
      .createTable('admin_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('policies')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_from_ms', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    // device_id has no foreign key: an admin may load checks from tablets this server never enrolled.
    await db.schema
      .createTable('vehicle_checks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .addColumn('completed_at', 'text', (c) => c.notNull())
      .addColumn('completed_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('server_flags', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Tallies read a checkpoint's day; paging reads a checkpoint's (or, for admins, everyone's) time range.
    await db.schema
      .createIndex('vehicle_checks_checkpoint_day')
      .on('vehicle_checks')
      .columns(['checkpoint_id', 'local_day'])
      .execute();
    await db.schema
      .createIndex('vehicle_checks_checkpoint_completed')
      .on('vehicle_checks')
      .columns(['checkpoint_id', 'completed_at_ms', 'id'])
      .execute();
    await db.schema
      .createIndex('vehicle_checks_completed')
      .on('vehicle_checks')
      .columns(['completed_at_ms', 'id'])
      .execute();

    await sql`
      insert into policies (version, effective_from, effective_from_ms, body, created_at)
      values (${DEFAULT_POLICY.version}, ${DEFAULT_POLICY.effectiveFrom}, ${Date.parse(DEFAULT_POLICY.effectiveFrom)},
              ${JSON.stringify(DEFAULT_POLICY)}, ${new Date().toISOString()})
    `.execute(db);
  },

  async down(db: AnyDb) {
    for (const table of ['vehicle_checks', 'policies', 'admin_tokens', 'devices', 'checkpoints']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** The shift configuration a lead edits on a tablet: one row per configured checkpoint, absent until first saved. */
const checkpointConfigs: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('checkpoint_configs')
      .addColumn('checkpoint_id', 'text', (c) => c.primaryKey().references('checkpoints.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('checkpoint_configs').execute();
  },
};

/** Rows of vehicle_checks read per step while check_tallies is filled from the checks already stored. */
const BACKFILL_PAGE_ROWS = TALLY_INSERT_CHUNK_ROWS;

/**
 * check_tallies' count columns as migration 003 made them: one per flag, then one per person disposition, in the order
 * of FLAGS and DISPOSITIONS then. Written out because a migration that has shipped never changes: following the live
 * lists, a new flag would add its column here on fresh databases and not on old ones (docs/decisions/022). A flag or
 * disposition added later gets its column in a migration of its own.
 */
const CHECK_TALLIES_003_COUNT_COLUMNS = [
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
] as const;

/** Every column 003 made, in order: what its backfill writes, whatever later migrations added to a row since. */
const CHECK_TALLIES_003_COLUMNS = [
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
  ...CHECK_TALLIES_003_COUNT_COLUMNS,
] as const;
type CheckTallies003Column = (typeof CHECK_TALLIES_003_COLUMNS)[number];
/** check_tallies as it stands right after 003. */
type CheckTallies003 = { check_tallies: Record<CheckTallies003Column, string | number> };

/** One narrow row per check for summing a day in SQL (check-tallies.ts), filled for the checks stored before it. */
const checkTallies: Migration = {
  async up(db: AnyDb) {
    // SQLite keeps a WITHOUT ROWID table in its primary key's order: keyed by checkpoint, day and time, a day's rows
    // lie together (checks arrive roughly in time order, so new rows go at the end) and the newest is the last one.
    // PostgreSQL has no such tables (its heap follows insertion): it gets an index on the same columns.
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    let table = db.schema
      .createTable('check_tallies')
      .addColumn('id', 'text', (c) => (sqlite ? c.notNull().unique() : c.primaryKey()).references('vehicle_checks.id'))
      .addColumn('checkpoint_id', 'text', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('local_hour', 'integer', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text', (c) => c.notNull())
      .addColumn('completed_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('vehicle_type', 'text', (c) => c.notNull())
      .addColumn('origin_province_key', 'text', (c) => c.notNull())
      .addColumn('origin_city_key', 'text', (c) => c.notNull())
      .addColumn('vehicle_disposition', 'text', (c) => c.notNull())
      .addColumn('person_count', 'integer', (c) => c.notNull());
    for (const column of CHECK_TALLIES_003_COUNT_COLUMNS) {
      table = table.addColumn(column, 'integer', (c) => c.notNull());
    }
    if (sqlite) {
      table = table
        .addPrimaryKeyConstraint('check_tallies_pk', ['checkpoint_id', 'local_day', 'completed_at_ms', 'id'])
        .modifyEnd(sql`without rowid`);
    }
    await table.execute();
    if (!sqlite) {
      // The day's rows, and its newest check at the end of them (order by completed_at_ms desc limit 1 reads one entry).
      await db.schema
        .createIndex('check_tallies_checkpoint_day')
        .on('check_tallies')
        .columns(['checkpoint_id', 'local_day', 'completed_at_ms'])
        .execute();
    }

    // Keyset pages by id: the bodies of a large store never sit in memory at once.
    let after = '';
    for (;;) {
      const page = await sql<{
        id: string;
        body: string;
        server_flags: string;
        local_day: string;
        completed_at_ms: number | string;
        timezone: string;
      }>`
        select v.id, v.body, v.server_flags, v.local_day, v.completed_at_ms, c.timezone
        from vehicle_checks v join checkpoints c on c.id = v.checkpoint_id
        where v.id > ${after} order by v.id limit ${BACKFILL_PAGE_ROWS}
      `.execute(db);
      const last = page.rows.at(-1);
      if (last === undefined) break;
      const rows = page.rows.map((row) => {
        const check = JSON.parse(row.body) as VehicleCheck;
        const serverFlags = JSON.parse(row.server_flags) as Flag[][];
        const completedAtMs = Number(row.completed_at_ms);
        const tally = tallyRow({
          check: { ...check, persons: check.persons.map((person, i) => ({ ...person, flags: serverFlags[i] ?? [] })) },
          localDay: row.local_day,
          localHour: Number(formatInZone(completedAtMs, row.timezone).slice(11, 13)),
          completedAtMs,
        });
        // Only the columns 003 made: a count column added by a later migration does not exist yet here.
        return Object.fromEntries(CHECK_TALLIES_003_COLUMNS.map((column) => [column, tally[column]])) as Record<
          CheckTallies003Column,
          string | number
        >;
      });
      // The table exists from here on: write it through its shape as 003 left it.
      await (db as unknown as Kysely<CheckTallies003>).insertInto('check_tallies').values(rows).execute();
      after = last.id;
    }
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('check_tallies').execute();
  },
};

/**
 * Marks the checks that carry a registration, so retention (registration-retention.ts) reads only those past it
 * through a small partial index instead of every old body each day. JSON.stringify writes a registration as
 * `"registration":{` and its absence as `"registration":null`; inside a string value a quote is escaped, so the
 * pattern matches registrations and nothing else.
 */
const registrationFlag: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('vehicle_checks')
      .addColumn('has_registration', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update vehicle_checks set has_registration = 1 where body like ${'%"registration":{%'}`.execute(db);
    await db.schema
      .createIndex('vehicle_checks_registered_completed')
      .on('vehicle_checks')
      .columns(['completed_at_ms', 'id'])
      .where(sql<boolean>`has_registration = 1`)
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('vehicle_checks_registered_completed').execute();
    await db.schema.alterTable('vehicle_checks').dropColumn('has_registration').execute();
  },
};

/**
 * The lead (ADR 030): the checkpoint's one PIN, lead sessions, the wrong PINs that limit them, and the configuration's
 * history, which starts with the version already stored (made by nobody knows whom: any device token could save then).
 * The backfill names its columns on both sides, as every migration writes them: never the live schema's list.
 */
const lead: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('checkpoint_lead_pins')
      .addColumn('checkpoint_id', 'text', (c) => c.primaryKey().references('checkpoints.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('algorithm', 'text', (c) => c.notNull())
      .addColumn('iterations', 'integer', (c) => c.notNull())
      .addColumn('salt_b64', 'text', (c) => c.notNull())
      .addColumn('hash_b64', 'text', (c) => c.notNull())
      .addColumn('set_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_by_device_id', 'text')
      .execute();

    await db.schema
      .createTable('lead_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    // A PIN change ends the checkpoint's sessions; old ones are swept by expiry.
    await db.schema.createIndex('lead_sessions_checkpoint').on('lead_sessions').column('checkpoint_id').execute();
    await db.schema.createIndex('lead_sessions_expires').on('lead_sessions').column('expires_at_ms').execute();

    await db.schema
      .createTable('lead_pin_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('attempted_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('lead_pin_attempts_device')
      .on('lead_pin_attempts')
      .columns(['device_id', 'attempted_at_ms'])
      .execute();

    await db.schema
      .createTable('checkpoint_config_history')
      .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('made_by', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addPrimaryKeyConstraint('checkpoint_config_history_pk', ['checkpoint_id', 'version'])
      .execute();
    await sql`
      insert into checkpoint_config_history (checkpoint_id, version, body, updated_at, made_by, device_id)
      select checkpoint_id, version, body, updated_at, 'unknown', null from checkpoint_configs
    `.execute(db);
  },
  async down(db: AnyDb) {
    for (const table of ['checkpoint_config_history', 'lead_pin_attempts', 'lead_sessions', 'checkpoint_lead_pins']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** The county a checkpoint stands in (GB/T 2260 code, ADR 034): where its tablets' destination picker starts. */
const divisionCodes: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('checkpoints').addColumn('county_code', 'text').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('checkpoints').dropColumn('county_code').execute();
  },
};

/**
 * The clock skew a tablet records with the checks it made while its clock was off (ADR 035), beside each check's tally
 * row, so the day's report lists those tablets from the rows it sums anyway. Nothing to fill: before this version the
 * wire schema dropped the field, so no stored body holds one.
 */
const clockSkew: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('check_tallies').addColumn('clock_skew_seconds', 'integer').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('check_tallies').dropColumn('clock_skew_seconds').execute();
  },
};

/**
 * The command's console (ADR 038): admin accounts with a slow password hash and a scope, their 8-hour sessions, the
 * wrong-password count per username and per address; a checkpoint can be archived; a tablet reports its app version
 * and the checks still queued on it with each batch; a policy version says who published it. Literal column lists
 * only: what a later change to the code means must not change what this step does.
 */
/** check_tallies' flag columns when 009 ran: 003's, as no migration since added a flag (never the live FLAGS). */
const CHECK_TALLIES_009_FLAG_COLUMNS = CHECK_TALLIES_003_COUNT_COLUMNS.filter((column) => column.startsWith('flag_'));

const adminConsole: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('admin_accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_province', 'text')
      .addColumn('scope_city', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await db.schema
      .createTable('admin_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('admin_id', 'text', (c) => c.notNull().references('admin_accounts.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin_id').execute();
    await db.schema.createIndex('admin_sessions_expires').on('admin_sessions').column('expires_at_ms').execute();

    await db.schema
      .createTable('admin_sign_in_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('attempted_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('admin_sign_in_attempts_username')
      .on('admin_sign_in_attempts')
      .columns(['username', 'attempted_at_ms'])
      .execute();
    await db.schema
      .createIndex('admin_sign_in_attempts_address')
      .on('admin_sign_in_attempts')
      .columns(['address', 'attempted_at_ms'])
      .execute();

    await db.schema.alterTable('checkpoints').addColumn('archived_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('last_sync_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();
    await db.schema.alterTable('devices').addColumn('pending_checks', 'integer').execute();
    await db.schema.alterTable('policies').addColumn('published_by', 'text').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('policies').dropColumn('published_by').execute();
    for (const column of ['pending_checks', 'app_version', 'last_sync_at']) {
      await db.schema.alterTable('devices').dropColumn(column).execute();
    }
    await db.schema.alterTable('checkpoints').dropColumn('archived_at').execute();
    for (const table of ['admin_sign_in_attempts', 'admin_sessions', 'admin_accounts']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/**
 * Persons with a flag, each once, beside the per-flag counts (ADR 038): what the command's checkpoint list shows for
 * today. Filled for the checks already stored from the server's own flags (vehicle_checks.server_flags, one array per
 * person), only where a flag column says the check has any.
 */
const flaggedPersons: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('check_tallies')
      .addColumn('flagged_persons', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const anyFlag = sql.raw(CHECK_TALLIES_009_FLAG_COLUMNS.join(' + '));
    const flaggedOfCheck =
      db.getExecutor().adapter instanceof SqliteAdapter
        ? sql`(select count(*) from vehicle_checks v, json_each(v.server_flags) e
              where v.id = check_tallies.id and json_array_length(e.value) > 0)`
        : sql`(select count(*) from vehicle_checks v cross join lateral json_array_elements(v.server_flags::json) e
              where v.id = check_tallies.id and json_array_length(e) > 0)`;
    await sql`update check_tallies set flagged_persons = ${flaggedOfCheck} where ${anyFlag} > 0`.execute(db);
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('check_tallies').dropColumn('flagged_persons').execute();
  },
};

/** Names sort in the order they run; never rename or edit one that has shipped, add the next. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '002-checkpoint-configs': checkpointConfigs,
  '003-check-tallies': checkTallies,
  '004-registration-flag': registrationFlag,
  '005-lead': lead,
  '006-division-codes': divisionCodes,
  '007-clock-skew': clockSkew,
  '008-admin-console': adminConsole,
  '009-flagged-persons': flaggedPersons,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

function migrator(db: Kysely<unknown>, pgSchema: string | undefined): Migrator {
  return new Migrator({ db, provider, ...(pgSchema === undefined ? {} : { migrationTableSchema: pgSchema }) });
}

export interface MigrationState {
  /** Names already run, in order; empty on a fresh database. */
  executed: string[];
  /** Names still to run, in order. */
  pending: string[];
}

/** What migrateToLatest would do, without doing it (and without creating Kysely's bookkeeping tables). */
export async function migrationState(db: Kysely<unknown>, pgSchema?: string): Promise<MigrationState> {
  const infos = await migrator(db, pgSchema).getMigrations();
  return {
    executed: infos.filter((info) => info.executedAt !== undefined).map((info) => info.name),
    pending: infos.filter((info) => info.executedAt === undefined).map((info) => info.name),
  };
}

/**
 * True when the store has run exactly the migrations this code knows, read in one query: opening a migrated store then
 * skips Kysely's migrator, whose checks read every table and column of the database (about 100 ms on PostgreSQL, for
 * each of some 300 store tests a run). Anything else, a missing bookkeeping table included, is the migrator's to judge,
 * so a store newer than this code still fails as Kysely fails it.
 */
async function ranExactlyEveryMigration(db: Kysely<unknown>, pgSchema: string | undefined): Promise<boolean> {
  const scoped = pgSchema === undefined ? db : db.withSchema(pgSchema);
  let ran: string[];
  try {
    const rows = await (scoped as Kysely<{ kysely_migration: { name: string } }>)
      .selectFrom(DEFAULT_MIGRATION_TABLE)
      .select('name')
      .execute();
    ran = rows.map((row) => row.name);
  } catch {
    // No bookkeeping table: a store never migrated.
    return false;
  }
  const known = Object.keys(MIGRATIONS);
  return ran.length === known.length && known.every((name) => ran.includes(name));
}

/**
 * Brings the database to the latest schema; throws the first failure (Kysely runs all in one transaction/lock).
 * `pgSchema` must name the schema the tables live in on PostgreSQL: without it Kysely looks for its
 * bookkeeping tables in every schema, finds another schema's, and then fails to use its own.
 */
export async function migrateToLatest(db: Kysely<unknown>, pgSchema?: string): Promise<void> {
  if (await ranExactlyEveryMigration(db, pgSchema)) return;
  const { error } = await migrator(db, pgSchema).migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
}
