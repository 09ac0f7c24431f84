// The daily report (日报) as the CSV a shift lead opens in Excel or WPS: Chinese headers, one section per breakdown.
import { clockSkewZh } from './clock-skew.ts';
import { toCsv, type CsvCell } from './csv.ts';
import type { DailyTally } from './tally.ts';
import { LABELS_ZH } from './vocabulary.messages.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from './vocabulary.ts';

/** '日报-2026-11-28.csv' */
export const dailyCsvFileName = (date: string): string => `日报-${date}.csv`;

// Between sections, so each reads as its own small table in a spreadsheet.
const BLANK: readonly CsvCell[] = [];

/** The header of the section listing the tablets whose clocks were off; the section is there only when one was. */
export const SKEWED_CLOCKS_HEADER = [
  '时钟不准的平板',
  '设备编号',
  '最大偏差',
  '最大偏差（秒，正为快）',
  '检查数',
] as const;

/** A tablet the server does not know by name (checks an admin loaded). */
export const UNKNOWN_DEVICE_ZH = '未知平板';

/** '08时': not '08:00', which a spreadsheet turns into a time of day. */
const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}时`;

export function dailyTallyCsv(tally: DailyTally): string {
  const teams = Object.keys(tally.byTeam).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return toCsv([
    ['日期', tally.date],
    ['检查站', tally.checkpointId],
    ['时区', tally.timezone],
    ['车辆总数', tally.vehicles],
    ['人员总数', tally.persons],
    ['设备数', tally.devices],
    ['生成时间', tally.generatedAt],
    BLANK,
    ['车型', '车辆数'],
    ...VEHICLE_TYPES.map((type) => [LABELS_ZH.vehicleType[type], tally.vehiclesByType[type]]),
    BLANK,
    ['来源', '车辆数'],
    ...ORIGIN_CLASSES.map((origin) => [LABELS_ZH.origin[origin], tally.vehiclesByOrigin[origin]]),
    BLANK,
    ['异常', '人数'],
    ...FLAGS.map((flag) => [LABELS_ZH.flag[flag], tally.flags[flag]]),
    BLANK,
    ['人员处置', '人数'],
    ...DISPOSITIONS.map((d) => [LABELS_ZH.disposition[d], tally.personDispositions[d]]),
    BLANK,
    ['车辆处置', '车辆数'],
    ...DISPOSITIONS.map((d) => [LABELS_ZH.disposition[d], tally.vehicleDispositions[d]]),
    BLANK,
    ['每小时', '车辆数', '人员数'],
    ...tally.byHour.map((row) => [hourLabel(row.hour), row.vehicles, row.persons]),
    BLANK,
    ['班组', '车辆数', '人员数'],
    ...teams.map((team) => [team, tally.byTeam[team]?.vehicles ?? 0, tally.byTeam[team]?.persons ?? 0]),
    ...skewedClockRows(tally),
  ]);
}

/** The tablets whose clocks were off (ADR 035), after a blank row; nothing on a day when none was. */
function skewedClockRows(tally: DailyTally): (readonly CsvCell[])[] {
  const clocks = tally.skewedClocks ?? [];
  if (clocks.length === 0) return [];
  return [
    BLANK,
    SKEWED_CLOCKS_HEADER,
    ...clocks.map((clock) => [
      clock.deviceName ?? UNKNOWN_DEVICE_ZH,
      clock.deviceId,
      clockSkewZh(clock.largestSkewSeconds),
      clock.largestSkewSeconds,
      clock.checks,
    ]),
  ];
}
