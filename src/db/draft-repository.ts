// Drafts of checks being entered, saved on every change so a reload or a crash loses nothing typed.
import type { DraftRow, KakouDatabase } from './database.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface DraftRepository {
  /** One put per call: callers may save on every change. */
  save(id: string, payload: unknown, now: number): Promise<void>;
  get(id: string): Promise<DraftRow | undefined>;
  /** The most recently updated draft: what to resume after a reload. */
  latest(): Promise<DraftRow | undefined>;
  remove(id: string): Promise<void>;
  /** Most recently updated first. */
  list(): Promise<DraftRow[]>;
}

export function createDraftRepository(db: KakouDatabase): DraftRepository {
  return {
    save: (id, payload, now) =>
      withStorageErrors(async () => {
        await db.drafts.put({ id, updatedAt: now, payload });
      }),
    get: (id) => withStorageErrors(() => db.drafts.get(id)),
    latest: () => withStorageErrors(() => db.drafts.orderBy('updatedAt').last()),
    remove: (id) => withStorageErrors(() => db.drafts.delete(id)),
    list: () => withStorageErrors(() => db.drafts.orderBy('updatedAt').reverse().toArray()),
  };
}
