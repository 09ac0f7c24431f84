// The report's packed copy of each check (ADR 013): kept in step with the check by every write, filled when a tablet upgrades.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyDay, type TallyContext } from '../domain/tally.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { createCheckRepository, type CheckRepository } from './check-repository.ts';
import { openKakouDatabase, type KakouDatabase } from './database.ts';
import { UNENROLLED_CHECKPOINT_ID } from './settings-repository.ts';
import { makePersonCheck, makeVehicleCheck, openTestDatabase } from '../../tests/support/db/fixtures.ts';

const SHANGHAI = { timeZone: 'Asia/Shanghai', now: Date.parse('2026-11-28T20:00:00+08:00') };
const CONTEXT: TallyContext = {
  checkpointId: 'cp-hn-lou-01',
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: '2026-11-28T20:00:00+08:00',
};

/** A truck from Guangdong, team B, a feverish registered passenger. */
function feverTruck(): VehicleCheck {
  return makeVehicleCheck({
    team: 'B',
    completedAt: '2026-11-28T09:30:00+08:00',
    vehicle: { ...makeVehicleCheck().vehicle, type: 'truck', origin: { province: '广东', city: '深圳' } },
    persons: [
      makePersonCheck(),
      makePersonCheck({
        role: 'passenger',
        flags: ['fever', 'no-valid-test'],
        disposition: 'fever-clinic',
        registration: { name: '李四', idNumber: '11010519491231002X', phone: '13800138000' },
      }),
    ],
    disposition: 'fever-clinic',
  });
}

let db: KakouDatabase;
let repo: CheckRepository;

beforeEach(() => {
  db = openTestDatabase();
  repo = createCheckRepository(db);
});

afterEach(async () => {
  await db.delete();
});

describe('tally rows', () => {
  it('count the day exactly as the whole checks do, and carry no registration', async () => {
    const checks = [makeVehicleCheck(), feverTruck(), makeVehicleCheck({ completedAt: '2026-11-27T23:59:59+08:00' })];
    for (const check of checks) await repo.saveCompleted(check, SHANGHAI);

    const rows = await repo.tallySourcesForDay('2026-11-28');
    expect(rows).toHaveLength(2);
    const whole = (await repo.listForDay('2026-11-28')).map((row) => row.check);
    expect(tallyDay(rows, CONTEXT)).toEqual(tallyDay(whole, CONTEXT));
    expect(tallyDay(rows, CONTEXT)).toMatchObject({ vehicles: 2, persons: 3, flags: { fever: 1, 'no-valid-test': 1 } });
    expect(JSON.stringify(rows)).not.toContain('11010519491231002X');
    expect(JSON.stringify(rows)).not.toContain('李四');
  });

  it('carry the clock skew a check recorded, so this tablet’s own report lists its clock as off', async () => {
    const slow = makeVehicleCheck({ completedAt: '2026-11-28T09:00:00+08:00', clockSkewSeconds: -420 });
    const right = makeVehicleCheck({ completedAt: '2026-11-28T09:05:00+08:00' });
    for (const check of [slow, right]) await repo.saveCompleted(check, SHANGHAI);

    const rows = await repo.tallySourcesForDay('2026-11-28');
    const whole = (await repo.listForDay('2026-11-28')).map((row) => row.check);
    const named = { ...CONTEXT, deviceNames: new Map([[slow.deviceId, '3号平板']]) };
    expect(tallyDay(rows, named)).toEqual(tallyDay(whole, named));
    expect(tallyDay(rows, named).skewedClocks).toEqual([
      { deviceId: slow.deviceId, deviceName: '3号平板', largestSkewSeconds: -420, checks: 1 },
    ]);
    // A check that recorded none keeps the packed entry as short as before.
    const entries = (await db.tallySlots.toArray()).flatMap((slot) => slot.entries);
    expect(entries.map((entry) => entry.length).sort()).toEqual([11, 12]);
  });

  it('follow an amendment: the day counts the new rev once, and a check moved to another day leaves this one', async () => {
    const check = feverTruck();
    await repo.saveCompleted(check, SHANGHAI);
    await repo.saveCompleted({ ...check, rev: 2, disposition: 'hand-over' }, SHANGHAI);

    const rows = await repo.tallySourcesForDay('2026-11-28');
    expect(rows.map((row) => [row.rev, row.disposition])).toEqual([[2, 'hand-over']]);
    expect(tallyDay(rows, CONTEXT).vehicleDispositions).toMatchObject({ 'hand-over': 1, 'fever-clinic': 0 });

    await repo.saveCompleted({ ...check, rev: 3, completedAt: '2026-11-29T00:00:01+08:00' }, SHANGHAI);
    expect(await repo.tallySourcesForDay('2026-11-28')).toEqual([]);
    expect((await repo.tallySourcesForDay('2026-11-29')).map((row) => row.rev)).toEqual([3]);
  });

  it('keep checks of the same quarter hour apart: amending one leaves the other counted once', async () => {
    const first = makeVehicleCheck({ completedAt: '2026-11-28T08:01:40+08:00' });
    const second = makeVehicleCheck({ completedAt: '2026-11-28T08:14:59+08:00', team: 'B' });
    await repo.saveCompleted(first, SHANGHAI);
    await repo.saveCompleted(second, SHANGHAI);
    expect(await db.tallySlots.count()).toBe(1);

    await repo.saveCompleted({ ...first, rev: 2, disposition: 'turn-back' }, SHANGHAI);
    const tally = tallyDay(await repo.tallySourcesForDay('2026-11-28'), CONTEXT);
    expect(tally).toMatchObject({ vehicles: 2, byTeam: { A: { vehicles: 1 }, B: { vehicles: 1 } } });
    expect(tally.vehicleDispositions).toMatchObject({ release: 1, 'turn-back': 1 });
  });

  it('follow adoption at enrollment: the report counts the check under the enrolled checkpoint and device', async () => {
    const check = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID, deviceId: 'local-uuid' });
    await repo.saveCompleted(check, SHANGHAI);
    expect(tallyDay(await repo.tallySourcesForDay('2026-11-28'), CONTEXT).vehicles).toBe(0);

    await repo.adoptPending({ checkpointId: 'cp-hn-lou-01', deviceId: 'dev-server-9', timeZone: 'Asia/Shanghai' });

    const rows = await repo.tallySourcesForDay('2026-11-28');
    expect(rows.map((row) => [row.checkpointId, row.deviceId])).toEqual([['cp-hn-lou-01', 'dev-server-9']]);
    expect(tallyDay(rows, CONTEXT).vehicles).toBe(1);
  });
});

describe('listFlaggedForDay', () => {
  it('reads back whole only the day’s checks with a flagged person, registration included', async () => {
    const flagged = feverTruck();
    for (const check of [
      makeVehicleCheck(),
      flagged,
      makeVehicleCheck({ completedAt: '2026-11-29T08:00:00+08:00', persons: flagged.persons }),
    ]) {
      await repo.saveCompleted(check, SHANGHAI);
    }
    const listed = await repo.listFlaggedForDay('2026-11-28');
    expect(listed).toEqual([flagged]);
    expect(listed[0]?.persons[1]?.registration?.name).toBe('李四');
  });
});

describe('schema version 3', () => {
  it('fills the packed copy from the checks a version-2 tablet already holds, page by page', async () => {
    const name = `kakou-upgrade-${Math.random().toString(36).slice(2)}`;
    // More than one page of the upgrade's reads (2,000 rows), over every hour of the day.
    const checks = [
      feverTruck(),
      ...Array.from({ length: 2_100 }, (_, i) =>
        makeVehicleCheck({
          team: i % 2 === 0 ? 'A' : 'B',
          completedAt: `2026-11-28T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+08:00`,
        }),
      ),
    ];
    // The schema as tablets in the field have it before this version.
    const v2 = new Dexie(name);
    v2.version(1).stores({
      checks: 'id, day, syncState, [day+syncState], completedAt',
      outbox: '++seq, &checkId',
      drafts: 'id, updatedAt',
      settings: 'key',
      shifts: 'id, startedAt',
    });
    v2.version(2).stores({ syncMarks: 'id, syncedAt' });
    await v2.table('checks').bulkPut(
      checks.map((check) => ({
        id: check.id,
        rev: check.rev,
        day: '2026-11-28',
        completedAt: check.completedAt,
        savedAt: SHANGHAI.now,
        syncState: 'pending',
        syncedAt: null,
        rejectReason: null,
        check,
      })),
    );
    v2.close();

    const upgraded = openKakouDatabase({ name });
    try {
      const rows = await createCheckRepository(upgraded).tallySourcesForDay('2026-11-28');
      expect(rows.map((row) => row.id).sort()).toEqual(checks.map((check) => check.id).sort());
      expect(tallyDay(rows, CONTEXT)).toEqual(tallyDay(checks, CONTEXT));
      expect(tallyDay(rows, CONTEXT)).toMatchObject({ vehicles: 2_101, flags: { fever: 1 } });
      // Upgraded past version 3 (later versions add tables of their own).
      expect(upgraded.verno).toBeGreaterThanOrEqual(3);
    } finally {
      await upgraded.delete();
    }
  });
});
