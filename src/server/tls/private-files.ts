// Files only the server's own user may read: the folder 0700, key files 0600, each written whole or not at all.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

/** Creates the folder (and parents) if needed and narrows it to its owner even when it existed wider. */
export function ensurePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Writes beside the target, then renames over it: a reader (or a crash) sees the old file or the new one,
 * never half of one. The mode is set before any byte is written, so a key is never readable by others.
 */
export function writeFileAtomically(path: string, text: string, mode: number): void {
  const staging = join(dirname(path), `.${basename(path)}-${randomUUID()}.tmp`);
  try {
    writeFileSync(staging, text, { mode, flag: 'wx' });
    chmodSync(staging, mode);
    renameSync(staging, path);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
}
