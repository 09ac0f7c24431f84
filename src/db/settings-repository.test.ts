import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KakouDatabase } from './database.ts';
import { createSettingsRepository, type SettingsMap, type SettingsRepository } from './settings-repository.ts';
import { openTestDatabase } from '../../tests/support/db/fixtures.ts';

let db: KakouDatabase;
let settings: SettingsRepository;

beforeEach(() => {
  db = openTestDatabase();
  settings = createSettingsRepository(db);
});

afterEach(async () => {
  await db.delete();
});

const device: SettingsMap['device'] = {
  checkpointId: 'cp-hn-lou-01',
  checkpointName: '娄底收费站',
  province: '湖南',
  city: '娄底',
  timeZone: 'Asia/Shanghai',
  deviceId: 'tablet-03',
  deviceName: '3号平板',
};

describe('settings repository', () => {
  it('reads back each setting as written, and undefined before it is written', async () => {
    expect(await settings.get('device')).toBeUndefined();

    await settings.set('device', device);
    await settings.set('teams', ['A', 'B', 'C']);
    await settings.set('session', {
      officerId: 'officer-017',
      officerName: '李警官',
      team: 'B',
      shiftId: 's1',
      startedAt: 1_000,
    });

    const stored = await settings.get('device');
    expect(stored?.timeZone).toBe('Asia/Shanghai');
    expect(stored).toEqual(device);
    expect(await settings.get('teams')).toEqual(['A', 'B', 'C']);
    expect((await settings.get('session'))?.officerName).toBe('李警官');
  });

  it('signs out by storing a null session, which is not the same as never set', async () => {
    await settings.set('session', { officerId: 'o', officerName: 'n', team: 'A', shiftId: 's', startedAt: 1 });
    await settings.set('session', null);

    expect(await settings.get('session')).toBeNull();
  });
});
