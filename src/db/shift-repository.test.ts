import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeShift } from '../domain/shift-summary.ts';
import type { KakouDatabase, ShiftHandover, ShiftRow } from './database.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createShiftRepository, type ShiftRepository } from './shift-repository.ts';
import { openTestDatabase } from '../../tests/support/db/fixtures.ts';

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

describe('closing a shift with its hand-over', () => {
  const handover: ShiftHandover = {
    summary: summarizeShift([], 'day'),
    note: '2号通道的测温枪电量低',
    receivingTeam: 'B',
  };

  it('ends the shift, keeps the hand-over on it and signs the officer out, all at once', async () => {
    const settings = createSettingsRepository(db);
    await shifts.start(shift('day', 1_000));
    await settings.set('session', {
      officerId: 'officer-017',
      officerName: '李警官',
      team: 'A',
      shiftId: 'day',
      startedAt: 1_000,
    });

    await shifts.closeWithHandover('day', handover, 9_000);

    expect(await shifts.get('day')).toMatchObject({ endedAt: 9_000, handover });
    expect(await settings.get('session')).toBeNull();
    expect(await shifts.current()).toBeUndefined();
  });

  it('keeps the first hand-over of a shift closed twice, and leaves another officer’s session alone', async () => {
    const settings = createSettingsRepository(db);
    await shifts.start(shift('day', 1_000));
    await shifts.closeWithHandover('day', handover, 9_000);
    await settings.set('session', {
      officerId: 'officer-020',
      officerName: '赵警官',
      team: 'B',
      shiftId: 'next',
      startedAt: 9_500,
    });

    await shifts.closeWithHandover('day', { ...handover, note: '' }, 10_000);

    expect(await shifts.get('day')).toMatchObject({ endedAt: 9_000, handover: { note: '2号通道的测温枪电量低' } });
    expect((await settings.get('session'))?.shiftId).toBe('next');
  });

  it('lists the tablet’s shifts newest first', async () => {
    await shifts.start(shift('morning', 1_000));
    await shifts.start(shift('night', 3_000));
    await shifts.start(shift('noon', 2_000));
    expect((await shifts.list()).map((row) => row.id)).toEqual(['night', 'noon', 'morning']);
  });
});
