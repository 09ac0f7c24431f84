// Saving the report's files as downloads under their Chinese file names: the server's (日报 and 交接名单 as CSV or
// XLSX, merged across tablets) and, when the server cannot be asked, the same files of this tablet's own checks (日报
// CSV, 交接名单 CSV and XLSX), written by the same domain code as the server's.
import { dailyCsvFileName, dailyTallyCsv } from '../../domain/daily-csv.ts';
import { handoffCsv, handoffCsvFileName } from '../../domain/handoff-csv.ts';
import { handoffSheet, handoffXlsxFileName } from '../../domain/handoff-sheet.ts';
import type { HandoffList } from '../../domain/handoffs.ts';
import type { DailyTally } from '../../domain/tally.ts';
import { fetchReportFile, type ReportFile } from '../../sync/tally-client.ts';
import type { FetchLike } from '../../sync/transport.ts';
import type { ServerAccess } from './use-server-tally.ts';
import { workbookBlob } from './workbook-blob.ts';

const FILE_NAMES: Record<ReportFile, (date: string) => string> = {
  'daily.csv': dailyCsvFileName,
  'daily.xlsx': (date) => `日报-${date}.xlsx`,
  'handoffs.csv': handoffCsvFileName,
  'handoffs.xlsx': handoffXlsxFileName,
};

/** '日报-2026-11-28-本机.csv': a file of one tablet's checks must never pass for the checkpoint's merged one. */
export const localFileName = (name: string): string => name.replace(/(\.[a-z]+)$/u, '-本机$1');

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the download; the URL is not needed after it.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  }
}

const csvBlob = (text: string): Blob => new Blob([text], { type: 'text/csv;charset=utf-8' });

export async function downloadReportFile(
  access: ServerAccess,
  date: string,
  file: ReportFile,
  fetch?: FetchLike,
): Promise<void> {
  saveBlob(await fetchReportFile({ ...access, date }, file, fetch), FILE_NAMES[file](date));
}

/** This tablet's own 日报 as the same CSV the server writes, offline. */
export function downloadLocalDailyCsv(tally: DailyTally): void {
  saveBlob(csvBlob(dailyTallyCsv(tally)), localFileName(dailyCsvFileName(tally.date)));
}

/** This tablet's own hand-off list as the same CSV the server writes, offline. */
export function downloadLocalHandoffsCsv(list: HandoffList, timeZone: string): void {
  saveBlob(csvBlob(handoffCsv(list, timeZone)), localFileName(handoffCsvFileName(list.date)));
}

/** This tablet's own hand-off list as the same workbook the server writes, offline. */
export async function downloadLocalHandoffsXlsx(list: HandoffList, timeZone: string): Promise<void> {
  saveBlob(await workbookBlob([handoffSheet(list, timeZone)]), localFileName(handoffXlsxFileName(list.date)));
}
