// Spreadsheet rows as the exports build them, and the one rule that types their cells for the workbook writer
// (write-excel-file, on the server and the tablet alike): text is a text cell, a figure a number cell, never a
// formula (ADR 029).
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fonts that Excel and WPS on a Chinese desktop both have; Calibri would fall back for every Chinese character. */
export const WORKBOOK_FONT_FAMILY = '等线';

/** string: text, whatever it holds (an ID number stays text); number: a figure; null: an empty cell. */
export type SheetCell = string | number | null;

export interface SheetRow {
  cells: SheetCell[];
  /** A title or a table's header row: shown bold. */
  emphasis?: boolean;
}

export interface SheetTable {
  /** The tab's name (Excel allows at most 31 characters). */
  name: string;
  /** Column widths in characters (a Chinese character counts about two). */
  columnWidths: number[];
  rows: SheetRow[];
}

/**
 * A cell as the workbook writer takes it, typed explicitly: `String` is a shared-string cell (t="s"), which no
 * spreadsheet evaluates, whatever its first character; the writer makes a formula only of type 'Formula', never
 * used here. Text cells also carry the Text number format ('@'), so a lead who edits one and presses Enter does not
 * turn '=…' into a formula then either.
 */
export type WorkbookCell =
  | { value: string; type: StringConstructor; format: '@'; fontWeight?: 'bold' }
  | { value: number; type: NumberConstructor; fontWeight?: 'bold' };

export interface WorkbookSheet {
  sheet: string;
  columns: { width: number }[];
  data: (WorkbookCell | null)[][];
}

const TEXT_FORMAT = '@';

/** Excel's own line break in a cell is LF; a CR would be read back as LF anyway (XML line-end handling). */
const asCellText = (text: string): string => text.replace(/\r\n?/gu, '\n');

function workbookCell(value: SheetCell, bold: boolean): WorkbookCell | null {
  if (value === null) return null;
  const weight = bold ? { fontWeight: 'bold' as const } : {};
  // Only a finite number is a number cell: NaN or Infinity would make the file unreadable, so they are text.
  if (typeof value === 'number' && Number.isFinite(value)) return { value, type: Number, ...weight };
  return { value: asCellText(String(value)), type: String, format: TEXT_FORMAT, ...weight };
}

/** The tables as the workbook writer's sheets: widths set, every cell typed. */
export function workbookSheets(tables: readonly SheetTable[]): WorkbookSheet[] {
  return tables.map((table) => ({
    sheet: table.name,
    columns: table.columnWidths.map((width) => ({ width })),
    data: table.rows.map((row) => row.cells.map((value) => workbookCell(value, row.emphasis === true))),
  }));
}
