// The lead PIN on the tablet: set once without an old PIN, checked offline, wrong guesses lock and the lock survives a reopen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KakouDatabase } from './database.ts';
import { createLeadPinRepository, LeadPinRefusedError, type LeadPinRepository } from './lead-pin-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { openTestDatabase } from '../../tests/support/db/fixtures.ts';

const T0 = Date.parse('2026-11-28T08:00:00+08:00');
const PIN = '482913';

let db: KakouDatabase;
let pins: LeadPinRepository;

beforeEach(() => {
  db = openTestDatabase();
  pins = createLeadPinRepository(createSettingsRepository(db), { iterations: 1000 });
});

afterEach(async () => {
  await db.delete();
});

describe('lead PIN repository', () => {
  it('has no PIN until one is set; the first needs no old PIN, a second first is refused', async () => {
    await expect(pins.isSet()).resolves.toBe(false);
    await expect(pins.verify(PIN, T0)).resolves.toEqual({ kind: 'no-pin' });
    await pins.setFirst(PIN, T0);
    await expect(pins.isSet()).resolves.toBe(true);
    await expect(pins.setFirst('735190', T0)).rejects.toEqual(new LeadPinRefusedError('already-set'));
    await expect(pins.verify(PIN, T0)).resolves.toEqual({ kind: 'accepted' });
  });

  it('stores only the hash: the PIN digits appear nowhere in the settings table', async () => {
    await pins.setFirst(PIN, T0);
    const rows = JSON.stringify(await db.settings.toArray());
    expect(rows).not.toContain(PIN);
    expect(rows).toContain('PBKDF2-SHA-256');
  });

  it('refuses a weak PIN', async () => {
    await expect(pins.setFirst('111111', T0)).rejects.toEqual(new LeadPinRefusedError('weak'));
    await expect(pins.isSet()).resolves.toBe(false);
  });

  it('locks after five wrong PINs in a row, even for the right one, and the lock survives reopening the database', async () => {
    await pins.setFirst(PIN, T0);
    const verdicts = [];
    for (let i = 0; i < 5; i += 1) verdicts.push(await pins.verify('000001', T0 + i));
    expect(verdicts.slice(0, 4)).toEqual(
      [4, 3, 2, 1].map((attemptsBeforeLock) => ({ kind: 'wrong', attemptsBeforeLock })),
    );
    expect(verdicts[4]).toEqual({ kind: 'locked', lockedUntil: T0 + 4 + 30_000 });

    const reopened = createLeadPinRepository(createSettingsRepository(db), { iterations: 1000 });
    await expect(reopened.verify(PIN, T0 + 10_000)).resolves.toEqual({ kind: 'locked', lockedUntil: T0 + 4 + 30_000 });
    // After the wait a sixth wrong PIN locks for twice as long; the right one then clears the count.
    await expect(reopened.verify('000001', T0 + 40_000)).resolves.toEqual({
      kind: 'locked',
      lockedUntil: T0 + 40_000 + 60_000,
    });
    await expect(reopened.verify(PIN, T0 + 100_001)).resolves.toEqual({ kind: 'accepted' });
    await expect(reopened.attempts()).resolves.toEqual({ failures: 0, lockedUntil: null });
  });

  it('changes the PIN only with the current one', async () => {
    await pins.setFirst(PIN, T0);
    await expect(pins.change('000001', '735190', T0)).resolves.toEqual({ kind: 'wrong', attemptsBeforeLock: 4 });
    await expect(pins.change(PIN, '123456', T0)).rejects.toEqual(new LeadPinRefusedError('weak'));
    await expect(pins.change(PIN, '735190', T0)).resolves.toEqual({ kind: 'accepted' });
    await expect(pins.verify(PIN, T0)).resolves.toEqual({ kind: 'wrong', attemptsBeforeLock: 4 });
    await expect(pins.verify('735190', T0)).resolves.toEqual({ kind: 'accepted' });
  });
});
