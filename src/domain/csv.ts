// The one CSV writer of the exports a shift lead opens in Excel or WPS (server and tablet alike): RFC 4180, UTF-8 with
// a byte-order mark, CRLF, and no cell a spreadsheet would run as a formula (ADR 029). Nothing else builds CSV by hand
// (tests/lint/one-csv-writer.test.ts).
/** Without it Excel reads UTF-8 as the local code page (GBK on Chinese Windows) and the headers come out garbled. */
export const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A text cell that must reach the spreadsheet as text even when it is all digits: an ID number (Excel turns
 * 110105194912310025 into 1.10105E+17 and loses its last digits) or a phone (its leading 0 would drop).
 */
export interface DigitsText {
  readonly digitsText: string;
}

/** string: text, whatever it holds; number: a figure, written as the number it is; null: an empty cell. */
export type CsvCell = string | number | null | DigitsText;

/** null stays an empty cell. */
export const digitsText = (value: string | null): CsvCell => (value === null ? null : { digitsText: value });

/**
 * What makes a spreadsheet read a cell as a formula: its first character is = + - or @ (Excel, WPS, LibreOffice,
 * Google Sheets), or a TAB or CR that some programs strip before looking (OWASP's CSV-injection list). Also caught,
 * as a precaution: the same signs after leading white space, and their full-width forms (＝＋－＠) that a Chinese
 * input method types.
 */
const FORMULA_START = /^[\t\r]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const ALL_DIGITS = /^\d+$/u;
/** The mark that tells a spreadsheet "this cell is text"; it is not itself a formula sign. */
const TEXT_MARK = "'";

// A field that holds a separator, a quote or a line break must be quoted; a leading or trailing space too,
// since some readers trim unquoted fields.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/** A text cell as the spreadsheet must see it: text that would start a formula gets the apostrophe in front. */
export function neutralisedText(text: string): string {
  return FORMULA_START.test(text) ? `${TEXT_MARK}${text}` : text;
}

/**
 * A number is written as the number it is (-5 included: a spreadsheet reads "-5" as the number −5, which runs
 * nothing); only a finite one, since "NaN" or "-Infinity" would be text, and is then treated as text.
 */
function cellText(cell: Exclude<CsvCell, null>): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : neutralisedText(String(cell));
  if (typeof cell === 'string') return neutralisedText(cell);
  // The apostrophe, not the old leading tab: a cell starting with TAB is itself one a spreadsheet may run.
  return ALL_DIGITS.test(cell.digitsText) ? `${TEXT_MARK}${cell.digitsText}` : neutralisedText(cell.digitsText);
}

/** One field: null is empty; quotes are doubled inside a quoted field. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  const text = cellText(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, one CRLF-terminated record per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
}
