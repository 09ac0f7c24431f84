import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { createCheckRepository, type CheckRepository } from './check-repository.ts';
import type { KakouDatabase } from './database.ts';
import { createRetention, type Retention } from './retention.ts';
import { makePersonCheck, makeVehicleCheck, openTestDatabase } from '../../tests/support/db/fixtures.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;
const RETENTION_DAYS = 28;
const ZONE = 'Asia/Shanghai';

let db: KakouDatabase;
let checks: CheckRepository;
let retention: Retention;

beforeEach(() => {
  db = openTestDatabase();
  checks = createCheckRepository(db);
  retention = createRetention(db);
});

afterEach(async () => {
  await db.delete();
});

/** A released driver and a flagged, registered passenger. */
function flaggedCheck(): VehicleCheck {
  return makeVehicleCheck({
    persons: [
      makePersonCheck(),
      makePersonCheck({
        role: 'passenger',
        itineraryStar: true,
        flags: ['itinerary-star'],
        disposition: 'push-destination',
        registration: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
      }),
    ],
    disposition: 'push-destination',
  });
}

async function savedDaysAgo(check: VehicleCheck, days: number): Promise<void> {
  await checks.saveCompleted(check, { timeZone: ZONE, now: NOW - days * DAY_MS - 60_000 });
}

async function syncedDaysAgo(check: VehicleCheck, days: number): Promise<void> {
  await savedDaysAgo(check, days);
  await checks.markSynced([{ id: check.id, rev: check.rev }], NOW - days * DAY_MS);
}

const apply = () => retention.apply({ now: NOW, retentionDays: RETENTION_DAYS });

describe('retention', () => {
  it('removes a check synced 29 days ago, with its acknowledgement, and keeps one synced 27 days ago', async () => {
    const old = makeVehicleCheck();
    const recent = makeVehicleCheck();
    await syncedDaysAgo(old, 29);
    await syncedDaysAgo(recent, 27);

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 1 });

    expect(await checks.get(old.id)).toBeUndefined();
    expect(await db.syncMarks.get(old.id)).toBeUndefined();
    expect((await checks.get(recent.id))?.syncState).toBe('synced');
    // The day's report no longer counts the removed check.
    expect((await checks.tallySourcesForDay('2026-11-28')).map((row) => row.id)).toEqual([recent.id]);
  });

  it('clears the registration of a check synced 15 days ago and keeps the check and its screening', async () => {
    const check = flaggedCheck();
    await syncedDaysAgo(check, 15);

    expect(await apply()).toEqual({ registrationsCleared: 1, checksRemoved: 0 });

    const kept = await checks.get(check.id);
    expect(kept?.syncState).toBe('synced');
    expect(kept?.check.persons.map((p) => p.registration)).toEqual([null, null]);
    expect(kept?.check.persons[1]?.flags).toEqual(['itinerary-star']);
    expect(kept?.check.vehicle.plate).toBe('湘K12345');
  });

  it('keeps the registration of a check synced 13 days ago', async () => {
    const check = flaggedCheck();
    await syncedDaysAgo(check, 13);

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 0 });
    expect((await checks.get(check.id))?.check.persons[1]?.registration?.name).toBe('张三');
  });

  it('never touches a pending check, however old, registration included', async () => {
    const check = flaggedCheck();
    await savedDaysAgo(check, 60);

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 0 });
    expect(await checks.get(check.id)).toMatchObject({ syncState: 'pending', check });
    expect(await checks.countPending()).toBe(1);
  });

  it('keeps a rejected check, however old', async () => {
    const check = flaggedCheck();
    await syncedDaysAgo(check, 40);
    const amended = { ...check, rev: 2, notes: '复核' };
    await savedDaysAgo(amended, 35);
    await checks.markRejected(check.id, 2, 'policy version unknown');

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 0 });
    expect(await checks.get(check.id)).toMatchObject({ syncState: 'rejected', check: amended });
  });

  it('keeps a check amended after an old sync while the amendment is pending', async () => {
    const check = flaggedCheck();
    await syncedDaysAgo(check, 30);
    const amended = { ...check, rev: 2, notes: '复核' };
    await savedDaysAgo(amended, 1);

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 0 });
    expect(await checks.get(check.id)).toMatchObject({ syncState: 'pending', check: amended });
    expect(await checks.listPending(10)).toHaveLength(1);
  });

  it('counts what it did across many checks and leaves drafts alone', async () => {
    const removed = [makeVehicleCheck(), flaggedCheck(), makeVehicleCheck()];
    const cleared = [flaggedCheck(), flaggedCheck()];
    const unregistered = makeVehicleCheck();
    for (const check of removed) await syncedDaysAgo(check, 29);
    for (const check of cleared) await syncedDaysAgo(check, 20);
    await syncedDaysAgo(unregistered, 20);
    await db.drafts.put({ id: 'draft-1', updatedAt: NOW - 90 * DAY_MS, payload: { step: 'scan' } });

    expect(await apply()).toEqual({ registrationsCleared: 2, checksRemoved: 3 });

    expect(await db.checks.count()).toBe(3);
    expect(await db.drafts.get('draft-1')).toBeDefined();
  });

  it('clears an amended registration again once the amendment has been synced for half the retention', async () => {
    const check = flaggedCheck();
    await syncedDaysAgo(check, 20);
    expect((await apply()).registrationsCleared).toBe(1);

    // The officer re-enters the registration in an amendment, synced 15 days before a later run.
    const amended = { ...flaggedCheck(), id: check.id, rev: 2 };
    await syncedDaysAgo(amended, 0);
    expect(await retention.apply({ now: NOW + 10 * DAY_MS, retentionDays: RETENTION_DAYS })).toEqual({
      registrationsCleared: 0,
      checksRemoved: 0,
    });
    expect(await retention.apply({ now: NOW + 15 * DAY_MS, retentionDays: RETENTION_DAYS })).toEqual({
      registrationsCleared: 1,
      checksRemoved: 0,
    });
    expect((await checks.get(check.id))?.check.persons[1]?.registration).toBeNull();
  });

  it('follows the policy: a 10-day retention removes a check synced 11 days ago', async () => {
    const check = makeVehicleCheck();
    await syncedDaysAgo(check, 11);

    expect(await retention.apply({ now: NOW, retentionDays: 10 })).toEqual({
      registrationsCleared: 0,
      checksRemoved: 1,
    });
    expect(await checks.get(check.id)).toBeUndefined();
  });

  it('removes a check acknowledged under schema version 1 (syncedAt on the row, no acknowledgement row)', async () => {
    const check = flaggedCheck();
    await db.checks.put({
      id: check.id,
      rev: 1,
      day: '2026-11-28',
      completedAt: check.completedAt,
      savedAt: NOW - 40 * DAY_MS,
      syncState: 'synced',
      syncedAt: NOW - 30 * DAY_MS,
      rejectReason: null,
      check,
    });

    expect(await apply()).toEqual({ registrationsCleared: 0, checksRemoved: 1 });
    expect(await db.checks.count()).toBe(0);
  });
});
