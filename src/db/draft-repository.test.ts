import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKakouDatabase, type KakouDatabase } from './database.ts';
import { createDraftRepository, type DraftRepository } from './draft-repository.ts';
import type { WriteAheadStore } from './draft-write-ahead.ts';
import { openTestDatabase } from '../../tests/support/db/fixtures.ts';

let db: KakouDatabase;
let drafts: DraftRepository;

beforeEach(() => {
  db = openTestDatabase();
  drafts = createDraftRepository(db);
});

afterEach(async () => {
  await db.delete();
});

describe('draft repository', () => {
  it('gives back what was typed, after the last save', async () => {
    await drafts.save('c1', { step: 'vehicle', plate: '湘K1' }, 1_000);
    await drafts.save('c1', { step: 'persons', plate: '湘K12345', temperatures: [36.6] }, 2_000);

    expect(await drafts.get('c1')).toEqual({
      id: 'c1',
      updatedAt: 2_000,
      payload: { step: 'persons', plate: '湘K12345', temperatures: [36.6] },
    });
    expect(await drafts.get('missing')).toBeUndefined();
  });

  it('resumes the most recently touched draft', async () => {
    expect(await drafts.latest()).toBeUndefined();
    await drafts.save('older', { n: 1 }, 1_000);
    await drafts.save('newer', { n: 2 }, 3_000);
    await drafts.save('middle', { n: 3 }, 2_000);

    expect((await drafts.latest())?.id).toBe('newer');
    expect((await drafts.list()).map((d) => d.id)).toEqual(['newer', 'middle', 'older']);
  });

  it('forgets a removed draft', async () => {
    await drafts.save('c1', { n: 1 }, 1_000);
    await drafts.save('c2', { n: 2 }, 2_000);
    await drafts.remove('c2');

    expect(await drafts.get('c2')).toBeUndefined();
    expect((await drafts.latest())?.id).toBe('c1');
  });
});

/** localStorage as a plain map: what the browser keeps outside the tab's process. */
function memoryStore(): WriteAheadStore & { size: () => number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    size: () => items.size,
  };
}

describe('draft repository, when the tab dies before IndexedDB commits', () => {
  let name: string;
  let store: ReturnType<typeof memoryStore>;

  beforeEach(() => {
    name = db.name;
    store = memoryStore();
    drafts = createDraftRepository(db, { writeAhead: store });
  });

  /** The tab is gone with its edit's put not committed; a new tab opens the same database. */
  async function killTabDuring(edit: () => Promise<void>): Promise<DraftRepository> {
    db.close({ disableAutoOpen: true });
    await expect(edit()).rejects.toThrow();
    db = openKakouDatabase({ name });
    return createDraftRepository(db, { writeAhead: store });
  }

  it('gives back the last edit after the tab is killed, in the resume list too', async () => {
    await drafts.save('c1', { plate: '湘K1' }, 1_000);
    const reopened = await killTabDuring(() => drafts.save('c1', { plate: '湘K12' }, 2_000));

    expect(await reopened.get('c1')).toEqual({ id: 'c1', updatedAt: 2_000, payload: { plate: '湘K12' } });
    expect((await reopened.latest())?.payload).toEqual({ plate: '湘K12' });
    expect((await reopened.list()).map((d) => d.payload)).toEqual([{ plate: '湘K12' }]);
  });

  it('keeps nothing aside once an edit is committed, and commits quick edits in the order they were made', async () => {
    await Promise.all([
      drafts.save('c1', { plate: '湘K1' }, 1_000),
      drafts.save('c1', { plate: '湘K12' }, 1_000),
      drafts.save('c1', { plate: '湘K123' }, 1_001),
    ]);

    expect(store.size()).toBe(0);
    expect((await drafts.get('c1'))?.payload).toEqual({ plate: '湘K123' });
  });

  it('does not bring back the draft of a check saved since', async () => {
    await drafts.save('c1', { plate: '湘K1' }, 1_000);
    const reopened = await killTabDuring(() => drafts.save('c1', { plate: '湘K12' }, 2_000));
    await db.drafts.delete('c1'); // as saving the check does, in the check's own transaction

    expect(await reopened.get('c1')).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('forgets the kept edit of a removed draft', async () => {
    await drafts.save('c1', { plate: '湘K1' }, 1_000);
    const reopened = await killTabDuring(() => drafts.save('c1', { plate: '湘K12' }, 2_000));
    await reopened.remove('c1');

    expect(store.size()).toBe(0);
    expect(await reopened.get('c1')).toBeUndefined();
  });

  it('still saves to IndexedDB when localStorage refuses the copy (full or blocked)', async () => {
    const full: WriteAheadStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const refused = createDraftRepository(db, { writeAhead: full });
    await refused.save('c1', { plate: '湘K1' }, 1_000);

    expect((await refused.get('c1'))?.payload).toEqual({ plate: '湘K1' });
  });
});
