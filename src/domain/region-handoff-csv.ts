// The region's hand-off list (区域交接名单) as a CSV for the grid workers: one checkpoint's columns (handoff-csv.ts) with
// the checkpoint that found each person beside the time it was checked, one row per person in the list's order. The
// workbook (region-handoff-sheets.ts) takes the same rows.
import { digitsText, toCsv, type CsvCell } from './csv.ts';
import { HANDOFF_CSV_HEADER, HANDOFF_DIGIT_COLUMNS, handoffRows } from './handoff-csv.ts';
import type { RegionHandoffList } from './region-handoffs.ts';
import { DEFAULT_TIME_ZONE } from './time.ts';

export const REGION_CHECKPOINT_COLUMN = '检查站';

/** Where the checkpoint's column goes: before the time, so a row reads "to where, found at which checkpoint, when". */
const CHECKPOINT_AT = HANDOFF_CSV_HEADER.indexOf('检查时间');

export const REGION_HANDOFF_CSV_HEADER: readonly string[] = [
  ...HANDOFF_CSV_HEADER.slice(0, CHECKPOINT_AT),
  REGION_CHECKPOINT_COLUMN,
  ...HANDOFF_CSV_HEADER.slice(CHECKPOINT_AT),
];

const DIGIT_COLUMNS: ReadonlySet<string> = HANDOFF_DIGIT_COLUMNS;
const DIGITS_AT = REGION_HANDOFF_CSV_HEADER.map((column) => DIGIT_COLUMNS.has(column));

/** A township a file is cut for, named as the list names it. */
export interface TownshipName {
  county: string;
  township: string;
}

/** Characters no file name may hold on the grid workers' desktops (Windows), and control characters. */
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\p{Cc}]/gu;

const fileNamePart = (text: string): string => text.replace(NOT_IN_FILE_NAMES, '').trim();

/** '区域交接名单-2026-11-28', or for one township '区域交接名单-双峰县三塘铺镇-2026-11-28'. */
export function regionHandoffFileStem(date: string, township?: TownshipName): string {
  const place = township === undefined ? '' : fileNamePart(`${township.county}${township.township}`);
  return place === '' ? `区域交接名单-${date}` : `区域交接名单-${place}-${date}`;
}

/** The ASCII name for clients that ignore filename*: 'handoffs-region-2026-11-28', '…-431321109-2026-11-28'. */
export function regionHandoffFallbackStem(date: string, townshipCode?: string): string {
  return townshipCode === undefined ? `handoffs-region-${date}` : `handoffs-region-${townshipCode}-${date}`;
}

/** '区域交接名单-2026-11-28.csv' */
export const regionHandoffCsvFileName = (date: string, township?: TownshipName): string =>
  `${regionHandoffFileStem(date, township)}.csv`;

/**
 * The list's rows in REGION_HANDOFF_CSV_HEADER's order, each value the text it is (null: nothing registered). Each
 * person's row is one checkpoint's row (handoffRows), its time on the clock of the checkpoint that found them.
 */
export function regionHandoffRows(list: RegionHandoffList): (string | null)[][] {
  const zoneOf = new Map(list.checkpoints.map((checkpoint) => [checkpoint.checkpointId, checkpoint.timezone]));
  const rows: (string | null)[][] = [];
  for (const group of list.groups) {
    for (const person of group.persons) {
      const one = { checkpointId: person.checkpointId, date: list.date, groups: [{ ...group, persons: [person] }] };
      const zone = zoneOf.get(person.checkpointId) ?? DEFAULT_TIME_ZONE;
      for (const row of handoffRows(one, zone)) {
        rows.push([...row.slice(0, CHECKPOINT_AT), person.checkpointName, ...row.slice(CHECKPOINT_AT)]);
      }
    }
  }
  return rows;
}

/**
 * Every cell goes through the one CSV writer: an apostrophe before text a spreadsheet would run as a formula (a
 * place, plate, name or checkpoint name typed as =HYPERLINK(…)) and before an all-digit ID number or phone.
 */
export function regionHandoffCsv(list: RegionHandoffList): string {
  const rows: CsvCell[][] = regionHandoffRows(list).map((values) =>
    values.map((value, column) => (DIGITS_AT[column] === true ? digitsText(value) : value)),
  );
  return toCsv([[...REGION_HANDOFF_CSV_HEADER], ...rows]);
}
