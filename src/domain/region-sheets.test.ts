import { describe, expect, it } from 'vitest';
import { REGION_TABLE_HEADER } from './region-csv.ts';
import { regionSheets, regionXlsxFallbackName, regionXlsxFileName } from './region-sheets.ts';
import { regionTally } from './region-tally.ts';
import type { SheetRow } from './sheet.ts';
import { tallyDay, type DailyTally } from './tally.ts';

const quiet = (checkpointId: string): DailyTally =>
  tallyDay([], {
    checkpointId,
    date: '2026-11-28',
    timeZone: 'Asia/Shanghai',
    province: '湖南',
    city: '娄底',
    generatedAt: '2026-11-28T12:00:00Z',
  });

/** Hour h: h vehicles and 2h persons, times `scale`, so each checkpoint's hours differ. */
function hourly(checkpointId: string, scale: number): DailyTally {
  const day = quiet(checkpointId);
  const byHour = day.byHour.map((hour) => ({ ...hour, vehicles: hour.hour * scale, persons: hour.hour * 2 * scale }));
  const vehicles = byHour.reduce((sum, hour) => sum + hour.vehicles, 0);
  const persons = byHour.reduce((sum, hour) => sum + hour.persons, 0);
  return {
    ...day,
    byHour,
    vehicles,
    persons,
    devices: scale,
    vehiclesByType: { ...day.vehiclesByType, car: vehicles },
    vehiclesByOrigin: { ...day.vehiclesByOrigin, local: vehicles },
  };
}

const region = regionTally('2026-11-28', '2026-11-28T12:00:00Z', [
  {
    checkpoint: { checkpointId: 'cp-1', name: '娄底东', province: '湖南', city: '娄底', archivedAt: null },
    tally: hourly('cp-1', 1),
  },
  {
    checkpoint: { checkpointId: 'cp-2', name: '长沙南', province: '湖南', city: '长沙', archivedAt: null },
    tally: hourly('cp-2', 10),
  },
]);

const cellsOf = (rows: readonly SheetRow[]) => rows.map((row) => row.cells);

describe('regionSheets', () => {
  const [summary, hours] = regionSheets(region);

  it("holds the CSV's table on the first sheet: a row per checkpoint, then the total in bold", () => {
    expect(summary.name).toBe('区域日报');
    expect(cellsOf(summary.rows.slice(0, 3))).toEqual([['区域日报 2026-11-28'], ['日期', '2026-11-28'], []]);
    expect(summary.rows[3]).toEqual({ cells: [...REGION_TABLE_HEADER], emphasis: true });
    const [east, south, total] = summary.rows.slice(4);
    expect(east?.cells.slice(0, 6)).toEqual(['娄底东', '湖南', '娄底', 276, 552, 276]);
    expect(south?.cells.slice(0, 6)).toEqual(['长沙南', '湖南', '长沙', 2760, 5520, 2760]);
    expect(total).toMatchObject({ emphasis: true });
    expect(total?.cells.slice(0, 5)).toEqual(['合计', null, null, 3036, 6072]);
    expect(total?.cells.at(-1)).toBe(11);
    expect(summary.rows).toHaveLength(7);
    expect(summary.columnWidths).toHaveLength(REGION_TABLE_HEADER.length);
    // '人员处置：登记推送目的地' is 12 characters: wide enough not to be cut off.
    expect(Math.min(...summary.columnWidths.slice(3))).toBeGreaterThanOrEqual(10);
    expect(summary.columnWidths[REGION_TABLE_HEADER.indexOf('人员处置：登记推送目的地')]).toBe(24);
  });

  it('lists each checkpoint hour by hour on the second sheet, vehicles then persons, with their totals', () => {
    expect(hours.name).toBe('每小时');
    const hourLabels = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}时`);
    const perHour = (scale: number) => Array.from({ length: 24 }, (_, h) => h * scale);
    expect(cellsOf(hours.rows)).toEqual([
      ['每小时车辆数（各检查站当地时间）'],
      ['检查站', '省', '市', ...hourLabels, '合计'],
      ['娄底东', '湖南', '娄底', ...perHour(1), 276],
      ['长沙南', '湖南', '长沙', ...perHour(10), 2760],
      ['合计', null, null, ...perHour(11), 3036],
      [],
      ['每小时人员数（各检查站当地时间）'],
      ['检查站', '省', '市', ...hourLabels, '合计'],
      ['娄底东', '湖南', '娄底', ...perHour(2), 552],
      ['长沙南', '湖南', '长沙', ...perHour(20), 5520],
      ['合计', null, null, ...perHour(22), 6072],
    ]);
    expect(hours.rows.filter((row) => row.emphasis === true).map((row) => row.cells[0])).toEqual([
      '每小时车辆数（各检查站当地时间）',
      '检查站',
      '合计',
      '每小时人员数（各检查站当地时间）',
      '检查站',
      '合计',
    ]);
    expect(hours.columnWidths).toHaveLength(3 + 24 + 1);
  });
});

describe('file names', () => {
  it('names the workbook after the day, with an ASCII fallback', () => {
    expect(regionXlsxFileName('2026-11-28')).toBe('区域日报-2026-11-28.xlsx');
    expect(regionXlsxFallbackName('2026-11-28')).toBe('kakou-region-2026-11-28.xlsx');
  });
});
