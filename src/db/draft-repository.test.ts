import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KakouDatabase } from './database.ts';
import { createDraftRepository, type DraftRepository } from './draft-repository.ts';
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
