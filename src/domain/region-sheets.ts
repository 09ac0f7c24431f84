// The region's day (区域日报) as spreadsheet rows: the CSV's table on one sheet, and each checkpoint's vehicles and
// persons hour by hour on another. Pure: the server hands the rows to the workbook writer (sheet.ts types the cells).
import { hourLabel } from './daily-sheets.ts';
import {
  REGION_FIGURE_HEADER,
  REGION_PLACE_HEADER,
  REGION_TABLE_HEADER,
  REGION_TOTAL_ZH,
  regionFigures,
} from './region-csv.ts';
import type { RegionTally } from './region-tally.ts';
import type { SheetCell, SheetRow, SheetTable } from './sheet.ts';
import type { HourTally } from './tally.ts';

export const REGION_SUMMARY_SHEET_NAME = '区域日报';
export const REGION_HOURLY_SHEET_NAME = '每小时';

/** Each checkpoint's hours are its own clock's: said above each hourly table, since zones may differ. */
export const REGION_HOURLY_VEHICLES_TITLE = '每小时车辆数（各检查站当地时间）';
export const REGION_HOURLY_PERSONS_TITLE = '每小时人员数（各检查站当地时间）';

/** Column widths in characters (a Chinese character counts about two). */
const NAME_COLUMN_WIDTH = 18;
const PLACE_COLUMN_WIDTH = 10;
const FIGURE_COLUMN_MIN_WIDTH = 10;
const HOUR_COLUMN_WIDTH = 7;
const CHARACTER_WIDTH = 2;

/** '区域日报-2026-11-28.xlsx' */
export const regionXlsxFileName = (date: string): string => `区域日报-${date}.xlsx`;

/** The ASCII name for clients that ignore filename*: 'kakou-region-2026-11-28.xlsx'. */
export const regionXlsxFallbackName = (date: string): string => `kakou-region-${date}.xlsx`;

const blank: SheetRow = { cells: [] };
const header = (...cells: SheetCell[]): SheetRow => ({ cells, emphasis: true });
const row = (...cells: SheetCell[]): SheetRow => ({ cells });

const placeWidths = [NAME_COLUMN_WIDTH, PLACE_COLUMN_WIDTH, PLACE_COLUMN_WIDTH];

/**
 * Wide enough for its header ('人员处置：登记推送目的地'), so no header is cut off when the file opens; the headers are
 * all in the Basic Multilingual Plane, so their length counts characters.
 */
const figureWidth = (heading: string): number => Math.max(FIGURE_COLUMN_MIN_WIDTH, heading.length * CHARACTER_WIDTH);

/** A table of checkpoints × 24 hours (and their day), then the total, for vehicles or persons. */
function hourlyTable(region: RegionTally, title: string, count: (hour: HourTally) => number): SheetRow[] {
  const total = (hours: readonly HourTally[]): number => hours.reduce((sum, hour) => sum + count(hour), 0);
  return [
    header(title),
    header(...REGION_PLACE_HEADER, ...region.total.byHour.map((hour) => hourLabel(hour.hour)), REGION_TOTAL_ZH),
    ...region.checkpoints.map((checkpoint) =>
      row(
        checkpoint.name,
        checkpoint.province,
        checkpoint.city,
        ...checkpoint.byHour.map(count),
        total(checkpoint.byHour),
      ),
    ),
    header(REGION_TOTAL_ZH, null, null, ...region.total.byHour.map(count), total(region.total.byHour)),
  ];
}

export function regionSheets(region: RegionTally): [SheetTable, SheetTable] {
  const summary: SheetTable = {
    name: REGION_SUMMARY_SHEET_NAME,
    columnWidths: [...placeWidths, ...REGION_FIGURE_HEADER.map(figureWidth)],
    rows: [
      header(`区域日报 ${region.date}`),
      row('日期', region.date),
      blank,
      header(...REGION_TABLE_HEADER),
      ...region.checkpoints.map((checkpoint) =>
        row(checkpoint.name, checkpoint.province, checkpoint.city, ...regionFigures(checkpoint)),
      ),
      header(REGION_TOTAL_ZH, null, null, ...regionFigures(region.total)),
    ],
  };
  const hourly: SheetTable = {
    name: REGION_HOURLY_SHEET_NAME,
    columnWidths: [...placeWidths, ...region.total.byHour.map(() => HOUR_COLUMN_WIDTH), FIGURE_COLUMN_MIN_WIDTH],
    rows: [
      ...hourlyTable(region, REGION_HOURLY_VEHICLES_TITLE, (hour) => hour.vehicles),
      blank,
      ...hourlyTable(region, REGION_HOURLY_PERSONS_TITLE, (hour) => hour.persons),
    ],
  };
  return [summary, hourly];
}
