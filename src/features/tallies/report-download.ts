// Saving one of the report's server files (日报 CSV or XLSX, 交接名单 CSV) as a download under its Chinese file name.
import { dailyCsvFileName } from '../../domain/daily-csv.ts';
import { handoffCsvFileName } from '../../domain/handoff-csv.ts';
import { fetchReportFile, type ReportFile } from '../../sync/tally-client.ts';
import type { FetchLike } from '../../sync/transport.ts';
import type { ServerAccess } from './use-server-tally.ts';

const FILE_NAMES: Record<ReportFile, (date: string) => string> = {
  'daily.csv': dailyCsvFileName,
  'daily.xlsx': (date) => `日报-${date}.xlsx`,
  'handoffs.csv': handoffCsvFileName,
};

export async function downloadReportFile(access: ServerAccess, date: string, file: ReportFile, fetch?: FetchLike): Promise<void> {
  const blob = await fetchReportFile({ ...access, date }, file, fetch);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = FILE_NAMES[file](date);
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
