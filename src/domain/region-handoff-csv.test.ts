import { expect, it } from 'vitest';
import { FORMULA_PAYLOADS, neutralised } from '../../tests/support/domain/formula-payloads.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';
import {
  REGION_HANDOFF_CSV_HEADER,
  regionHandoffCsv,
  regionHandoffCsvFileName,
  regionHandoffFallbackStem,
} from './region-handoff-csv.ts';
import type { RegionHandoffCheckpoint, RegionHandoffList, RegionHandoffPerson } from './region-handoffs.ts';

const checkpoint = (checkpointId: string, name: string, timezone: string): RegionHandoffCheckpoint => ({
  checkpointId,
  name,
  province: '湖南',
  city: '娄底',
  timezone,
  flaggedPersons: 1,
});

const person = (overrides?: Partial<RegionHandoffPerson>): RegionHandoffPerson => ({
  checkId: 'c1',
  completedAt: '2026-11-28T00:30:00Z',
  plate: '湘K12345',
  flags: ['yellow-code', 'fever'],
  disposition: 'fever-clinic',
  name: '张三',
  idNumber: '110105194912310025',
  phone: '07388888888',
  checkpointId: 'cp-east',
  checkpointName: '娄底东',
  ...overrides,
});

const list = (persons: RegionHandoffPerson[], checkpoints: RegionHandoffCheckpoint[]): RegionHandoffList => ({
  date: '2026-11-28',
  checkpoints,
  groups: [{ county: '双峰县', township: '三塘铺镇', village: '黄河村', persons }],
});

it('writes one checkpoint’s columns with the checkpoint before the time, each time on its checkpoint’s clock', () => {
  const rows = parseCsv(
    regionHandoffCsv(
      list(
        [
          person(),
          person({
            checkId: 'c2',
            checkpointId: 'cp-west',
            checkpointName: '新疆西',
            completedAt: '2026-11-28T03:00:00Z',
          }),
        ],
        [checkpoint('cp-east', '娄底东', 'Asia/Shanghai'), checkpoint('cp-west', '新疆西', 'Asia/Urumqi')],
      ),
    ),
  );
  expect(rows[0]).toEqual([
    '县区',
    '乡镇',
    '村社区',
    '检查站',
    '检查时间',
    '车牌',
    '异常',
    '处置',
    '姓名',
    '身份证号',
    '电话',
    '检查编号',
  ]);
  expect(rows.slice(1).map((row) => row.slice(0, 6))).toEqual([
    ['双峰县', '三塘铺镇', '黄河村', '娄底东', '2026-11-28 08:30:00', '湘K12345'],
    ['双峰县', '三塘铺镇', '黄河村', '新疆西', '2026-11-28 09:00:00', '湘K12345'],
  ]);
  expect(rows[1]?.slice(6)).toEqual([
    '黄码、体温异常',
    '发热门诊',
    '张三',
    "'110105194912310025",
    "'07388888888",
    'c1',
  ]);
});

it('writes every text column a spreadsheet would run as a formula with a leading apostrophe, the checkpoint’s too', () => {
  for (const payload of FORMULA_PAYLOADS) {
    const hostile: RegionHandoffList = {
      date: '2026-11-28',
      checkpoints: [checkpoint('cp-east', payload, 'Asia/Shanghai')],
      groups: [
        {
          county: payload,
          township: payload,
          village: payload,
          persons: [
            person({
              checkId: payload,
              plate: payload,
              name: payload,
              idNumber: payload,
              phone: payload,
              checkpointName: payload,
            }),
          ],
        },
      ],
    };
    const [header, row] = parseCsv(regionHandoffCsv(hostile));
    expect(header).toEqual([...REGION_HANDOFF_CSV_HEADER]);
    expect(Object.fromEntries(REGION_HANDOFF_CSV_HEADER.map((column, i) => [column, row?.[i]]))).toEqual({
      县区: neutralised(payload),
      乡镇: neutralised(payload),
      村社区: neutralised(payload),
      检查站: neutralised(payload),
      检查时间: '2026-11-28 08:30:00',
      车牌: neutralised(payload),
      异常: '黄码、体温异常',
      处置: '发热门诊',
      姓名: neutralised(payload),
      身份证号: neutralised(payload),
      电话: neutralised(payload),
      检查编号: neutralised(payload),
    });
  }
});

it('writes the header alone for a region without persons', () => {
  expect(parseCsv(regionHandoffCsv({ date: '2026-11-28', checkpoints: [], groups: [] }))).toEqual([
    [...REGION_HANDOFF_CSV_HEADER],
  ]);
});

it('names the file for the region or for one township, without characters a file name may not hold', () => {
  expect(regionHandoffCsvFileName('2026-11-28')).toBe('区域交接名单-2026-11-28.csv');
  expect(regionHandoffCsvFileName('2026-11-28', { county: '双峰县', township: '三塘铺镇' })).toBe(
    '区域交接名单-双峰县三塘铺镇-2026-11-28.csv',
  );
  expect(regionHandoffCsvFileName('2026-11-28', { county: 'a/b\\c', township: ':*?"<>|\t镇' })).toBe(
    '区域交接名单-abc镇-2026-11-28.csv',
  );
  expect(regionHandoffCsvFileName('2026-11-28', { county: '', township: '/' })).toBe('区域交接名单-2026-11-28.csv');
  expect(regionHandoffFallbackStem('2026-11-28')).toBe('handoffs-region-2026-11-28');
  expect(regionHandoffFallbackStem('2026-11-28', '431321109')).toBe('handoffs-region-431321109-2026-11-28');
});
