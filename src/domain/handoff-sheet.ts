// The hand-off list as a workbook for the grid workers: the CSV's columns and rows on one sheet, every value a text
// cell, so an 18-digit ID number or a phone's leading 0 survives without any trick.
import { HANDOFF_CSV_HEADER, handoffRows } from './handoff-csv.ts';
import type { HandoffList } from './handoffs.ts';
import type { SheetTable } from './sheet.ts';

export const HANDOFF_SHEET_NAME = '交接名单';

/** '交接名单-2026-11-28.xlsx' */
export const handoffXlsxFileName = (date: string): string => `交接名单-${date}.xlsx`;

/** In characters, column by column of HANDOFF_CSV_HEADER: an ID number is 18, a time 19. */
const COLUMN_WIDTHS = [12, 14, 14, 20, 12, 24, 16, 12, 22, 16, 38];

/** `timeZone`: the checkpoint's, as for the CSV. */
export function handoffSheet(list: HandoffList, timeZone: string): SheetTable {
  return {
    name: HANDOFF_SHEET_NAME,
    columnWidths: COLUMN_WIDTHS,
    rows: [
      { cells: [...HANDOFF_CSV_HEADER], emphasis: true },
      ...handoffRows(list, timeZone).map((cells) => ({ cells })),
    ],
  };
}
