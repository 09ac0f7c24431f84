// Writes spreadsheet rows from src/domain as an .xlsx workbook, their cells typed by the domain (sheet.ts: text is
// never a formula). The writer is imported on first use, so a server that never exports does not load it at start-up.
import { WORKBOOK_FONT_FAMILY, workbookSheets, type SheetTable } from '../../domain/sheet.ts';

export async function writeWorkbook(tables: readonly SheetTable[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(workbookSheets(tables), { fontFamily: WORKBOOK_FONT_FAMILY }).toBuffer();
}
