// Test support: a workbook read back with an independent reader (exceljs), cell by cell with its type, so a test can
// tell a text cell from a number and see any formula.
import ExcelJS from 'exceljs';

export type ReadCell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'formula'; formula: string }
  | { kind: 'other'; value: unknown };

export interface ReadSheet {
  name: string;
  /** Row by row from the first; empty rows (blank lines between tables) are empty arrays, empty cells null. */
  rows: (ReadCell | null)[][];
}

function readCell(cell: ExcelJS.Cell): ReadCell | null {
  if (cell.type === ExcelJS.ValueType.Null) return null;
  if (cell.type === ExcelJS.ValueType.Formula || cell.formula) return { kind: 'formula', formula: cell.formula };
  if (cell.type === ExcelJS.ValueType.String && typeof cell.value === 'string')
    return { kind: 'text', value: cell.value };
  if (cell.type === ExcelJS.ValueType.Number && typeof cell.value === 'number')
    return { kind: 'number', value: cell.value };
  return { kind: 'other', value: cell.value };
}

export async function readXlsx(file: ArrayBuffer | Uint8Array | Blob): Promise<ReadSheet[]> {
  const bytes = file instanceof Blob ? await file.arrayBuffer() : file;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: (ReadCell | null)[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: (ReadCell | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = readCell(cell);
      });
      rows[rowNumber - 1] = Array.from(cells, (cell: ReadCell | null | undefined) => cell ?? null);
    });
    return { name: sheet.name, rows: Array.from(rows, (row: (ReadCell | null)[] | undefined) => row ?? []) };
  });
}

/** Every formula cell of the workbook, as 'sheet!row:column'; a safe export has none. */
export function formulaCells(sheets: readonly ReadSheet[]): string[] {
  return sheets.flatMap((sheet) =>
    sheet.rows.flatMap((row, r) =>
      row.flatMap((cell, c) => (cell?.kind === 'formula' ? [`${sheet.name}!${r + 1}:${c + 1}`] : [])),
    ),
  );
}
