import { describe, expect, it } from 'vitest';
import { dailySheets, dailyXlsxFallbackName, dailyXlsxFileName } from './daily-sheets.ts';
import type { SheetTable } from './sheet.ts';
import { tallyDay, type DailyTally } from './tally.ts';
import { FLAGS } from './vocabulary.ts';

const quiet = tallyDay([], {
  checkpointId: 'cp-1',
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: '2026-11-28T12:00:00Z',
});

/** A day with a different number in every field, so a value in the wrong row shows. */
const busy: DailyTally = {
  ...quiet,
  vehicles: 120,
  persons: 301,
  devices: 3,
  newestCompletedAt: '2026-11-28T23:59:59+08:00',
  vehiclesByType: { car: 70, bus: 10, truck: 20, van: 11, motorcycle: 6, other: 3 },
  vehiclesByOrigin: { local: 60, 'in-province': 40, 'out-of-province': 20 },
  flags: Object.fromEntries(FLAGS.map((flag, i) => [flag, i + 1])) as DailyTally['flags'],
  byHour: quiet.byHour.map((hour) => ({ ...hour, vehicles: hour.hour * 2, persons: hour.hour * 5 })),
  byTeam: { B: { vehicles: 50, persons: 120 }, A: { vehicles: 70, persons: 181 } },
};

const valueOf = (sheet: SheetTable, section: string, label: string) => {
  const start = sheet.rows.findIndex((row) => row.emphasis === true && row.cells[0] === section);
  const found = sheet.rows.slice(start + 1).find((row) => row.cells[0] === label);
  return found?.cells.slice(1);
};

describe('dailySheets', () => {
  const [summary, hourly] = dailySheets(busy, { id: 'cp-1', name: '娄底东' });

  it('heads the summary with the checkpoint, day, zone and times on the checkpoint clock', () => {
    expect(summary.name).toBe('日报');
    expect(summary.rows.slice(0, 10).map((row) => row.cells)).toEqual([
      ['娄底东 日报'],
      ['检查站', '娄底东'],
      ['检查站编号', 'cp-1'],
      ['日期', '2026-11-28'],
      ['时区', 'Asia/Shanghai'],
      ['生成时间', '2026-11-28 20:00:00'],
      ['最新数据', '2026-11-28 23:59:59'],
      ['车辆总数', 120],
      ['人员总数', 301],
      ['设备数', 3],
    ]);
  });

  it('gives every breakdown as numbers under Chinese labels', () => {
    expect(valueOf(summary, '车型', '货车')).toEqual([20]);
    expect(valueOf(summary, '来源', '省内外市')).toEqual([40]);
    expect(valueOf(summary, '异常', '未接种疫苗')).toEqual([FLAGS.length]);
    expect(valueOf(summary, '人员处置', '放行')).toEqual([0]);
    expect(valueOf(summary, '班组', 'A')).toEqual([70, 181]);
  });

  it('lists 24 hours and their total on the per-hour sheet', () => {
    expect(hourly.name).toBe('每小时');
    expect(hourly.rows[0]?.cells).toEqual(['时段', '车辆数', '人员数']);
    expect(hourly.rows.slice(1, 25).map((row) => row.cells[0])).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}时`),
    );
    expect(hourly.rows[9]?.cells).toEqual(['08时', 16, 40]);
    expect(hourly.rows[25]?.cells).toEqual(['合计', 120, 301]);
  });

  it('lists the tablets whose clocks were off after the teams, and nothing on a day when none was', () => {
    const [withSkews] = dailySheets(
      {
        ...busy,
        skewedClocks: [
          { deviceId: 'dev-5', deviceName: '5号平板', largestSkewSeconds: 10_800, checks: 12 },
          { deviceId: 'dev-x', deviceName: null, largestSkewSeconds: -421, checks: 1 },
        ],
      },
      { id: 'cp-1', name: '娄底东' },
    );
    const start = withSkews.rows.findIndex((row) => row.cells[0] === '时钟不准的平板');
    expect(withSkews.rows[start]?.emphasis).toBe(true);
    expect(withSkews.rows.slice(start).map((row) => row.cells)).toEqual([
      ['时钟不准的平板', '设备编号', '最大偏差', '最大偏差（秒，正为快）', '检查数'],
      ['5号平板', 'dev-5', '快 3 小时', 10_800, 12],
      ['未知平板', 'dev-x', '慢 7 分钟', -421, 1],
    ]);
    expect(summary.rows.some((row) => row.cells[0] === '时钟不准的平板')).toBe(false);
  });

  it('says 无 for the newest data of a day without checks', () => {
    const [emptySummary] = dailySheets(quiet, { id: 'cp-1', name: '娄底东' });
    expect(emptySummary.rows[6]?.cells).toEqual(['最新数据', '无']);
  });
});

describe('file names', () => {
  it('names the workbook after the checkpoint and day, with characters a file name cannot hold replaced', () => {
    expect(dailyXlsxFileName('娄底东', '2026-11-28')).toBe('日报-娄底东-2026-11-28.xlsx');
    expect(dailyXlsxFileName('G60/娄底:东', '2026-11-28')).toBe('日报-G60_娄底_东-2026-11-28.xlsx');
    expect(dailyXlsxFallbackName('0b6f-4c2a', '2026-11-28')).toBe('kakou-daily-0b6f-4c2a-2026-11-28.xlsx');
  });
});
