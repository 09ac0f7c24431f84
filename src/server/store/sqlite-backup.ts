// Online backups of the SQLite store: SQLite's backup API copies one consistent snapshot while the server runs and
// ingests, into a private (0600) file beside the target that is renamed into place only when complete.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreInputError } from './store-errors.ts';

/** Owner read/write only: a backup holds every registration the store holds. */
export const BACKUP_FILE_MODE = 0o600;

/**
 * Pages per backup step: all of them. SQLite restarts a stepwise backup whenever another connection writes between
 * steps, which under steady ingest could go on for ever; one step reads one snapshot (WAL lets ingest go on beside it).
 */
const ALL_PAGES = 0x7fffffff;

/** How long the backup's read waits if the store is briefly locked (recovery after a crash). */
const BACKUP_BUSY_TIMEOUT_MS = 5000;

export interface BackupResult {
  file: string;
  bytes: number;
  /** Stored checks counted in the backup file itself. */
  checks: number;
}

/** Flushes a file, or a directory's entries (a rename), to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A fresh name beside `target`, so the final rename stays on one file system. */
export function tempPathBeside(target: string, purpose: string): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes a SQLite file's companions (-wal, -shm, -journal) too. */
export function removeSqliteFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function countChecks(file: string): number {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare('select count(*) as n from vehicle_checks').get() as { n: number };
    return row.n;
  } finally {
    database.close();
  }
}

/**
 * Copies `source` (an open connection, the server's own or another process's) to `toFile`. Refuses an existing
 * `toFile` unless `overwrite`; a failed backup leaves no file and an older backup under that name untouched.
 */
export async function writeSqliteBackup(
  source: BetterSqlite3.Database,
  toFile: string,
  { overwrite }: { overwrite: boolean },
): Promise<BackupResult> {
  if (!existsSync(dirname(toFile))) throw new StoreInputError(`the folder ${dirname(toFile)} does not exist`);
  if (!overwrite && existsSync(toFile)) {
    throw new StoreInputError(`${toFile} already exists; add --force to replace it`);
  }
  const temp = tempPathBeside(toFile, 'backup');
  try {
    // Created empty and private first: SQLite keeps an existing file's mode, so the copy is never readable by others.
    closeSync(openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, BACKUP_FILE_MODE));
    await source.backup(temp, { progress: () => ALL_PAGES });
    // One self-contained file: no -wal beside it to forget when it is copied off the machine.
    const copy = new BetterSqlite3(temp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const checks = countChecks(temp);
    fsyncPath(temp);
    if (overwrite) renameSync(temp, toFile);
    else {
      // link fails if the name was taken meanwhile, where rename would replace it.
      linkSync(temp, toFile);
      rmSync(temp);
    }
    fsyncPath(dirname(toFile));
    return { file: toFile, bytes: statSync(toFile).size, checks };
  } finally {
    removeSqliteFile(temp);
  }
}

/** `npm run admin -- backup`: a backup of the store file, whoever has it open (the running server included). */
export async function backupStoreFile(
  storeFile: string,
  toFile: string,
  options: { overwrite: boolean },
): Promise<BackupResult> {
  if (!existsSync(storeFile)) throw new StoreInputError(`there is no store at ${storeFile} (KAKOU_DB)`);
  // --force would otherwise rename the copy over the live store or its journal, under the running server.
  const live = resolve(storeFile);
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].includes(resolve(toFile))) {
    throw new StoreInputError(`${toFile} is the store itself or its journal: back it up to another file`);
  }
  const source = new BetterSqlite3(storeFile, { fileMustExist: true });
  try {
    source.pragma(`busy_timeout = ${BACKUP_BUSY_TIMEOUT_MS}`);
    return await writeSqliteBackup(source, toFile, options);
  } finally {
    source.close();
  }
}

/** `kakou.sqlite.before-004-20261204T153012Z.bak`: which migration was about to run, and when (UTC). */
export function preMigrationBackupName(storeFile: string, firstPending: string, nowMs: number): string {
  const number = firstPending.split('-')[0] ?? firstPending;
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}Z$/u, 'Z');
  return `${storeFile}.before-${number}-${stamp}.bak`;
}
