// Opens the server's store (embedded SQLite, or PostgreSQL when a URL is given), migrated to the latest schema.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { createAdminAccountRepository, type AdminAccountRepository } from './admin-account-repository.ts';
import type { ScryptCost } from './admin-password.ts';
import { createAdminSessionRepository, type AdminSessionRepository } from './admin-session-repository.ts';
import { createAdminTokenRepository, type AdminTokenRepository } from './admin-token-repository.ts';
import { createCheckpointConfigRepository, type CheckpointConfigRepository } from './checkpoint-config-repository.ts';
import { createCheckpointRepository, type CheckpointRepository } from './checkpoint-repository.ts';
import { createDeviceRepository, type DeviceRepository } from './device-repository.ts';
import { createLeadPinRepository, type LeadPinRepository } from './lead-pin-repository.ts';
import { createLeadSessionRepository, type LeadSessionRepository } from './lead-session-repository.ts';
import { migrateToLatest, migrationState } from './migrations.ts';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.ts';
import { createPolicyRepository, type PolicyRepository } from './policy-repository.ts';
import { preparePrivateSqliteFile } from './private-sqlite-file.ts';
import { createRegistrationRetention, type RegistrationRetention } from './registration-retention.ts';
import type { Database } from './schema.ts';
import { preMigrationBackupName, writeSqliteBackup } from './sqlite-backup.ts';
import type { StoreContext, StoreDialect } from './store-context.ts';
import { createVehicleCheckRepository, type VehicleCheckRepository } from './vehicle-check-repository.ts';

/**
 * The settings every connection to the SQLite file runs with (the store's, and the bench's baseline on the same file).
 * - WAL: readers run beside the writer.
 * - synchronous FULL: in WAL mode an fsync of the log at each commit, so a check the server answered "created" survives
 *   a power cut; the tablet marks it synced on that answer and never sends it again. It costs one fsync per batch of up
 *   to 500 checks (NORMAL would lose the commits since the last checkpoint).
 * - wal_autocheckpoint 10,000 pages (about 40 MB): the checkpoint, which copies the log into the file and fsyncs it,
 *   was two thirds of an ingest's time at the default 1,000 pages (docs/benchmarks.md, figure 7); copying a page once
 *   for many batches costs less. journal_size_limit brings the log file back to 64 MiB after a checkpoint.
 * - busy_timeout: how long a writer waits for another process's write lock (the admin CLI) before giving up.
 */
export const SQLITE_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'wal_autocheckpoint = 10000',
  `journal_size_limit = ${64 * 1024 * 1024}`,
  'busy_timeout = 5000',
];

export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  checkpoints: CheckpointRepository;
  checkpointConfigs: CheckpointConfigRepository;
  devices: DeviceRepository;
  adminTokens: AdminTokenRepository;
  /** Admin accounts (username, password, scope) and the 8-hour sessions they sign in to (ADR 038). */
  adminAccounts: AdminAccountRepository;
  adminSessions: AdminSessionRepository;
  /** The checkpoint's lead PIN (hashed) and the lead sessions it buys (ADR 030). */
  leadPins: LeadPinRepository;
  leadSessions: LeadSessionRepository;
  policies: PolicyRepository;
  vehicleChecks: VehicleCheckRepository;
  /** Strips registrations past the policy's retention (the server runs it at start and daily). */
  retention: RegistrationRetention;
  /** The SQLite backup written before this opening migrated an existing store, else null. */
  preMigrationBackup: string | null;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** SQLite file (made 0600, its folder 0700 when created); ':memory:' for a throwaway store. Used when databaseUrl is empty. */
  sqliteFile?: string;
  /** postgres://… : use PostgreSQL instead of SQLite. */
  databaseUrl?: string | null;
  /** PostgreSQL schema to live in (created if missing), so tests can each have a clean one. */
  pgSchema?: string;
  /** Epoch-ms clock; Date.now when left out. */
  now?: () => number;
  /** scrypt cost of admin passwords; ADMIN_PASSWORD_COST unless a test lowers it. */
  adminPasswordCost?: ScryptCost;
}

function openSqlite(file: string): BetterSqlite3.Database {
  // Checks carry names, ID numbers and phones: no other user on the machine may read the file.
  if (file !== ':memory:') preparePrivateSqliteFile(file);
  const database = new BetterSqlite3(file);
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
  database.pragma('foreign_keys = ON');
  return database;
}

/**
 * Before a migration changes a store that already has a schema, a backup of it beside the file: a migration that
 * goes wrong (or a newer version rolled back) leaves the store as it was. A fresh file has nothing to keep.
 */
async function backupBeforeMigrating(
  db: Kysely<Database>,
  database: BetterSqlite3.Database,
  file: string,
  nowMs: number,
): Promise<string | null> {
  if (file === ':memory:') return null;
  const { executed, pending } = await migrationState(db as unknown as Kysely<unknown>);
  const firstPending = pending[0];
  // Nothing to run, or nothing yet to lose.
  if (firstPending === undefined || executed.length === 0) return null;
  const backup = preMigrationBackupName(file, firstPending, nowMs);
  await writeSqliteBackup(database, backup, { overwrite: false });
  return backup;
}

/** Per pool, not pg's global parser table: nothing else in the process is affected. */
function int8AsNumber(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return types;
}

async function postgresDialect(databaseUrl: string, pgSchema: string | undefined): Promise<Dialect> {
  if (pgSchema !== undefined) {
    // Interpolated into SQL and a connection option: only plain identifiers get that far.
    if (!/^[a-z_][a-z0-9_]{0,62}$/u.test(pgSchema)) throw new Error(`not a plain schema name: ${pgSchema}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${pgSchema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    ...(pgSchema === undefined ? {} : { options: `-c search_path=${pgSchema}` }),
    // bigint columns (epoch ms, counts) as numbers: they stay far below 2^53.
    types: int8AsNumber(),
  });
  return new OwnSchemaPostgresDialect({ pool });
}

export async function createStore(options: StoreOptions): Promise<Store> {
  const databaseUrl = options.databaseUrl ?? null;
  const dialect: StoreDialect = databaseUrl === null || databaseUrl === '' ? 'sqlite' : 'postgres';
  const now = options.now ?? Date.now;
  let kyselyDialect: Dialect;
  let sqlite: { database: BetterSqlite3.Database; file: string } | undefined;
  if (dialect === 'postgres' && databaseUrl !== null) {
    kyselyDialect = await postgresDialect(databaseUrl, options.pgSchema);
  } else {
    if (options.sqliteFile === undefined) throw new Error('createStore needs a sqliteFile or a databaseUrl');
    sqlite = { database: openSqlite(options.sqliteFile), file: options.sqliteFile };
    kyselyDialect = new SqliteDialect({ database: sqlite.database });
  }
  const db = new Kysely<Database>({ dialect: kyselyDialect });
  let preMigrationBackup: string | null = null;
  try {
    if (sqlite !== undefined) preMigrationBackup = await backupBeforeMigrating(db, sqlite.database, sqlite.file, now());
    // The schema unqualified names resolve to: pgSchema when given, else the URL's search_path (public).
    const pgSchema =
      dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
        : undefined;
    await migrateToLatest(db as unknown as Kysely<unknown>, pgSchema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const context: StoreContext = { db, dialect, now };
  const policies = createPolicyRepository(context);
  const retention = createRegistrationRetention(context, policies);
  return {
    db,
    dialect,
    checkpoints: createCheckpointRepository(context),
    checkpointConfigs: createCheckpointConfigRepository(context),
    devices: createDeviceRepository(context),
    adminTokens: createAdminTokenRepository(context),
    adminAccounts: createAdminAccountRepository(context, options.adminPasswordCost),
    adminSessions: createAdminSessionRepository(context),
    leadPins: createLeadPinRepository(context),
    leadSessions: createLeadSessionRepository(context),
    policies,
    vehicleChecks: createVehicleCheckRepository(context, {
      pastRetentionBefore: () => retention.pastRetentionBefore(),
      sqlite: sqlite?.database,
    }),
    retention,
    preMigrationBackup,
    close: () => db.destroy(),
  };
}
