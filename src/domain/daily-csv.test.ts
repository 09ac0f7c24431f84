import { expect, it } from 'vitest';
import { dailyTallyCsv, dailyCsvFileName } from './daily-csv.ts';
import { tallyDay } from './tally.ts';
import { parseCsv } from '../../tests/support/domain/parse-csv.ts';

const emptyDay = tallyDay([], {
  checkpointId: 'cp-1',
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: '2026-11-28T12:00:00Z',
});

it('opens with the date and totals and names every flag and disposition in Chinese, once, with zeros on a quiet day', () => {
  const rows = parseCsv(dailyTallyCsv(emptyDay));
  expect(rows.slice(0, 5)).toEqual([
    ['日期', '2026-11-28'],
    ['检查站', 'cp-1'],
    ['时区', 'Asia/Shanghai'],
    ['车辆总数', '0'],
    ['人员总数', '0'],
  ]);
  const labels = rows.map((row) => row[0]);
  for (const heading of ['车型', '来源', '异常', '人员处置', '车辆处置', '每小时', '班组'])
    expect(labels).toContain(heading);
  const flagRows = rows.slice(labels.indexOf('异常') + 1, labels.indexOf('人员处置') - 1);
  expect(flagRows.map((row) => row[0])).toEqual([
    '红码',
    '黄码',
    '灰码',
    '行程卡带星',
    '来自风险地区',
    '体温异常',
    '无有效核酸',
    '核酸阳性',
    '未接种疫苗',
  ]);
  expect(flagRows.every((row) => row[1] === '0')).toBe(true);
  expect(rows.at(-1)).toEqual(['班组', '车辆数', '人员数']);
});

it('names the file 日报-date.csv', () => {
  expect(dailyCsvFileName('2026-11-28')).toBe('日报-2026-11-28.csv');
});
