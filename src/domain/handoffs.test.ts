import { describe, expect, it } from 'vitest';
import { handoffList } from './handoffs.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import { HUANGHE, SANTANGPU, SHUANGFENG, sampleDivisionLookup } from '../../tests/support/domain/sample-divisions.ts';
import type { Destination, VehicleCheck } from './vehicle-check.ts';

const check = (id: string, completedAt: string, village: string, flagged: boolean): VehicleCheck => {
  const base = sampleVehicleCheck({ id, checkpointId: 'cp', deviceId: 'd' });
  return {
    ...base,
    completedAt,
    vehicle: { ...base.vehicle, destination: { ...base.vehicle.destination, village } },
    persons: [samplePersonCheck(flagged ? { flags: ['yellow-code'], disposition: 'sample-on-site' } : {})],
  };
};

it('lists each flagged person under the village, in time order whatever order the checks came in', () => {
  const list = handoffList(
    [
      check('c3', '2026-11-28T12:00:00+08:00', '三塘村', true),
      check('c1', '2026-11-28T01:00:00Z', '三塘村', true), // 09:00 in Shanghai: before c3
      check('c2', '2026-11-28T08:00:00+08:00', '三塘村', false),
    ],
    { checkpointId: 'cp', date: '2026-11-28' },
  );
  expect(list.groups).toHaveLength(1);
  expect(list.groups[0]?.persons.map((p) => p.checkId)).toEqual(['c1', 'c3']);
});

it('keeps persons with no destination village in a group of their own instead of dropping them', () => {
  const list = handoffList(
    [check('c1', '2026-11-28T08:00:00+08:00', '', true), check('c2', '2026-11-28T08:00:00+08:00', '三塘村', true)],
    {
      checkpointId: 'cp',
      date: '2026-11-28',
    },
  );
  expect(list.groups.map((g) => [g.village, g.persons.length])).toEqual([
    ['', 1],
    ['三塘村', 1],
  ]);
});

it('answers a day without flagged persons with no groups', () => {
  expect(
    handoffList([check('c1', '2026-11-28T08:00:00+08:00', '三塘村', false)], { checkpointId: 'cp', date: '2026-11-28' })
      .groups,
  ).toEqual([]);
});

describe('grouped by division code (ADR 034)', () => {
  const at = (id: string, minute: number, destination: Partial<Destination>): VehicleCheck => {
    const base = check(id, `2026-11-28T09:${String(minute).padStart(2, '0')}:00+08:00`, '', true);
    return {
      ...base,
      vehicle: {
        ...base.vehicle,
        destination: { province: '湖南', city: '娄底', county: '', township: '', village: '', ...destination },
      },
    };
  };
  const chosen = { countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code };

  it('puts names written differently under one code: "三塘铺镇", "三塘铺" and a typo are one township', () => {
    const list = handoffList(
      [
        at('c1', 1, { county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen }),
        at('c2', 2, { county: '双峰', township: '三塘铺', village: '黄河', ...chosen }),
        at('c3', 3, { county: '双峰县', township: '三塘埔镇', village: '黄河村', ...chosen }),
      ],
      { checkpointId: 'cp', date: '2026-11-28' },
      sampleDivisionLookup(),
    );
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]).toMatchObject({ county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen });
    expect(list.groups[0]?.persons.map((p) => p.checkId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('groups by code without the lists at hand too, named as the first record wrote it', () => {
    const list = handoffList(
      [
        at('c1', 1, { county: '双峰', township: '三塘铺', village: '黄河', ...chosen }),
        at('c2', 2, { county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen }),
      ],
      { checkpointId: 'cp', date: '2026-11-28' },
    );
    expect(list.groups.map((g) => [g.county, g.township, g.village, g.persons.length])).toEqual([
      ['双峰', '三塘铺', '黄河', 2],
    ]);
  });

  it('joins an older record of free text to the code its exact names match, and keeps the others apart', () => {
    const list = handoffList(
      [
        at('chosen', 1, { county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen }),
        at('old-exact', 2, { county: '双峰县', township: '三塘铺镇', village: '黄河村' }),
        at('old-short', 3, { county: '双峰县', township: '三塘铺', village: '黄河村' }),
        at('old-typo', 4, { county: '双峰县', township: '三塘埔镇', village: '黄河村' }),
      ],
      { checkpointId: 'cp', date: '2026-11-28' },
      sampleDivisionLookup(),
    );
    expect(list.groups.map((g) => [g.township, g.townshipCode, g.persons.map((p) => p.checkId)])).toEqual([
      ['三塘埔镇', undefined, ['old-typo']],
      ['三塘铺', undefined, ['old-short']],
      ['三塘铺镇', SANTANGPU.code, ['chosen', 'old-exact']],
    ]);
    // The county of every record is known by its code: the grid workers of 双峰县 get all four.
    expect(new Set(list.groups.map((g) => g.countyCode))).toEqual(new Set([SHUANGFENG.code]));
  });
});
