// Restoring the SQLite store from a backup, with the server stopped: the backup is checked to be a Kakou store, copied
// beside the store, flushed, and renamed over it; the old store's -wal and -shm go with it.
import { chmodSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { BACKUP_FILE_MODE, fsyncPath, removeSqliteFile, tempPathBeside } from './sqlite-backup.ts';
import { StoreInputError } from './store-errors.ts';

/** Kysely's bookkeeping table: present in every store the server has opened. */
const MIGRATION_TABLE = 'kysely_migration';

export interface RestoreResult {
  store: string;
  from: string;
  /** Stored checks in the restored store. */
  checks: number;
  /** The last migration the backup had run; the server runs any newer ones at its next start. */
  schema: string;
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Throws when another connection has the store open. The server holds its connection for as long as it runs, and
 * an exclusive lock cannot be had beside any other connection (reader or writer, WAL or not), so the attempt
 * answers "is it in use" without guessing from -wal/-shm files, which a crash leaves behind too.
 */
function refuseIfInUse(storeFile: string): void {
  let probe: BetterSqlite3.Database | undefined;
  try {
    probe = new BetterSqlite3(storeFile, { fileMustExist: true });
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('begin exclusive');
    probe.exec('rollback');
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new StoreInputError(`the store ${storeFile} is in use: stop the server (and any admin command) first`);
    }
    // Not a database (damaged, or anything else): nobody can be using it as one, and it is what --force replaces.
  } finally {
    probe?.close();
  }
}

/** Opens the copy, checks it is a whole Kakou store this server can run, and makes it one self-contained file. */
function inspectCopy(copy: string, from: string): { checks: number; schema: string } {
  const notKakou = (reason: string) => new StoreInputError(`${from} is not a Kakou store: ${reason}`);
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(copy, { fileMustExist: true });
  } catch (error) {
    throw notKakou(error instanceof Error ? error.message : String(error));
  }
  try {
    let integrity: unknown;
    try {
      integrity = database.pragma('integrity_check', { simple: true });
    } catch (error) {
      // "file is not a database", "database disk image is malformed"
      throw notKakou(error instanceof Error ? error.message : String(error));
    }
    if (integrity !== 'ok') throw notKakou(`PRAGMA integrity_check answered ${String(integrity)}`);
    const table = database
      .prepare("select name from sqlite_master where type = 'table' and name = ?")
      .get(MIGRATION_TABLE);
    if (table === undefined) throw notKakou(`it has no ${MIGRATION_TABLE} table`);
    const executed = (
      database.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]
    ).map((row) => row.name);
    const unknown = executed.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) {
      throw new StoreInputError(
        `${from} was made by a newer Kakou (migrations ${unknown.join(', ')}): restore it with that version`,
      );
    }
    const schema = executed.at(-1);
    if (schema === undefined) throw notKakou('no migration has run in it');
    const checks = (database.prepare('select count(*) as n from vehicle_checks').get() as { n: number }).n;
    // A copy of a WAL store would otherwise want a -wal beside it; the server turns WAL on again when it starts.
    database.pragma('journal_mode = DELETE');
    return { checks, schema };
  } finally {
    database.close();
  }
}

/**
 * `npm run admin -- restore`: replaces (with `overwrite`) or creates the store at `storeFile` from `fromFile`.
 * Between the in-use check and the rename a server could in principle start: the operator stopped it to restore.
 */
export function restoreStoreFile(
  storeFile: string,
  fromFile: string,
  { overwrite }: { overwrite: boolean },
): RestoreResult {
  if (!existsSync(fromFile)) throw new StoreInputError(`there is no backup at ${fromFile}`);
  // The store's own -wal, removed below, may hold its latest commits: a store is never restored from itself.
  if (resolve(fromFile) === resolve(storeFile))
    throw new StoreInputError(`${fromFile} is the store itself: restore from a backup`);
  if (existsSync(storeFile)) {
    if (!overwrite) {
      throw new StoreInputError(`a store already exists at ${storeFile}; add --force to replace it (back it up first)`);
    }
    refuseIfInUse(storeFile);
  }
  // Checks carry names, ID numbers and phones: a folder made here is the server's alone, as create-store makes it.
  mkdirSync(dirname(storeFile), { recursive: true, mode: 0o700 });
  const temp = tempPathBeside(storeFile, 'restore');
  try {
    copyFileSync(fromFile, temp, constants.COPYFILE_EXCL);
    chmodSync(temp, BACKUP_FILE_MODE);
    const inspected = inspectCopy(temp, fromFile);
    fsyncPath(temp);
    // The old store's WAL would be replayed onto the restored file: it goes first, then the new file takes the name.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${storeFile}${suffix}`, { force: true });
    renameSync(temp, storeFile);
    fsyncPath(dirname(storeFile));
    return { store: storeFile, from: fromFile, ...inspected };
  } finally {
    removeSqliteFile(temp);
  }
}
