// The division lists this tablet keeps in IndexedDB (ADR 034), one row per chunk: read by the destination picker and
// the tablet's own hand-off list, offline; written when the tablet fetched a list online.
import type { DivisionChunkKey } from '../domain/division-data.ts';
import type { KakouDatabase } from './database.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface DivisionChunkStore {
  /** The chunk stored under `key` for this edition of the lists; undefined when none is (or an older edition's). */
  get(key: DivisionChunkKey, version: string): Promise<unknown>;
  put(key: DivisionChunkKey, version: string, chunk: unknown, now: number): Promise<void>;
  /** The keys stored for this edition; rows of other editions are removed. */
  keys(version: string): Promise<string[]>;
}

export function createDivisionChunkStore(db: KakouDatabase): DivisionChunkStore {
  return {
    get: (key, version) =>
      withStorageErrors(async () => {
        const row = await db.divisionChunks.get(key);
        return row?.version === version ? row.chunk : undefined;
      }),
    put: (key, version, chunk, now) =>
      withStorageErrors(async () => {
        await db.divisionChunks.put({ key, version, chunk, storedAt: now });
      }),
    keys: (version) =>
      withStorageErrors(async () => {
        await db.divisionChunks.filter((row) => row.version !== version).delete();
        return (await db.divisionChunks.toCollection().primaryKeys()).sort();
      }),
  };
}
