import { describe, expect, it } from 'vitest';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import {
  CHANGCHONG,
  HEYE,
  HUANGHE,
  SANTANGPU,
  SHUANGFENG,
  sampleDivisionLookup,
} from '../../tests/support/domain/sample-divisions.ts';
import { handoffList } from './handoffs.ts';
import {
  distinctDestinations,
  regionHandoffList,
  regionTownships,
  townshipPart,
  type RegionHandoffCheckpointPlace,
} from './region-handoffs.ts';
import type { Destination, VehicleCheck } from './vehicle-check.ts';

const checkpoint = (
  checkpointId: string,
  name: string,
  archivedAt: string | null = null,
): RegionHandoffCheckpointPlace => ({
  checkpointId,
  name,
  province: '湖南',
  city: '娄底',
  timezone: 'Asia/Shanghai',
  archivedAt,
});
const EAST = checkpoint('cp-east', '娄底东');
const NORTH = checkpoint('cp-north', '双峰北');
const WEST = checkpoint('cp-west', '涟源西');

const place = (county: string, township: string, village: string, codes: Partial<Destination> = {}): Destination => ({
  province: '湖南',
  city: '娄底',
  county,
  township,
  village,
  ...codes,
});
const chosen = { countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code };

/** A check of `at` with one flagged person (or none), completed at 09:`minute` in Shanghai. */
function check(
  id: string,
  at: RegionHandoffCheckpointPlace,
  minute: number,
  destination: Destination,
  flagged = true,
): VehicleCheck {
  const base = sampleVehicleCheck({ id, checkpointId: at.checkpointId, deviceId: `${at.checkpointId}-tablet` });
  return {
    ...base,
    completedAt: `2026-11-28T09:${String(minute).padStart(2, '0')}:00+08:00`,
    vehicle: { ...base.vehicle, destination },
    persons: [
      samplePersonCheck(
        flagged
          ? {
              flags: ['yellow-code'],
              disposition: 'sample-on-site',
              registration: { name: `人${id}`, idNumber: '110105194912310025', phone: '07388888888' },
            }
          : {},
      ),
    ],
  };
}

describe('regionHandoffList', () => {
  it('puts persons of several checkpoints bound for one village in one group, in time order, each with its checkpoint', () => {
    const village = place('双峰县', '三塘铺镇', '黄河村', chosen);
    const list = regionHandoffList(
      '2026-11-28',
      [EAST, NORTH, WEST],
      [check('c3', WEST, 30, village), check('c1', EAST, 10, village), check('c2', NORTH, 20, village)],
      sampleDivisionLookup(),
    );
    expect(list.date).toBe('2026-11-28');
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]).toMatchObject({ county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen });
    expect(list.groups[0]?.persons.map((p) => [p.checkId, p.checkpointId, p.checkpointName, p.name])).toEqual([
      ['c1', 'cp-east', '娄底东', '人c1'],
      ['c2', 'cp-north', '双峰北', '人c2'],
      ['c3', 'cp-west', '涟源西', '人c3'],
    ]);
  });

  it('groups names written differently under one code, and an older exact name with them, across checkpoints', () => {
    const list = regionHandoffList(
      '2026-11-28',
      [EAST, NORTH, WEST],
      [
        check('c1', EAST, 1, place('双峰县', '三塘铺镇', '黄河村', chosen)),
        check('c2', NORTH, 2, place('双峰', '三塘铺', '黄河', chosen)),
        check('c3', WEST, 3, place('双峰县', '三塘铺镇', '黄河村')), // an older tablet's free text, written exactly
        check('c4', WEST, 4, place('双峰县', '三塘铺', '黄河村')), // free text, not exact: apart
      ],
      sampleDivisionLookup(),
    );
    expect(list.groups.map((g) => [g.township, g.townshipCode, g.persons.map((p) => p.checkId)])).toEqual([
      ['三塘铺', undefined, ['c4']],
      ['三塘铺镇', SANTANGPU.code, ['c1', 'c2', 'c3']],
    ]);
  });

  it('groups exactly as one checkpoint’s list does, with and without the division lists', () => {
    const checks = [
      check('c1', EAST, 5, place('双峰县', '三塘铺镇', '黄河村')),
      check('c2', EAST, 6, place('双峰县', '三塘铺镇', '长冲村')),
      check('c3', EAST, 7, place('双峰', '荷叶', '', { countyCode: SHUANGFENG.code, townshipCode: HEYE.code })),
      check('c4', EAST, 8, place('新化县', '上梅街道', '某村')),
      check('c5', EAST, 9, place('', '', '')),
      check('c6', EAST, 10, place('双峰县', '三塘铺镇', '黄河村'), false),
    ];
    for (const lookup of [sampleDivisionLookup(), null]) {
      const one = handoffList(checks, { checkpointId: EAST.checkpointId, date: '2026-11-28' }, lookup);
      const region = regionHandoffList('2026-11-28', [EAST], checks, lookup);
      const withCheckpoint = one.groups.map((group) => ({
        ...group,
        persons: group.persons.map((person) => ({ ...person, checkpointId: 'cp-east', checkpointName: '娄底东' })),
      }));
      expect(region.groups).toEqual(withCheckpoint);
    }
  });

  it('lists every working checkpoint with its count, an archived one only when it found someone', () => {
    const idle = checkpoint('cp-idle', '闲置', '2026-11-01T00:00:00.000Z');
    const closed = checkpoint('cp-closed', '已撤', '2026-11-28T12:00:00.000Z');
    const list = regionHandoffList(
      '2026-11-28',
      [EAST, idle, NORTH, closed],
      [
        check('c1', EAST, 1, place('双峰县', '三塘铺镇', '黄河村')),
        check('c2', EAST, 2, place('娄星区', '乐坪街道', '石井社区')),
        check('c3', closed, 3, place('双峰县', '三塘铺镇', '黄河村')),
        check('c4', idle, 4, place('双峰县', '三塘铺镇', '黄河村'), false),
      ],
    );
    expect(list.checkpoints.map((c) => [c.checkpointId, c.name, c.flaggedPersons])).toEqual([
      ['cp-east', '娄底东', 2],
      ['cp-north', '双峰北', 0],
      ['cp-closed', '已撤', 1],
    ]);
    expect(list.checkpoints[0]).toEqual({
      checkpointId: 'cp-east',
      name: '娄底东',
      province: '湖南',
      city: '娄底',
      timezone: 'Asia/Shanghai',
      flaggedPersons: 2,
    });
  });

  it('leaves out checks of checkpoints outside the region', () => {
    const list = regionHandoffList(
      '2026-11-28',
      [EAST],
      [
        check('c1', EAST, 1, place('双峰县', '三塘铺镇', '黄河村')),
        check('c2', NORTH, 2, place('双峰县', '三塘铺镇', '黄河村')),
      ],
    );
    expect(list.groups.flatMap((g) => g.persons.map((p) => p.checkId))).toEqual(['c1']);
    expect(list.checkpoints.map((c) => c.checkpointId)).toEqual(['cp-east']);
  });

  it('answers a region without flagged persons with no groups', () => {
    const list = regionHandoffList(
      '2026-11-28',
      [EAST],
      [check('c1', EAST, 1, place('双峰县', '三塘铺镇', '黄河村'), false)],
    );
    expect(list.groups).toEqual([]);
    expect(list.checkpoints).toEqual([expect.objectContaining({ checkpointId: 'cp-east', flaggedPersons: 0 })]);
  });
});

describe('distinctDestinations', () => {
  it('keeps each destination once, codes included in what tells them apart', () => {
    const a = place('双峰县', '三塘铺镇', '黄河村');
    const b = place('双峰县', '三塘铺镇', '黄河村', chosen);
    expect(distinctDestinations([check('c1', EAST, 1, a), check('c2', NORTH, 2, a), check('c3', EAST, 3, b)])).toEqual([
      a,
      b,
    ]);
  });
});

describe('townships', () => {
  const list = regionHandoffList(
    '2026-11-28',
    [EAST, NORTH],
    [
      check('c1', EAST, 1, place('双峰县', '三塘铺镇', '黄河村', chosen)),
      check('c2', NORTH, 2, place('双峰县', '三塘铺镇', '长冲村', { ...chosen, villageCode: CHANGCHONG.code })),
      check('c3', NORTH, 3, place('双峰县', '荷叶镇', '', { countyCode: SHUANGFENG.code, townshipCode: HEYE.code })),
      check('c4', EAST, 4, place('双峰县', '三塘铺', '黄河村')), // free text no list knows
      check('c5', EAST, 5, place('双峰县', '', '')), // stopped at the county
    ],
    sampleDivisionLookup(),
  );

  it('cuts the list into its townships in its order, each with its villages’ groups', () => {
    expect(
      regionTownships(list).map((t) => [t.county, t.township, t.townshipCode, t.groups.map((g) => g.village)]),
    ).toEqual([
      ['双峰县', '', undefined, ['']],
      ['双峰县', '荷叶镇', HEYE.code, ['']],
      ['双峰县', '三塘铺', undefined, ['黄河村']],
      ['双峰县', '三塘铺镇', SANTANGPU.code, ['黄河村', '长冲村']], // 长 sorts as zhǎng
    ]);
  });

  it('gives a township’s part: only the groups of its code, every checkpoint kept for their clocks', () => {
    const part = townshipPart(list, SANTANGPU.code);
    expect(part.groups.flatMap((g) => g.persons.map((p) => p.checkId))).toEqual(['c1', 'c2']);
    expect(part.checkpoints).toEqual(list.checkpoints);
    expect(townshipPart(list, '431321999').groups).toEqual([]);
  });
});
