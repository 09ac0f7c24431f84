// The hand-off list as a CSV for the grid workers: one row per flagged person, in the list's order, Chinese headers.
import { toCsv, type CsvCell } from './csv.ts';
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

/**
 * Names and plates come from the field: one starting with = + - @ would run as a formula in Excel, so it gets a
 * leading apostrophe (OWASP's CSV-injection advice).
 */
function enteredText(value: string | null): CsvCell {
  if (value === null) return null;
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/**
 * An 18-digit ID number opened in Excel becomes 1.10105E+17 with its last digits lost, and a phone's leading 0
 * drops: a leading tab keeps an all-digit value as text in Excel and WPS.
 */
function digitsAsText(value: string | null): CsvCell {
  if (value !== null && /^\d+$/u.test(value)) return `\t${value}`;
  return enteredText(value);
}

/** `timeZone`: the checkpoint's, so times read as the officers' wall clock ('2026-11-28 08:01:40'). */
export function handoffCsv(list: HandoffList, timeZone: string): string {
  const rows: CsvCell[][] = [[...HANDOFF_CSV_HEADER]];
  for (const group of list.groups) {
    for (const person of group.persons) {
      rows.push([
        group.county,
        group.township,
        group.village,
        wallDateAndSecond(Date.parse(person.completedAt), timeZone),
        enteredText(person.plate),
        person.flags.map((flag) => LABELS_ZH.flag[flag]).join('、'),
        LABELS_ZH.disposition[person.disposition],
        enteredText(person.name),
        digitsAsText(person.idNumber),
        digitsAsText(person.phone),
        person.checkId,
      ]);
    }
  }
  return toCsv(rows);
}
