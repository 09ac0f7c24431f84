// Test support: the inverse of toCsv (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), so tests read an export back.
import { UTF8_BOM } from '../../../src/domain/csv.ts';

export function parseCsv(text: string): string[][] {
  if (!text.startsWith(UTF8_BOM)) throw new Error('the export does not start with a byte-order mark');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = UTF8_BOM.length;
  while (i < text.length) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (char === '\n' || char === '\r') {
      throw new Error(`a bare line break at ${i}: records end with CRLF`);
    } else {
      field += char;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** A downloaded CSV read back byte for byte: Blob.text() would silently drop the byte-order mark the file must keep. */
export async function parseCsvBlob(blob: Blob): Promise<string[][]> {
  return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer()));
}
