import { expect, it } from 'vitest';
import { HANDOFF_CSV_HEADER } from './handoff-csv.ts';
import { handoffSheet, handoffXlsxFileName } from './handoff-sheet.ts';
import type { HandoffList } from './handoffs.ts';

const list: HandoffList = {
  checkpointId: 'cp',
  date: '2026-11-28',
  groups: [
    {
      county: '双峰县',
      township: '三塘铺镇',
      village: '三塘村',
      persons: [
        {
          checkId: 'c1',
          completedAt: '2026-11-28T00:30:00Z',
          plate: '湘K12345',
          flags: ['yellow-code', 'fever'],
          disposition: 'fever-clinic',
          name: '张三',
          idNumber: '110105194912310025',
          phone: '07388888888',
        },
        {
          checkId: 'c2',
          completedAt: '2026-11-28T01:00:00Z',
          plate: null,
          flags: ['red-code'],
          disposition: 'hand-over',
          name: null,
          idNumber: null,
          phone: null,
        },
      ],
    },
  ],
};

it('holds the CSV’s columns under a bold header, ID number and phone as plain text without a tab or apostrophe', () => {
  const sheet = handoffSheet(list, 'Asia/Shanghai');
  expect(sheet.name).toBe('交接名单');
  expect(sheet.columnWidths).toHaveLength(HANDOFF_CSV_HEADER.length);
  expect(sheet.rows).toEqual([
    { cells: [...HANDOFF_CSV_HEADER], emphasis: true },
    {
      cells: [
        '双峰县',
        '三塘铺镇',
        '三塘村',
        '2026-11-28 08:30:00',
        '湘K12345',
        '黄码、体温异常',
        '发热门诊',
        '张三',
        '110105194912310025',
        '07388888888',
        'c1',
      ],
    },
    { cells: ['双峰县', '三塘铺镇', '三塘村', '2026-11-28 09:00:00', null, '红码', '移交', null, null, null, 'c2'] },
  ]);
});

it('names the file 交接名单-date.xlsx', () => {
  expect(handoffXlsxFileName('2026-11-28')).toBe('交接名单-2026-11-28.xlsx');
});
