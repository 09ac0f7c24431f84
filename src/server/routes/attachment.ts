// Content-Disposition for a downloaded export whose name is Chinese (RFC 6266 with RFC 5987 filename*), and the CSV and
// XLSX answers' types.
import { z } from 'zod';
import { XLSX_CONTENT_TYPE } from '../../domain/sheet.ts';

/** UTF-8 percent-encoding of RFC 5987's attr-char set ('()* are not attr-chars, encodeURIComponent leaves them). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `fallback`: an ASCII name for clients that ignore filename*. */
export function attachmentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** For the OpenAPI document: a CSV answer is a string, never serialized as JSON (its content type is not JSON). */
export const csvResponseSchema = z.string().describe('text/csv; charset=utf-8, starting with a byte-order mark');

/** For the OpenAPI document: the workbook is binary, never serialized as JSON. */
export const xlsxResponseSchema = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ type: 'string', format: 'binary', description: `${XLSX_CONTENT_TYPE}: the workbook` });
