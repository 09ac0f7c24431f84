import { expect, it } from 'vitest';
import { REGION_HANDOFF_CSV_HEADER, regionHandoffRows } from './region-handoff-csv.ts';
import {
  REGION_HANDOFF_SHEET_NAME,
  UNNAMED_TOWNSHIP_SHEET,
  regionHandoffSheets,
  regionHandoffXlsxFileName,
  townshipSheetNames,
} from './region-handoff-sheets.ts';
import type { RegionHandoffGroup, RegionHandoffList, RegionHandoffPerson } from './region-handoffs.ts';
import { workbookSheets } from './sheet.ts';

const person = (checkId: string): RegionHandoffPerson => ({
  checkId,
  completedAt: '2026-11-28T00:30:00Z',
  plate: '湘K12345',
  flags: ['red-code'],
  disposition: 'hand-over',
  name: '王五',
  idNumber: '110105194912310025',
  phone: '07388888888',
  checkpointId: 'cp-east',
  checkpointName: '娄底东',
});

const group = (
  county: string,
  township: string,
  village: string,
  checkId: string,
  codes: Partial<RegionHandoffGroup> = {},
): RegionHandoffGroup => ({ county, township, village, persons: [person(checkId)], ...codes });

const regionList = (groups: RegionHandoffGroup[]): RegionHandoffList => ({
  date: '2026-11-28',
  checkpoints: [
    {
      checkpointId: 'cp-east',
      name: '娄底东',
      province: '湖南',
      city: '娄底',
      timezone: 'Asia/Shanghai',
      flaggedPersons: 3,
    },
  ],
  groups,
});

it('holds one sheet per township, each with the CSV’s header and that township’s rows', () => {
  const list = regionList([
    group('双峰县', '荷叶镇', '贺家坳社区', 'c1', { countyCode: '431321', townshipCode: '431321101' }),
    group('双峰县', '三塘铺镇', '长冲村', 'c2', { countyCode: '431321', townshipCode: '431321109' }),
    group('双峰县', '三塘铺镇', '黄河村', 'c3', { countyCode: '431321', townshipCode: '431321109' }),
  ]);
  const sheets = regionHandoffSheets(list);
  expect(sheets.map((sheet) => sheet.name)).toEqual(['荷叶镇', '三塘铺镇']);
  for (const sheet of sheets) {
    expect(sheet.rows[0]).toEqual({ cells: [...REGION_HANDOFF_CSV_HEADER], emphasis: true });
    expect(sheet.columnWidths).toHaveLength(REGION_HANDOFF_CSV_HEADER.length);
  }
  expect(sheets[1]?.rows.slice(1).map((row) => row.cells)).toEqual(
    regionHandoffRows({ ...list, groups: list.groups.slice(1) }),
  );
  expect(sheets[1]?.rows.slice(1).map((row) => row.cells[REGION_HANDOFF_CSV_HEADER.length - 1])).toEqual(['c2', 'c3']);
});

it('holds one empty sheet for a region without persons', () => {
  const sheets = regionHandoffSheets(regionList([]));
  expect(sheets.map((sheet) => [sheet.name, sheet.rows.length])).toEqual([[REGION_HANDOFF_SHEET_NAME, 1]]);
});

it('keeps every value a text cell, never a formula, ID numbers whole', () => {
  const [sheet] = workbookSheets(regionHandoffSheets(regionList([group('双峰县', '=1+1', '@SUM(A1)', 'c1')])));
  const row = sheet?.data[1] ?? [];
  expect(row.every((cell) => cell === null || cell.type === String)).toBe(true);
  expect(row.map((cell) => cell?.value)).toContain('110105194912310025');
  expect(row.map((cell) => cell?.value)).toContain('@SUM(A1)');
});

it('names each tab as Excel allows: the county before a township name two counties share, 31 units, no two alike', () => {
  expect(
    townshipSheetNames([
      { county: '双峰县', township: '城关镇' },
      { county: '新化县', township: '城关镇' },
      { county: '双峰县', township: '' },
      { county: '双峰县', township: "'[荷叶]/镇:*?\\'" },
      { county: '双峰县', township: 'History' },
      { county: '双峰县', township: '很'.repeat(40) },
      { county: '新化县', township: `${'很'.repeat(40)}!` },
      { county: '双峰县', township: '𠀀'.repeat(20) },
      { county: '双峰县', township: 'abc' },
      { county: '新化县', township: 'ABC' },
    ]),
  ).toEqual([
    '双峰县城关镇',
    '新化县城关镇',
    UNNAMED_TOWNSHIP_SHEET,
    '荷叶镇',
    'History(2)',
    '很'.repeat(31),
    '很'.repeat(28) + '(2)',
    '𠀀'.repeat(15),
    'abc',
    'ABC(2)',
  ]);
});

it('names the workbook for the region or for one township', () => {
  expect(regionHandoffXlsxFileName('2026-11-28')).toBe('区域交接名单-2026-11-28.xlsx');
  expect(regionHandoffXlsxFileName('2026-11-28', { county: '双峰县', township: '三塘铺镇' })).toBe(
    '区域交接名单-双峰县三塘铺镇-2026-11-28.xlsx',
  );
});
