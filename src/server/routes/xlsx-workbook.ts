// Writes spreadsheet rows from src/domain as an .xlsx workbook. The writer is imported on first use, so a server
// that never exports does not load it at start-up.
import type { SheetTable } from '../../domain/daily-sheets.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fonts that Excel and WPS on a Chinese desktop both have; Calibri would fall back for every Chinese character. */
const FONT_FAMILY = '等线';

export async function writeWorkbook(sheets: readonly SheetTable[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      columns: sheet.columnWidths.map((width) => ({ width })),
      data: sheet.rows.map((row) =>
        // Every cell typed explicitly: a string is never read as a formula, a number stays a number.
        row.cells.map((value) =>
          value === null
            ? null
            : typeof value === 'number'
              ? { value, type: Number, ...(row.emphasis === true ? { fontWeight: 'bold' as const } : {}) }
              : { value, type: String, ...(row.emphasis === true ? { fontWeight: 'bold' as const } : {}) },
        ),
      ),
    })),
    { fontFamily: FONT_FAMILY },
  ).toBuffer();
}
