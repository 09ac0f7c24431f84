import { expect, it } from 'vitest';
import { dailyTallyCsv, dailyCsvFileName } from './daily-csv.ts';
import { tallyDay, type DailyTally } from './tally.ts';
import { FORMULA_PAYLOADS, neutralised } from '../../tests/support/domain/formula-payloads.ts';
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

it('writes every text cell a spreadsheet would run as a formula with a leading apostrophe, figures as numbers', () => {
  for (const payload of FORMULA_PAYLOADS) {
    // Date, checkpoint, zone and time are the server's own values; here they carry the payload to prove the writer
    // does not trust any text column. Team names are typed at the checkpoint.
    const hostile: DailyTally = {
      ...emptyDay,
      date: payload,
      checkpointId: payload,
      timezone: payload,
      generatedAt: payload,
      vehicles: -2,
      byTeam: { [payload]: { vehicles: 3, persons: -1 }, [`${payload}乙`]: { vehicles: 1, persons: 1 } },
    };
    const rows = parseCsv(dailyTallyCsv(hostile));
    expect(rows.slice(0, 4)).toEqual([
      ['日期', neutralised(payload)],
      ['检查站', neutralised(payload)],
      ['时区', neutralised(payload)],
      ['车辆总数', '-2'],
    ]);
    expect(rows.find((row) => row[0] === '生成时间')).toEqual(['生成时间', neutralised(payload)]);
    const teams = rows.slice(rows.findIndex((row) => row[0] === '班组') + 1);
    expect(teams).toEqual(
      expect.arrayContaining([
        [neutralised(payload), '3', '-1'],
        [neutralised(`${payload}乙`), '1', '1'],
      ]),
    );
    expect(teams).toHaveLength(2);
    // No cell of the file, label or value, starts with a formula sign.
    expect(rows.flat().filter((cell) => /^[=+@\t\r]|^-\D/u.test(cell))).toEqual([]);
  }
});

it('lists the tablets whose clocks were off last, their names as text a spreadsheet never runs', () => {
  for (const payload of FORMULA_PAYLOADS) {
    const rows = parseCsv(
      dailyTallyCsv({
        ...emptyDay,
        skewedClocks: [
          { deviceId: 'dev-3', deviceName: payload, largestSkewSeconds: -421, checks: 4 },
          { deviceId: 'dev-x', deviceName: null, largestSkewSeconds: 300, checks: 1 },
        ],
      }),
    );
    const start = rows.findIndex((row) => row[0] === '时钟不准的平板');
    expect(rows.slice(start)).toEqual([
      ['时钟不准的平板', '设备编号', '最大偏差', '最大偏差（秒，正为快）', '检查数'],
      [neutralised(payload), 'dev-3', '慢 7 分钟', '-421', '4'],
      ['未知平板', 'dev-x', '快 5 分钟', '300', '1'],
    ]);
  }
});
