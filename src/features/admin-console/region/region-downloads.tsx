// The region's files (CSV and XLSX) downloaded through the console's client and saved under their Chinese names. The
// client hands over the file's bytes only, not its headers, so the name is the one the server gives in its
// Content-Disposition, built by the same domain functions the server names it with (region-csv.ts, …).
import { useState } from 'react';
import { useT } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { useAdminClient } from '../use-admin-client.ts';
import { regionMessages } from './region.messages.ts';

/** Hands a file to the browser's downloads under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
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

/** One file the screen offers: where the server writes it and what it is saved as. */
export interface RegionFile {
  /** Tells the screen's buttons apart: which one is busy. */
  key: string;
  /** Under /api/v1: '/tallies/region.csv'. */
  path: string;
  query: Readonly<Record<string, string>>;
  fileName: string;
}

export interface RegionDownloads {
  /** The key of the file being fetched, null when none is. */
  busy: string | null;
  /** The last failure in words, null after a success. */
  problem: string | null;
  download: (file: RegionFile) => Promise<void>;
}

export function useRegionDownloads(): RegionDownloads {
  const client = useAdminClient();
  const tc = useT(consoleMessages);
  const t = useT(regionMessages);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async (file: RegionFile) => {
    if (client === null) return;
    setBusy(file.key);
    setProblem(null);
    try {
      saveBlob(await client.file(file.path, file.query), file.fileName);
    } catch (error) {
      noteConsoleError(error);
      setProblem(t('downloadFailed', { reason: consoleErrorWords(error, tc) }));
    } finally {
      setBusy(null);
    }
  };
  return { busy, problem, download };
}

/** A CSV and an Excel button for a pair of files; `label` names them for screen readers when the text alone would not. */
export function DownloadButtons({
  downloads,
  csv,
  xlsx,
  label,
}: {
  downloads: RegionDownloads;
  csv: RegionFile;
  xlsx: RegionFile;
  label?: (format: string) => string;
}) {
  const t = useT(regionMessages);
  const button = (file: RegionFile, text: string, format: string) => (
    <button
      type="button"
      className="btn"
      disabled={downloads.busy !== null}
      aria-label={label?.(format)}
      data-testid={`download-${file.key}`}
      onClick={() => void downloads.download(file)}
    >
      {downloads.busy === file.key ? t('downloading') : text}
    </button>
  );
  return (
    <>
      {button(csv, t('downloadCsv'), 'CSV')}
      {button(xlsx, t('downloadXlsx'), 'Excel')}
    </>
  );
}
