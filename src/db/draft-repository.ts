// Drafts of checks being entered, saved on every change so a reload, a crash or a killed tab loses nothing typed.
import type { DraftRow, KakouDatabase } from './database.ts';
import { createDraftWriteAhead, type WriteAheadStore } from './draft-write-ahead.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface DraftRepository {
  /**
   * One put per call: callers may save on every change. The edit is kept synchronously before this returns, and the
   * puts of one draft commit in the order of the calls.
   */
  save(id: string, payload: unknown, now: number): Promise<void>;
  get(id: string): Promise<DraftRow | undefined>;
  /** The most recently updated draft: what to resume after a reload. */
  latest(): Promise<DraftRow | undefined>;
  remove(id: string): Promise<void>;
  /** Most recently updated first. */
  list(): Promise<DraftRow[]>;
}

export interface DraftRepositoryOptions {
  /** Where an edit waits for its IndexedDB commit (draft-write-ahead.ts); none in tests that do not kill tabs. */
  writeAhead?: WriteAheadStore | null;
}

export function createDraftRepository(db: KakouDatabase, options: DraftRepositoryOptions = {}): DraftRepository {
  const writeAhead = createDraftWriteAhead(options.writeAhead ?? null);
  // The last put of each draft still in flight: the next one waits for it, so an older edit never lands last.
  const inFlight = new Map<string, Promise<unknown>>();

  /**
   * A draft as the officer last left it. A kept edit is dropped as soon as its own put commits and replaced by every
   * newer edit, so one that is still there is the newest, whatever the clock said.
   */
  function withUncommittedEdit(row: DraftRow): DraftRow {
    const pending = writeAhead.read(row.id);
    return pending ? { id: row.id, updatedAt: pending.updatedAt, payload: pending.payload } : row;
  }

  async function put(id: string, payload: unknown, now: number): Promise<void> {
    const token = writeAhead.record(id, { updatedAt: now, payload });
    const previous = inFlight.get(id) ?? Promise.resolve();
    const committed = previous.then(() => db.drafts.put({ id, updatedAt: now, payload }));
    const settled = committed.catch(() => undefined);
    inFlight.set(id, settled);
    try {
      await committed;
      writeAhead.settle(id, token);
    } finally {
      if (inFlight.get(id) === settled) inFlight.delete(id);
    }
  }

  function resolve(row: DraftRow | undefined, id: string): DraftRow | undefined {
    if (row) return withUncommittedEdit(row);
    // No stored draft: the check was saved or discarded, and an edit left from before must not bring it back.
    // (A draft is stored before its screen opens, so a killed tab always left a row.) A first put still in flight
    // is not such an edit.
    if (!inFlight.has(id)) writeAhead.forget(id);
    return undefined;
  }

  return {
    save: (id, payload, now) => withStorageErrors(() => put(id, payload, now)),
    get: (id) => withStorageErrors(async () => resolve(await db.drafts.get(id), id)),
    latest: () =>
      withStorageErrors(async () => {
        const row = await db.drafts.orderBy('updatedAt').last();
        return row && withUncommittedEdit(row);
      }),
    remove: (id) =>
      withStorageErrors(async () => {
        writeAhead.forget(id);
        await db.drafts.delete(id);
      }),
    list: () =>
      withStorageErrors(async () =>
        (await db.drafts.orderBy('updatedAt').reverse().toArray()).map(withUncommittedEdit),
      ),
  };
}
