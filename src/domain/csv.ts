// RFC 4180 CSV writing for the exports a shift lead opens in Excel or WPS: UTF-8 with a byte-order mark, CRLF.
/** Without it Excel reads UTF-8 as the local code page (GBK on Chinese Windows) and the headers come out garbled. */
export const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';

export type CsvCell = string | number | null;

// A field that holds a separator, a quote or a line break must be quoted; a leading or trailing space too,
// since some readers trim unquoted fields.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/** One field: null is empty; quotes are doubled inside a quoted field. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, one CRLF-terminated record per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',') + CRLF).join('');
}
