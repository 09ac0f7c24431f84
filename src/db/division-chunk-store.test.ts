import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import { sampleCountyIndex } from '../../tests/support/domain/sample-divisions.ts';
import { openKakouDatabase } from './database.ts';
import { createDivisionChunkStore } from './division-chunk-store.ts';

const uniqueName = () => `kakou-divisions-${Math.random().toString(36).slice(2)}`;

it('keeps a list per edition: another edition’s is neither served nor kept', async () => {
  const db = openKakouDatabase({ name: uniqueName() });
  try {
    const store = createDivisionChunkStore(db);
    await store.put('counties', 'old-edition', { version: 'old-edition' }, 1);
    expect(await store.get('counties', 'cd-2.7.0-1')).toBeUndefined();
    await store.put('townships-43', 'cd-2.7.0-1', { province: '43' }, 2);
    expect(await store.keys('cd-2.7.0-1')).toEqual(['townships-43']);
    expect(await db.divisionChunks.count()).toBe(1);
    expect(await store.get('townships-43', 'cd-2.7.0-1')).toEqual({ province: '43' });
  } finally {
    await db.delete();
  }
});

it('opens a version-3 tablet’s database as version 4 with its checks kept and room for the lists', async () => {
  const name = uniqueName();
  const check = makeVehicleCheck();
  // The schema as tablets in the field have it before this version.
  const v3 = new Dexie(name);
  v3.version(1).stores({
    checks: 'id, day, syncState, [day+syncState], completedAt',
    outbox: '++seq, &checkId',
    drafts: 'id, updatedAt',
    settings: 'key',
    shifts: 'id, startedAt',
  });
  v3.version(2).stores({ syncMarks: 'id, syncedAt' });
  v3.version(3).stores({ tallySlots: 'key, day' });
  await v3.table('checks').put({ id: check.id, rev: 1, day: '2026-11-28', check });
  v3.close();

  const db = openKakouDatabase({ name });
  try {
    expect(db.verno).toBe(4);
    expect((await db.checks.get(check.id))?.check.id).toBe(check.id);
    await createDivisionChunkStore(db).put('counties', sampleCountyIndex.version, sampleCountyIndex, 0);
    expect(await createDivisionChunkStore(db).get('counties', sampleCountyIndex.version)).toEqual(sampleCountyIndex);
  } finally {
    await db.delete();
  }
});
