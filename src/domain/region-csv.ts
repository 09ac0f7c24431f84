// The region's day (区域日报) as the CSV a command opens in Excel or WPS: one row per checkpoint, then the total, under
// Chinese headers. The workbook (region-sheets.ts) takes the same columns.
import { toCsv, type CsvCell } from './csv.ts';
import type { RegionTally, RegionTotal } from './region-tally.ts';
import { LABELS_ZH } from './vocabulary.messages.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';

/** '区域日报-2026-11-28.csv' */
export const regionCsvFileName = (date: string): string => `区域日报-${date}.csv`;

/** The last row's name: the region's figures. */
export const REGION_TOTAL_ZH = '合计';

/** The columns that say which checkpoint a row is; the total leaves the place empty. */
export const REGION_PLACE_HEADER = ['检查站', '省', '市'] as const;

/**
 * The figures' headers, each breakdown's values named after it ('车型：货车'), since one header row has to tell the
 * vehicles of a type from the persons of a flag, and '其他' or '放行' alone would not say which.
 */
export const REGION_FIGURE_HEADER: readonly string[] = [
  '车辆总数',
  '人员总数',
  ...VEHICLE_TYPES.map((type) => `车型：${LABELS_ZH.vehicleType[type]}`),
  ...ORIGIN_CLASSES.map((origin) => `来源：${LABELS_ZH.origin[origin]}`),
  ...FLAGS.map((flag) => `异常：${LABELS_ZH.flag[flag]}`),
  ...DISPOSITIONS.map((d) => `人员处置：${LABELS_ZH.disposition[d]}`),
  '设备数',
];

export const REGION_TABLE_HEADER: readonly string[] = [...REGION_PLACE_HEADER, ...REGION_FIGURE_HEADER];

/** One checkpoint's (or the total's) figures, in REGION_FIGURE_HEADER's order. */
export function regionFigures(tally: RegionTotal): number[] {
  return [
    tally.vehicles,
    tally.persons,
    ...VEHICLE_TYPES.map((type) => tally.vehiclesByType[type]),
    ...ORIGIN_CLASSES.map((origin) => tally.vehiclesByOrigin[origin]),
    ...FLAGS.map((flag) => tally.flags[flag]),
    ...DISPOSITIONS.map((d) => tally.personDispositions[d]),
    tally.devices,
  ];
}

// Between the date and the table, so the table reads as one in a spreadsheet.
const BLANK: readonly CsvCell[] = [];

export function regionTallyCsv(region: RegionTally): string {
  return toCsv([
    ['日期', region.date],
    BLANK,
    REGION_TABLE_HEADER,
    ...region.checkpoints.map((row) => [row.name, row.province, row.city, ...regionFigures(row)]),
    [REGION_TOTAL_ZH, null, null, ...regionFigures(region.total)],
  ]);
}
