import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KakouDatabase, ShiftRow } from './database.ts';
import { createShiftRepository, type ShiftRepository } from './shift-repository.ts';
import { openTestDatabase } from './test-fixtures.ts';

let db: KakouDatabase;
let shifts: ShiftRepository;

beforeEach(() => {
  db = openTestDatabase();
  shifts = createShiftRepository(db);
});

afterEach(async () => {
  await db.delete();
});

const shift = (id: string, startedAt: number): ShiftRow => ({
  id,
  officerId: 'officer-017',
  officerName: '李警官',
  team: 'A',
  startedAt,
  endedAt: null,
});

describe('shift repository', () => {
  it('knows the open shift, and none once it is ended', async () => {
    expect(await shifts.current()).toBeUndefined();
    await shifts.start(shift('night', 1_000));
    expect((await shifts.current())?.id).toBe('night');

    await shifts.end('night', 9_000);

    expect(await shifts.current()).toBeUndefined();
    expect((await shifts.get('night'))?.endedAt).toBe(9_000);
  });

  it('takes the latest started of the open shifts', async () => {
    await shifts.start(shift('early', 1_000));
    await shifts.start(shift('late', 5_000));
    await shifts.start(shift('closed', 8_000));
    await shifts.end('closed', 9_000);

    expect((await shifts.current())?.id).toBe('late');
  });

  it('keeps the first end time when a shift is ended twice', async () => {
    await shifts.start(shift('day', 1_000));
    await shifts.end('day', 2_000);
    await shifts.end('day', 3_000);

    expect((await shifts.get('day'))?.endedAt).toBe(2_000);
  });
});
