import { describe, expect, it } from 'vitest';
import type { AdminScope } from './admin-scope.ts';
import { filterOutsideScope, inRegion, mergeTallies, regionTally, type CheckpointDay } from './region-tally.ts';
import { tallyDay, type DailyTally, type TallyContext } from './tally.ts';
import type { VehicleCheck } from './vehicle-check.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';

const DATE = '2026-11-28';
const GENERATED_AT = '2026-11-28T12:00:00Z';

let nextId = 0;
const check = (checkpointId: string, overrides?: Partial<VehicleCheck>): VehicleCheck =>
  sampleVehicleCheck({ id: `check-${++nextId}`, checkpointId, deviceId: `${checkpointId}-tablet` }, overrides);

const context = (checkpointId: string, overrides?: Partial<TallyContext>): TallyContext => ({
  checkpointId,
  date: DATE,
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: GENERATED_AT,
  ...overrides,
});

/** A checkpoint's day as a total holds it: no checkpoint id, no zone. */
const asTotal = (tally: DailyTally): Record<string, unknown> =>
  Object.fromEntries(Object.entries(tally).filter(([key]) => key !== 'checkpointId' && key !== 'timezone'));

const base = check('cp-0');
const loudi = tallyDay(
  [
    check('cp-loudi'),
    check('cp-loudi', { team: 'B', completedAt: '2026-11-28T14:20:00+08:00' }),
    check('cp-loudi', {
      completedAt: '2026-11-28T14:40:00+08:00',
      vehicle: { ...base.vehicle, type: 'bus', origin: { province: '广东省', city: '深圳市' } },
      persons: [
        samplePersonCheck({ flags: ['yellow-code'], disposition: 'sample-on-site' }),
        samplePersonCheck({ role: 'passenger', flags: ['fever', 'unvaccinated'], disposition: 'fever-clinic' }),
      ],
      disposition: 'fever-clinic',
      clockSkewSeconds: -600,
    }),
  ],
  context('cp-loudi'),
);
// Another zone: its 14时 is its own clock's, and its newest check is the region's newest instant.
const urumqi = tallyDay(
  [
    check('cp-urumqi', {
      completedAt: '2026-11-28T14:05:00+06:00',
      vehicle: { ...base.vehicle, type: 'truck', origin: { province: '新疆', city: '乌鲁木齐' } },
      clockSkewSeconds: 7200,
    }),
    check('cp-urumqi', { completedAt: '2026-11-28T23:30:00+06:00', team: 'B' }),
  ],
  context('cp-urumqi', { timeZone: 'Asia/Urumqi', province: '新疆', city: '乌鲁木齐' }),
);

describe('mergeTallies', () => {
  const total = mergeTallies([loudi, urumqi], { date: DATE, generatedAt: GENERATED_AT });

  it('adds every count and every breakdown, key by key', () => {
    expect(loudi.vehicles).toBe(3);
    expect(urumqi.vehicles).toBe(2);
    expect(total.vehicles).toBe(5);
    expect(total.persons).toBe(loudi.persons + urumqi.persons);
    expect(total.devices).toBe(2);
    expect(total.flaggedPersons).toBe(2);
    for (const type of VEHICLE_TYPES)
      expect(total.vehiclesByType[type]).toBe(loudi.vehiclesByType[type] + urumqi.vehiclesByType[type]);
    for (const origin of ORIGIN_CLASSES)
      expect(total.vehiclesByOrigin[origin]).toBe(loudi.vehiclesByOrigin[origin] + urumqi.vehiclesByOrigin[origin]);
    for (const flag of FLAGS) expect(total.flags[flag]).toBe(loudi.flags[flag] + urumqi.flags[flag]);
    for (const d of DISPOSITIONS) {
      expect(total.personDispositions[d]).toBe(loudi.personDispositions[d] + urumqi.personDispositions[d]);
      expect(total.vehicleDispositions[d]).toBe(loudi.vehicleDispositions[d] + urumqi.vehicleDispositions[d]);
    }
    expect(total.vehiclesByOrigin).toEqual({ local: 3, 'in-province': 0, 'out-of-province': 2 });
    expect(total.flags).toMatchObject({ 'yellow-code': 1, fever: 1, unvaccinated: 1, 'red-code': 0 });
  });

  it("adds the hours each on its checkpoint's own clock, and the teams by name", () => {
    expect(total.byHour).toHaveLength(24);
    expect(total.byHour.map((hour) => hour.hour)).toEqual(Array.from({ length: 24 }, (_, hour) => hour));
    expect(total.byHour[14]).toEqual({ hour: 14, vehicles: 3, persons: 4 });
    expect(total.byHour[8]).toEqual({ hour: 8, vehicles: 1, persons: 1 });
    expect(total.byHour[23]).toEqual({ hour: 23, vehicles: 1, persons: 1 });
    expect(total.byTeam).toEqual({ A: { vehicles: 3, persons: 4 }, B: { vehicles: 2, persons: 2 } });
    expect(Object.keys(total.byTeam)).toEqual(['A', 'B']);
  });

  it('keeps the newest check as an instant, whatever offset it was written with, and lists every skewed clock largest first', () => {
    expect(loudi.newestCompletedAt).toBe('2026-11-28T14:40:00+08:00');
    expect(total.newestCompletedAt).toBe('2026-11-28T23:30:00+06:00');
    expect(total.skewedClocks).toEqual([
      { deviceId: 'cp-urumqi-tablet', deviceName: null, largestSkewSeconds: 7200, checks: 1 },
      { deviceId: 'cp-loudi-tablet', deviceName: null, largestSkewSeconds: -600, checks: 1 },
    ]);
    expect(total).toMatchObject({ date: DATE, generatedAt: GENERATED_AT });
    expect(total).not.toHaveProperty('checkpointId');
    expect(total).not.toHaveProperty('timezone');
  });

  it('is a day of zeros for a region without checkpoints', () => {
    const none = mergeTallies([], { date: DATE, generatedAt: GENERATED_AT });
    expect(none).toEqual(asTotal(tallyDay([], context('cp-none'))));
  });

  it('is the tally itself for a region of one checkpoint', () => {
    expect(mergeTallies([loudi], { date: DATE, generatedAt: GENERATED_AT })).toEqual(asTotal(loudi));
  });
});

describe('regionTally', () => {
  const day = (checkpointId: string, tally: DailyTally, archivedAt: string | null = null): CheckpointDay => ({
    checkpoint: { checkpointId, name: `${checkpointId}站`, province: '湖南', city: '娄底', archivedAt },
    tally,
  });
  const quiet = tallyDay([], context('cp-quiet'));

  it('lists each checkpoint in the order given with its place and its own figures, and their total', () => {
    const region = regionTally(DATE, GENERATED_AT, [day('cp-loudi', loudi), day('cp-quiet', quiet)]);
    expect(region.date).toBe(DATE);
    expect(region.checkpoints.map((row) => row.checkpointId)).toEqual(['cp-loudi', 'cp-quiet']);
    expect(region.checkpoints[0]).toEqual({ ...loudi, name: 'cp-loudi站', province: '湖南', city: '娄底' });
    expect(region.total).toEqual(mergeTallies([loudi, quiet], { date: DATE, generatedAt: GENERATED_AT }));
  });

  it('lists an archived checkpoint only on a day it has checks', () => {
    const region = regionTally(DATE, GENERATED_AT, [
      day('cp-closed-busy', loudi, '2026-11-28T20:00:00Z'),
      day('cp-closed-quiet', quiet, '2026-11-01T00:00:00Z'),
      day('cp-open-quiet', quiet),
    ]);
    expect(region.checkpoints.map((row) => row.checkpointId)).toEqual(['cp-closed-busy', 'cp-open-quiet']);
    expect(region.total.vehicles).toBe(loudi.vehicles);
  });
});

describe('which checkpoints are in the region', () => {
  const all: AdminScope = { kind: 'all' };
  const hunan: AdminScope = { kind: 'province', province: '湖南省' };
  const loudiScope: AdminScope = { kind: 'city', province: '湖南', city: '娄底' };
  const loudiPlace = { province: '湖南省', city: '娄底市' };
  const changsha = { province: '湖南', city: '长沙' };
  const shenzhen = { province: '广东', city: '深圳' };

  it('takes what the scope covers, narrowed by the filter, names compared as places', () => {
    expect(inRegion(all, {}, shenzhen)).toBe(true);
    expect(inRegion(hunan, {}, changsha)).toBe(true);
    expect(inRegion(hunan, {}, shenzhen)).toBe(false);
    expect(inRegion(loudiScope, {}, loudiPlace)).toBe(true);
    expect(inRegion(loudiScope, {}, changsha)).toBe(false);
    expect(inRegion(all, { province: '湖南' }, loudiPlace)).toBe(true);
    expect(inRegion(all, { province: '湖南' }, shenzhen)).toBe(false);
    expect(inRegion(hunan, { city: '长沙市' }, changsha)).toBe(true);
    expect(inRegion(hunan, { city: '长沙市' }, loudiPlace)).toBe(false);
    expect(inRegion(all, { province: '湖南', city: '娄底' }, loudiPlace)).toBe(true);
    expect(inRegion(all, { province: '广东', city: '娄底' }, loudiPlace)).toBe(false);
  });

  it('refuses a filter naming a place the scope holds none of', () => {
    expect(filterOutsideScope(all, { province: '广东', city: '深圳' })).toBe(false);
    expect(filterOutsideScope(hunan, { province: '湖南' })).toBe(false);
    expect(filterOutsideScope(hunan, { province: '广东' })).toBe(true);
    // A city alone may be one of the province's: it only narrows.
    expect(filterOutsideScope(hunan, { city: '深圳' })).toBe(false);
    expect(filterOutsideScope(loudiScope, {})).toBe(false);
    expect(filterOutsideScope(loudiScope, { province: '湖南省', city: '娄底市' })).toBe(false);
    expect(filterOutsideScope(loudiScope, { city: '长沙' })).toBe(true);
    expect(filterOutsideScope(loudiScope, { province: '广东' })).toBe(true);
  });
});
