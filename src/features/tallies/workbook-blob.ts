// The tablet's own workbook (the hand-off list built offline), written in the browser by the same library and with
// the same typed cells as the server's (src/domain/sheet.ts: text is never a formula). The library is imported on
// the first export, so it stays out of the JS the app starts with; the service worker precaches its chunk, so the
// export works offline.
import { WORKBOOK_FONT_FAMILY, workbookSheets, type SheetTable } from '../../domain/sheet.ts';

export async function workbookBlob(tables: readonly SheetTable[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  return writeXlsxFile(workbookSheets(tables), { fontFamily: WORKBOOK_FONT_FAMILY }).toBlob();
}
