// Keeps the SQLite store for the server's own user alone: its folder 0700, the file 0600 before SQLite opens it
// (SQLite gives the -wal and -shm files the main file's mode), whatever the process's umask.
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;
/** What SQLite keeps beside the main file. */
const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'];
const PERMISSION_BITS = 0o777;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function modeOf(path: string): number | null {
  try {
    return statSync(path).mode & PERMISSION_BITS;
  } catch (error) {
    // Missing is an answer here (the file is yet to be made); anything else is the caller's problem.
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Removes the permission bits outside `allowed`; never adds one, so an operator's stricter choice stays. */
function tighten(path: string, allowed: number): void {
  const mode = modeOf(path);
  // Already private, or not there to tighten.
  if (mode === null || (mode & ~allowed) === 0) return;
  try {
    chmodSync(path, mode & allowed);
  } catch (error) {
    // Owned by another user, who chose its mode: SQLite still works if we may write, and says so if not.
    if (errorCode(error) !== 'EPERM') throw error;
  }
}

/** Creates `dir` and the missing folders above it, each 0700: nothing but the store lives in folders we make. */
function createMissingFolders(dir: string): void {
  const missing: string[] = [];
  for (let folder = dir; modeOf(folder) === null; folder = dirname(folder)) missing.unshift(folder);
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: PRIVATE_DIR_MODE });
    } catch (error) {
      // Made by someone else in the meantime: then it is theirs, and its mode too.
      if (errorCode(error) === 'EEXIST') continue;
      throw error;
    }
    // The umask may have taken bits off the mode mkdir was given; the store's folder is 0700 exactly.
    chmodSync(folder, PRIVATE_DIR_MODE);
  }
}

/** What the server itself keeps beside its store: the TLS authority's folder (ADR 017). */
const SERVER_OWN_ENTRIES = ['tls'];
/** Backups the server writes beside the store before a migration (ADR 020). */
const PRE_MIGRATION_BACKUP = /\.before-\d+-\d{8}T\d{6}Z\.bak$/u;

/**
 * A folder that holds this store's files (and what the server keeps beside them) and nothing else is the one an
 * earlier version made with the default 0755: ours to tighten. Any other existing folder (a home, /var/lib, a mount
 * point, /tmp) keeps the mode it has.
 */
function isStoreOnlyFolder(dir: string, file: string): boolean {
  const name = basename(file);
  const storeFiles = new Set([name, ...SIDECAR_SUFFIXES.map((suffix) => `${name}${suffix}`), ...SERVER_OWN_ENTRIES]);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    // A folder we may not even list was set up by someone else, deliberately.
    if (errorCode(error) === 'EACCES') return false;
    throw error;
  }
  return (
    entries.includes(name) &&
    entries.every((entry) => storeFiles.has(entry) || (entry.startsWith(name) && PRE_MIGRATION_BACKUP.test(entry)))
  );
}

/** Creates the store's file 0600 (and its folder 0700) if missing, and tightens the files of an existing store. */
export function preparePrivateSqliteFile(sqliteFile: string): void {
  const file = resolve(sqliteFile);
  const dir = dirname(file);
  if (modeOf(dir) === null) createMissingFolders(dir);
  else if (isStoreOnlyFolder(dir, file)) tighten(dir, PRIVATE_DIR_MODE);
  try {
    // 'wx': the mode is given to a new file only; chmod after it, since the umask may have taken bits off.
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    // An existing store: tightened below, with its -wal and -shm.
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  for (const path of [file, ...SIDECAR_SUFFIXES.map((suffix) => `${file}${suffix}`)]) tighten(path, PRIVATE_FILE_MODE);
}
