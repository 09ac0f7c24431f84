// The daily report (日报) as spreadsheet rows: a summary sheet and a per-hour sheet, Chinese labels, numbers as numbers.
// Pure: the server hands the rows to the workbook writer (sheet.ts types the cells); the tablet could write the same rows.
import { clockSkewZh } from './clock-skew.ts';
import { SKEWED_CLOCKS_HEADER, UNKNOWN_DEVICE_ZH } from './daily-csv.ts';
import type { SheetCell, SheetRow, SheetTable } from './sheet.ts';
import type { DailyTally } from './tally.ts';
import { wallDateAndSecond } from './time.ts';
import { LABELS_ZH } from './vocabulary.messages.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';

export interface CheckpointHeading {
  id: string;
  name: string;
}

export const SUMMARY_SHEET_NAME = '日报';
export const HOURLY_SHEET_NAME = '每小时';

/** '日报-娄底东-2026-11-28.xlsx': what the lead sees in the downloads; '/' and similar would break the name. */
export function dailyXlsxFileName(checkpointName: string, date: string): string {
  const safeName = checkpointName.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');
  return `日报-${safeName}-${date}.xlsx`;
}

/** The ASCII name for clients that ignore filename*: 'kakou-daily-<checkpoint id>-<date>.xlsx'. */
export function dailyXlsxFallbackName(checkpointId: string, date: string): string {
  return `kakou-daily-${checkpointId.replace(/[^A-Za-z0-9._-]/gu, '_')}-${date}.xlsx`;
}

/** '08时', as the CSV writes it: a label, not a time of day. */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}时`;

/** '2026-11-28 20:15:03' on the checkpoint's clock: what a lead reads and signs. */
function wallTime(iso: string | null, timeZone: string): string {
  if (iso === null) return '无';
  return wallDateAndSecond(Date.parse(iso), timeZone);
}

const blank: SheetRow = { cells: [] };
const header = (...cells: SheetCell[]): SheetRow => ({ cells, emphasis: true });
const row = (...cells: SheetCell[]): SheetRow => ({ cells });

/** The tablets whose clocks were off (ADR 035), as the CSV lists them; nothing on a day when none was. */
function skewedClockRows(tally: DailyTally): SheetRow[] {
  const clocks = tally.skewedClocks ?? [];
  if (clocks.length === 0) return [];
  return [
    blank,
    header(...SKEWED_CLOCKS_HEADER),
    ...clocks.map((clock) =>
      row(
        clock.deviceName ?? UNKNOWN_DEVICE_ZH,
        clock.deviceId,
        clockSkewZh(clock.largestSkewSeconds),
        clock.largestSkewSeconds,
        clock.checks,
      ),
    ),
  ];
}

export function dailySheets(tally: DailyTally, checkpoint: CheckpointHeading): [SheetTable, SheetTable] {
  const teams = Object.keys(tally.byTeam).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const summary: SheetTable = {
    name: SUMMARY_SHEET_NAME,
    columnWidths: [22, 16, 12, 24, 10],
    rows: [
      header(`${checkpoint.name} 日报`),
      row('检查站', checkpoint.name),
      row('检查站编号', checkpoint.id),
      row('日期', tally.date),
      row('时区', tally.timezone),
      row('生成时间', wallTime(tally.generatedAt, tally.timezone)),
      row('最新数据', wallTime(tally.newestCompletedAt, tally.timezone)),
      row('车辆总数', tally.vehicles),
      row('人员总数', tally.persons),
      row('设备数', tally.devices),
      blank,
      header('车型', '车辆数'),
      ...VEHICLE_TYPES.map((type) => row(LABELS_ZH.vehicleType[type], tally.vehiclesByType[type])),
      blank,
      header('来源', '车辆数'),
      ...ORIGIN_CLASSES.map((origin) => row(LABELS_ZH.origin[origin], tally.vehiclesByOrigin[origin])),
      blank,
      header('异常', '人数'),
      ...FLAGS.map((flag) => row(LABELS_ZH.flag[flag], tally.flags[flag])),
      blank,
      header('人员处置', '人数'),
      ...DISPOSITIONS.map((d) => row(LABELS_ZH.disposition[d], tally.personDispositions[d])),
      blank,
      header('车辆处置', '车辆数'),
      ...DISPOSITIONS.map((d) => row(LABELS_ZH.disposition[d], tally.vehicleDispositions[d])),
      blank,
      header('班组', '车辆数', '人员数'),
      ...teams.map((team) => row(team, tally.byTeam[team]?.vehicles ?? 0, tally.byTeam[team]?.persons ?? 0)),
      ...skewedClockRows(tally),
    ],
  };
  const hourly: SheetTable = {
    name: HOURLY_SHEET_NAME,
    columnWidths: [10, 10, 10],
    rows: [
      header('时段', '车辆数', '人员数'),
      ...tally.byHour.map((hour) => row(hourLabel(hour.hour), hour.vehicles, hour.persons)),
      header('合计', tally.vehicles, tally.persons),
    ],
  };
  return [summary, hourly];
}
