import { expect, it } from 'vitest';
import { REGION_TABLE_HEADER, regionCsvFileName, regionTallyCsv } from './region-csv.ts';
import { regionTally, type RegionTally } from './region-tally.ts';
import { tallyDay, type DailyTally } from './tally.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';
import { FORMULA_PAYLOADS, neutralised } from '../../tests/support/domain/formula-payloads.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';

const quiet = (checkpointId: string): DailyTally =>
  tallyDay([], {
    checkpointId,
    date: '2026-11-28',
    timeZone: 'Asia/Shanghai',
    province: '湖南',
    city: '娄底',
    generatedAt: '2026-11-28T12:00:00Z',
  });

/** A day with a different number in every figure, so a value in the wrong column shows. */
function busy(checkpointId: string, offset: number): DailyTally {
  let n = offset;
  const numbered = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((key) => [key, (n += 1)])) as Record<K, number>;
  return {
    ...quiet(checkpointId),
    vehicles: 100 + offset,
    persons: 200 + offset,
    devices: 3 + offset,
    vehiclesByType: numbered(VEHICLE_TYPES),
    vehiclesByOrigin: numbered(ORIGIN_CLASSES),
    flags: numbered(FLAGS),
    personDispositions: numbered(DISPOSITIONS),
    vehicleDispositions: numbered(DISPOSITIONS),
  };
}

const region: RegionTally = regionTally('2026-11-28', '2026-11-28T12:00:00Z', [
  {
    checkpoint: { checkpointId: 'cp-1', name: '娄底东', province: '湖南省', city: '娄底市', archivedAt: null },
    tally: busy('cp-1', 0),
  },
  {
    checkpoint: { checkpointId: 'cp-2', name: '长沙南', province: '湖南省', city: '长沙市', archivedAt: null },
    tally: busy('cp-2', 1000),
  },
]);

it('is the date, then a row per checkpoint and the total under Chinese headers, every figure in its column', () => {
  const rows = parseCsv(regionTallyCsv(region));
  expect(rows[0]).toEqual(['日期', '2026-11-28']);
  expect(rows[1]).toEqual(['']);
  expect(rows[2]).toEqual([...REGION_TABLE_HEADER]);
  expect(rows[2]?.slice(0, 5)).toEqual(['检查站', '省', '市', '车辆总数', '人员总数']);
  expect(rows[2]).toEqual(
    expect.arrayContaining(['车型：货车', '来源：省外', '异常：红码', '人员处置：登记推送目的地', '设备数']),
  );
  expect(rows).toHaveLength(6);
  const column = (heading: string): number => REGION_TABLE_HEADER.indexOf(heading);
  const [east, south, total] = rows.slice(3) as [string[], string[], string[]];
  expect(east.slice(0, 3)).toEqual(['娄底东', '湖南省', '娄底市']);
  expect(south.slice(0, 3)).toEqual(['长沙南', '湖南省', '长沙市']);
  expect(total.slice(0, 3)).toEqual(['合计', '', '']);
  for (const [row, tally] of [
    [east, region.checkpoints[0]],
    [south, region.checkpoints[1]],
    [total, region.total],
  ] as const) {
    if (tally === undefined) throw new Error('no tally');
    expect(Number(row[column('车辆总数')])).toBe(tally.vehicles);
    expect(Number(row[column('人员总数')])).toBe(tally.persons);
    expect(Number(row[column('设备数')])).toBe(tally.devices);
    expect(Number(row[column('车型：货车')])).toBe(tally.vehiclesByType.truck);
    expect(Number(row[column('来源：省内外市')])).toBe(tally.vehiclesByOrigin['in-province']);
    expect(Number(row[column('异常：未接种疫苗')])).toBe(tally.flags.unvaccinated);
    expect(Number(row[column('人员处置：移交')])).toBe(tally.personDispositions['hand-over']);
  }
  expect(Number(total[column('车辆总数')])).toBe(100 + 1100);
  // Every figure column after the place is a number, each row as long as the header.
  for (const row of [east, south, total]) {
    expect(row).toHaveLength(REGION_TABLE_HEADER.length);
    expect(row.slice(3).every((cell) => /^\d+$/u.test(cell))).toBe(true);
  }
});

it('is the header and a total of zeros for a region without checkpoints', () => {
  const rows = parseCsv(regionTallyCsv(regionTally('2026-11-28', '2026-11-28T12:00:00Z', [])));
  expect(rows).toHaveLength(4);
  expect(rows[3]).toEqual(['合计', '', '', ...REGION_TABLE_HEADER.slice(3).map(() => '0')]);
});

it('names the file 区域日报-date.csv', () => {
  expect(regionCsvFileName('2026-11-28')).toBe('区域日报-2026-11-28.csv');
});

it('writes a checkpoint name or place a spreadsheet would run as a formula with a leading apostrophe', () => {
  for (const payload of FORMULA_PAYLOADS) {
    const hostile = regionTally('2026-11-28', '2026-11-28T12:00:00Z', [
      {
        checkpoint: { checkpointId: 'cp-x', name: payload, province: payload, city: payload, archivedAt: null },
        tally: quiet('cp-x'),
      },
    ]);
    const rows = parseCsv(regionTallyCsv(hostile));
    expect(rows[3]?.slice(0, 3)).toEqual([neutralised(payload), neutralised(payload), neutralised(payload)]);
  }
});
