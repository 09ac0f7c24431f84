// The hand-off list as a CSV for the grid workers: one row per flagged person, in the list's order, Chinese headers.
// The same rows make the workbook (handoff-sheet.ts).
import { digitsText, toCsv, type CsvCell } from './csv.ts';
import type { HandoffList } from './handoffs.ts';
import { wallDateAndSecond } from './time.ts';
import { LABELS_ZH } from './vocabulary.messages.ts';

/** '交接名单-2026-11-28.csv' */
export const handoffCsvFileName = (date: string): string => `交接名单-${date}.csv`;

export const HANDOFF_CSV_HEADER = [
  '县区',
  '乡镇',
  '村社区',
  '检查时间',
  '车牌',
  '异常',
  '处置',
  '姓名',
  '身份证号',
  '电话',
  '检查编号',
] as const;
export type HandoffColumn = (typeof HANDOFF_CSV_HEADER)[number];

/** Digits a spreadsheet must keep as text: an 18-digit ID number, a phone with its leading 0. */
export const HANDOFF_DIGIT_COLUMNS: ReadonlySet<HandoffColumn> = new Set(['身份证号', '电话']);
const DIGITS_AT = HANDOFF_CSV_HEADER.map((column) => HANDOFF_DIGIT_COLUMNS.has(column));

/**
 * The list's rows, one per person, each value as the text it is (null: nothing registered), in
 * HANDOFF_CSV_HEADER's order. `timeZone`: the checkpoint's, so times read as the officers' wall clock
 * ('2026-11-28 08:01:40').
 */
export function handoffRows(list: HandoffList, timeZone: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const group of list.groups) {
    for (const person of group.persons) {
      rows.push([
        group.county,
        group.township,
        group.village,
        wallDateAndSecond(Date.parse(person.completedAt), timeZone),
        person.plate,
        person.flags.map((flag) => LABELS_ZH.flag[flag]).join('、'),
        LABELS_ZH.disposition[person.disposition],
        person.name,
        person.idNumber,
        person.phone,
        person.checkId,
      ]);
    }
  }
  return rows;
}

/**
 * Every text cell goes through the one CSV writer, which puts an apostrophe before one a spreadsheet would run as a
 * formula (a place, plate or name typed in the field as =HYPERLINK(…)) and before an all-digit ID number or phone.
 */
export function handoffCsv(list: HandoffList, timeZone: string): string {
  const rows: CsvCell[][] = handoffRows(list, timeZone).map((values) =>
    values.map((value, column) => (DIGITS_AT[column] === true ? digitsText(value) : value)),
  );
  return toCsv([[...HANDOFF_CSV_HEADER], ...rows]);
}
