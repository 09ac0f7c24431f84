// The day summed in SQL (check_tallies) equals tallyDay over the same stored checks, on SQLite and PostgreSQL:
// crafted days across midnight and a daylight-saving change, revisions that move a check, every flag, every origin,
// tablets whose clocks were off.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { tallyDay } from '../../domain/tally.ts';
import type { PersonCheck, VehicleCheck } from '../../domain/vehicle-check.ts';
import { DISPOSITIONS, FLAGS, VEHICLE_TYPES, type Flag } from '../../domain/vocabulary.ts';
import { sumDay, sumDays } from './day-sums.ts';
import { MIGRATIONS } from './migrations.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import type { IngestCheck } from './vehicle-check-repository.ts';

const ORIGINS = [
  { province: '湖南', city: '娄底' },
  { province: '湖南省', city: '娄底市' },
  { province: '湖南', city: '长沙' },
  { province: '广东省', city: '深圳市' },
  { province: '湖南', city: '' },
  { province: '', city: '' },
];
const TEAMS = ['A', 'B', '一班', 'b'];
/**
 * What the crafted checks record of their tablet's clock, in turn: nothing, off either way (by as much as the other way
 * too), and skews within two minutes, which an older or another client may send and no report counts.
 */
const SKEWS = [undefined, -420, 420, 90, -7200, 119, -120, 130] as const;

interface Crafted {
  ingest: IngestCheck;
  /** The check as tallyDay sees it: the flags the server stores. */
  counted: VehicleCheck;
}

/** A check whose stored flags are `flags` per person (set directly, so every flag occurs whatever the policy). */
function crafted(check: VehicleCheck, flags: Flag[][], timeZone: string): Crafted {
  const ingest = { ...toIngest(check, timeZone), serverFlags: flags };
  return { ingest, counted: { ...check, persons: check.persons.map((p, i) => ({ ...p, flags: flags[i] ?? [] })) } };
}

/** `count` checks spread over the instants given, cycling through every type, origin, team, device, flag and disposition. */
function craftDay(checkpointId: string, instants: readonly string[], count: number, timeZone: string): Crafted[] {
  return Array.from({ length: count }, (_, i) => {
    const persons = Array.from({ length: 1 + (i % 3) }, (_, p) =>
      makeServerPerson({
        role: p === 0 ? 'driver' : 'passenger',
        disposition: DISPOSITIONS[(i + p) % DISPOSITIONS.length] ?? 'release',
      }),
    );
    const flags = persons.map((_, p) => {
      const first = FLAGS[(i + p) % FLAGS.length] ?? 'fever';
      const second = FLAGS[(i * 3 + p) % FLAGS.length] ?? 'fever';
      // A repeated flag counts the person once.
      return i % 5 === 0 ? [first, first] : [first, second];
    });
    const base = makeServerCheck();
    const skew = SKEWS[i % SKEWS.length];
    const check = makeServerCheck({
      ...(skew === undefined ? {} : { clockSkewSeconds: skew }),
      checkpointId,
      deviceId: `tablet-${i % 3}`,
      team: TEAMS[i % TEAMS.length] ?? 'A',
      completedAt: instants[i % instants.length] ?? base.completedAt,
      vehicle: {
        ...base.vehicle,
        type: VEHICLE_TYPES[i % VEHICLE_TYPES.length] ?? 'car',
        origin: ORIGINS[i % ORIGINS.length] ?? base.vehicle.origin,
      },
      persons,
      disposition: DISPOSITIONS[i % DISPOSITIONS.length] ?? 'release',
    });
    return crafted(check, flags, timeZone);
  });
}

forEachStore('day summed in SQL', ({ store }) => {
  async function checkpoint(timezone: string): Promise<string> {
    return (await store().checkpoints.create({ name: '娄底东', province: '湖南省', city: '娄底', timezone })).checkpoint
      .id;
  }

  async function expectSameAsTallyDay(
    checkpointId: string,
    timeZone: string,
    dates: string[],
    counted: VehicleCheck[],
  ) {
    for (const date of dates) {
      const scope = {
        checkpointId,
        date,
        timeZone,
        province: '湖南省',
        city: '娄底',
        generatedAt: '2026-11-29T00:00:00Z',
      };
      expect(await sumDay(store().db, store().dialect, scope), date).toEqual(tallyDay(counted, scope));
    }
  }

  it('counts a Shanghai day exactly as tallyDay: midnight either side, revisions that change or move a check', async () => {
    const zone = 'Asia/Shanghai';
    const cp = await checkpoint(zone);
    const instants = [
      '2026-11-27T23:59:59+08:00',
      '2026-11-28T00:00:00+08:00',
      '2026-11-28T07:59:59+08:00',
      '2026-11-28T08:00:00Z',
      '2026-11-28T23:59:59+08:00',
      '2026-11-28T16:00:00Z',
    ];
    const day = craftDay(cp, instants, 240, zone);
    expect((await store().vehicleChecks.ingest(day.map((c) => c.ingest))).every((r) => r.status === 'created')).toBe(
      true,
    );
    // Amendments: a check changes type and disposition, another moves to the next day, a third keeps only its driver.
    const amend = (c: Crafted, overrides: Partial<VehicleCheck>, flags: Flag[][]) =>
      crafted({ ...c.counted, rev: 2, ...overrides }, flags, zone);
    const [a, b, c] = [day[1], day[2], day[3]] as [Crafted, Crafted, Crafted];
    const revisions = [
      amend(
        a,
        { vehicle: { ...a.counted.vehicle, type: 'bus' }, disposition: 'hold' },
        a.counted.persons.map(() => ['red-code']),
      ),
      amend(
        b,
        { completedAt: '2026-11-29T00:30:00+08:00' },
        b.counted.persons.map(() => []),
      ),
      amend(c, { persons: [makeServerPerson()] }, [[]]),
    ];
    expect((await store().vehicleChecks.ingest(revisions.map((r) => r.ingest))).map((r) => r.status)).toEqual([
      'updated',
      'updated',
      'updated',
    ]);
    // A stale copy changes nothing.
    expect((await store().vehicleChecks.ingest([day[1]!.ingest]))[0]?.status).toBe('stale');

    const counted = [...day, ...revisions].map((x) => x.counted);
    const tally = await sumDay(store().db, store().dialect, {
      checkpointId: cp,
      date: '2026-11-28',
      timeZone: zone,
      province: '湖南省',
      city: '娄底',
      generatedAt: 'x',
    });
    // The crafted day reaches every flag, disposition, type, origin class and more than one team.
    for (const flag of FLAGS) expect(tally.flags[flag], flag).toBeGreaterThan(0);
    for (const d of DISPOSITIONS) expect(tally.personDispositions[d], d).toBeGreaterThan(0);
    expect(Object.values(tally.vehiclesByOrigin).every((n) => n > 0)).toBe(true);
    expect(Object.keys(tally.byTeam).length).toBe(TEAMS.length);
    // Every tablet's clock was off on some of its checks of the day: each is listed, the largest skew first.
    const sizes = tally.skewedClocks?.map((clock) => Math.abs(clock.largestSkewSeconds)) ?? [];
    expect(sizes).toHaveLength(3);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    await expectSameAsTallyDay(cp, zone, ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'], counted);
  });

  it('counts a municipality checkpoint’s vehicles as tallyDay does: every origin in it local, whatever district', async () => {
    const zone = 'Asia/Shanghai';
    const cp = (
      await store().checkpoints.create({ name: '京台高速', province: '北京市', city: '大兴区', timezone: zone })
    ).checkpoint.id;
    const origins = [
      { province: '北京', city: '北京' },
      { province: '北京市', city: '朝阳区' },
      { province: '北京', city: '' },
      { province: '河北省', city: '廊坊市' },
      { province: '', city: '' },
    ];
    const base = makeServerCheck();
    const day = origins.map((origin, i) =>
      crafted(
        makeServerCheck({
          checkpointId: cp,
          completedAt: `2026-11-28T0${i}:00:00+08:00`,
          vehicle: { ...base.vehicle, origin },
        }),
        [[]],
        zone,
      ),
    );
    await store().vehicleChecks.ingest(day.map((c) => c.ingest));
    const scope = {
      checkpointId: cp,
      date: '2026-11-28',
      timeZone: zone,
      province: '北京市',
      city: '大兴区',
      generatedAt: 'x',
    };
    const tally = await sumDay(store().db, store().dialect, scope);
    expect(tally.vehiclesByOrigin).toEqual({ local: 3, 'in-province': 0, 'out-of-province': 2 });
    expect(tally).toEqual(
      tallyDay(
        day.map((c) => c.counted),
        scope,
      ),
    );
  });

  it('counts the hours of a day with a daylight-saving change on its own clock (New York, 1 November 2026)', async () => {
    const zone = 'America/New_York';
    const cp = await checkpoint(zone);
    const instants = [
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
      '2026-11-01T02:00:00-05:00',
      '2026-11-01T23:59:59-05:00',
      '2026-11-02T00:00:00-05:00',
    ];
    const day = craftDay(cp, instants, 60, zone);
    await store().vehicleChecks.ingest(day.map((c) => c.ingest));
    await expectSameAsTallyDay(
      cp,
      zone,
      ['2026-10-31', '2026-11-01', '2026-11-02'],
      day.map((c) => c.counted),
    );
  });

  it('answers zeros, 24 empty hours and no newest check for a day without checks', async () => {
    const cp = await checkpoint('Asia/Shanghai');
    await expectSameAsTallyDay(cp, 'Asia/Shanghai', ['2026-11-28'], []);
  });

  it('fills check_tallies for checks stored before it existed (the migration backfill)', async () => {
    const zone = 'Asia/Shanghai';
    const cp = await checkpoint(zone);
    const day = craftDay(cp, ['2026-11-28T09:00:00+08:00', '2026-11-28T21:00:00+08:00'], 30, zone);
    await store().vehicleChecks.ingest(day.map((c) => c.ingest));
    const migration = MIGRATIONS['003-check-tallies'];
    if (migration?.down === undefined) throw new Error('migration 003 has no down step');
    await migration.down(store().db);
    await migration.up(store().db);
    // And the column a later migration adds to the table 003 made again: its rows hold no skew.
    await MIGRATIONS['007-clock-skew']?.up(store().db);
    // And 009's flagged persons, filled from the server's flags of the same checks.
    await MIGRATIONS['009-flagged-persons']?.up(store().db);
    const rows = await sql<{ n: number | string }>`select count(*) as n from check_tallies`.execute(store().db);
    expect(Number(rows.rows[0]?.n)).toBe(30);
    // No skew was stored before 007, so the backfill has none to count.
    await expectSameAsTallyDay(
      cp,
      zone,
      ['2026-11-28'],
      day.map((c) => ({ ...c.counted, clockSkewSeconds: undefined })),
    );
  });

  it('lists the tablets whose clocks were off by their names, the largest skew and their checks made meanwhile', async () => {
    const zone = 'Asia/Shanghai';
    const cp = await checkpoint(zone);
    const slow = await store().devices.enroll(cp, '3号平板');
    const fast = await store().devices.enroll(cp, '5号平板');
    const right = await store().devices.enroll(cp, '1号平板');
    const at = (time: string) => `2026-11-28T${time}+08:00`;
    const checks = [
      makeServerCheck({
        checkpointId: cp,
        deviceId: slow.deviceId,
        completedAt: at('08:00:00'),
        clockSkewSeconds: -418,
      }),
      makeServerCheck({
        checkpointId: cp,
        deviceId: slow.deviceId,
        completedAt: at('09:30:00'),
        clockSkewSeconds: -421,
      }),
      makeServerCheck({ checkpointId: cp, deviceId: slow.deviceId, completedAt: at('12:00:00') }),
      makeServerCheck({
        checkpointId: cp,
        deviceId: fast.deviceId,
        completedAt: at('10:00:00'),
        clockSkewSeconds: 3600,
      }),
      makeServerCheck({ checkpointId: cp, deviceId: right.deviceId, completedAt: at('10:00:00') }),
      // An admin's load from a tablet this server never enrolled.
      makeServerCheck({
        checkpointId: cp,
        deviceId: 'tablet-elsewhere',
        completedAt: at('11:00:00'),
        clockSkewSeconds: 300,
      }),
    ];
    await store().vehicleChecks.ingest(checks.map((check) => toIngest(check, zone)));
    const scope = {
      checkpointId: cp,
      date: '2026-11-28',
      timeZone: zone,
      province: '湖南省',
      city: '娄底',
      generatedAt: 'x',
    };
    const tally = await sumDay(store().db, store().dialect, scope);
    expect(tally.skewedClocks).toEqual([
      { deviceId: fast.deviceId, deviceName: '5号平板', largestSkewSeconds: 3600, checks: 1 },
      { deviceId: slow.deviceId, deviceName: '3号平板', largestSkewSeconds: -421, checks: 2 },
      { deviceId: 'tablet-elsewhere', deviceName: null, largestSkewSeconds: 300, checks: 1 },
    ]);
    expect(tally.devices).toBe(4);
    const names = new Map([
      [slow.deviceId, '3号平板'],
      [fast.deviceId, '5号平板'],
      [right.deviceId, '1号平板'],
    ]);
    expect(tally).toEqual(tallyDay(checks, { ...scope, deviceNames: names }));
  });

  it('sums a region at once exactly as each checkpoint alone: its own place decides what is local, its own zone its day', async () => {
    // The same vehicles stopped in four places: local in one, from the province in another, from outside in a third;
    // in a municipality every vehicle of its province is local. One checkpoint had a quiet day with no checks.
    const places = [
      { name: '娄底东', province: '湖南省', city: '娄底', timezone: 'Asia/Shanghai' },
      { name: '深圳北', province: '广东省', city: '深圳市', timezone: 'Asia/Shanghai' },
      { name: '长沙西', province: '湖南', city: '长沙', timezone: 'Asia/Urumqi' },
      { name: '京港澳', province: '北京市', city: '', timezone: 'Asia/Shanghai' },
      { name: '无车', province: '湖南省', city: '邵阳', timezone: 'Asia/Shanghai' },
    ];
    const instants = ['2026-11-28T00:30:00+08:00', '2026-11-28T12:00:00+08:00', '2026-11-28T23:30:00+08:00'];
    const scopes = [];
    const counted = new Map<string, VehicleCheck[]>();
    for (const [index, place] of places.entries()) {
      const { id } = (await store().checkpoints.create(place)).checkpoint;
      // Crafted checks (every one flagged), and ordinary ones beside them: released, unflagged, the most of a real day;
      // one released vehicle with a person held though unflagged, one flagged person released.
      const ordinary = (i: number, persons: PersonCheck[], flags: Flag[][]) =>
        crafted(
          makeServerCheck({
            checkpointId: id,
            deviceId: `tablet-${i % 2}`,
            completedAt: instants[i % instants.length] ?? '2026-11-28T12:00:00+08:00',
            persons,
          }),
          flags,
          place.timezone,
        );
      const day =
        index === places.length - 1
          ? []
          : [
              ...craftDay(id, instants, 40 + index * 7, place.timezone),
              ...Array.from({ length: 30 }, (_, i) =>
                ordinary(i, [makeServerPerson(), makeServerPerson({ role: 'passenger' })], [[], []]),
              ),
              ordinary(1, [makeServerPerson({ disposition: 'hold' })], [[]]),
              ordinary(2, [makeServerPerson()], [['itinerary-star']]),
            ];
      if (day.length > 0) await store().vehicleChecks.ingest(day.map((c) => c.ingest));
      counted.set(
        id,
        day.map((c) => c.counted),
      );
      scopes.push({
        checkpointId: id,
        date: '2026-11-28',
        timeZone: place.timezone,
        province: place.province,
        city: place.city,
        generatedAt: '2026-11-29T00:00:00Z',
      });
    }
    // Asked in another order than they were created: the answers come in the order asked.
    const asked = [...scopes].reverse();
    const tallies = await sumDays(store().db, store().dialect, asked);
    expect(tallies).toEqual(asked.map((scope) => tallyDay(counted.get(scope.checkpointId) ?? [], scope)));
    expect(tallies.map((tally) => tally.vehicles)).toEqual([0, 93, expect.any(Number), 79, 72]);
    // The Ürümqi checkpoint's day starts two hours later: some of the instants fall on its day before.
    expect(tallies[2]?.vehicles).toBeLessThan(86);
    expect(await sumDays(store().db, store().dialect, [])).toEqual([]);
  });
});
