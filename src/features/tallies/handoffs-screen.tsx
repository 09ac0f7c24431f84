// The hand-off list screen (/handoffs?date=): the day's flagged persons by destination for the grid workers, from the
// server when it answers, else this tablet's own; CSV and Excel downloads (the server's files, or this tablet's own
// built offline) and the way to its print view.
import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import type { HandoffList } from '../../domain/handoffs.ts';
import { DEFAULT_TIME_ZONE, formatInZone, wallDateAndMinute } from '../../domain/time.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import type { ReportFile } from '../../sync/tally-client.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { DayNav } from './day-nav.tsx';
import { HandoffGroups } from './handoff-groups.tsx';
import { handoffsMessages } from './handoffs.messages.ts';
import { downloadLocalHandoffsCsv, downloadLocalHandoffsXlsx, downloadReportFile } from './report-download.ts';
import { dateFromSearch } from './report-date.ts';
import { serverBanner } from './report-text.ts';
import { talliesMessages } from './tallies.messages.ts';
import { useDayHandoffs } from './use-day-handoffs.ts';

const CLOCK_REFRESH_MS = 30_000;

/** The server's files of this screen. */
type ServerFile = Extract<ReportFile, 'handoffs.csv' | 'handoffs.xlsx'>;

export interface HandoffsScreenProps {
  /** Injected by tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
}

export function HandoffsScreen({ fetch }: HandoffsScreenProps) {
  const t = useT(handoffsMessages);
  const tallyT = useT(talliesMessages);
  const device = useSetting('device');
  const now = useNow(CLOCK_REFRESH_MS);
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const today = formatInZone(now, timeZone).slice(0, 10);
  const date = dateFromSearch(useSearch(), today);
  const [, navigate] = useLocation();
  const { access, server, shown } = useDayHandoffs(date, 0, fetch);
  /** The file being written, or how the last export ended ('local-failed': this tablet's workbook). */
  const [exportState, setExportState] = useState<'idle' | 'failed' | 'local-failed' | 'local.xlsx' | ServerFile>(
    'idle',
  );
  const exporting = exportState !== 'idle' && exportState !== 'failed' && exportState !== 'local-failed';
  const banner = serverBanner(server, tallyT);
  // The server's files need the server; without it the lead still gets this tablet's own list as CSV or Excel.
  const serverFile = access !== null && server.state !== 'offline';

  // The day lives in the address (?date=), so the print view and the way back to the report keep it; replaced, not
  // pushed, so Back leaves the list instead of stepping through every day looked at.
  const pick = (day: string) => {
    setExportState('idle');
    navigate(day === '' || day >= today ? '/handoffs' : `/handoffs?date=${day}`, { replace: true });
  };

  const exportFile = (file: ServerFile) => {
    if (!access) return;
    setExportState(file);
    downloadReportFile(access, date, file, fetch).then(
      () => {
        setExportState('idle');
      },
      () => {
        setExportState('failed');
      },
    );
  };

  const exportLocalXlsx = (list: HandoffList) => {
    setExportState('local.xlsx');
    downloadLocalHandoffsXlsx(list, timeZone).then(
      () => {
        setExportState('idle');
      },
      () => {
        setExportState('local-failed');
      },
    );
  };

  return (
    <div className="page" data-testid="handoffs-screen">
      <h1>{t('title')}</h1>
      <p>{t('date', { date })}</p>
      <DayNav date={date} today={today} onPick={pick} testId="handoffs-date" />
      <div className="btn-row" style={{ flexWrap: 'wrap', marginTop: 12, marginBottom: 12 }}>
        {serverFile ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={exporting}
              onClick={() => exportFile('handoffs.csv')}
            >
              {exportState === 'handoffs.csv' ? t('exporting') : t('exportCsv')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={exporting}
              onClick={() => exportFile('handoffs.xlsx')}
            >
              {exportState === 'handoffs.xlsx' ? t('exporting') : t('exportXlsx')}
            </button>
          </>
        ) : null}
        {!serverFile && shown?.source === 'local' ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => downloadLocalHandoffsCsv(shown.list, timeZone)}
            >
              {t('exportLocalCsv')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={exporting}
              onClick={() => exportLocalXlsx(shown.list)}
            >
              {exportState === 'local.xlsx' ? t('exporting') : t('exportLocalXlsx')}
            </button>
          </>
        ) : null}
        <Link href={`/handoffs/print?date=${date}`} className="btn" data-testid="handoffs-print-link">
          {t('print')}
        </Link>
        <Link href={`/report?date=${date}`} className="btn">
          {t('backToReport')}
        </Link>
      </div>
      {access && server.state === 'offline' ? (
        <p className="hint" data-testid="handoffs-export-offline">
          {t('exportOffline')}
        </p>
      ) : null}
      {exportState === 'failed' || exportState === 'local-failed' ? (
        <p className="banner banner-danger" role="alert" data-testid="handoffs-export-error">
          {exportState === 'failed' ? t('exportFailed') : t('exportLocalFailed')}
        </p>
      ) : null}
      {banner ? (
        <p
          className={banner.tone === 'hint' ? 'hint' : `banner ${banner.tone}`}
          role="status"
          data-testid="handoffs-server-state"
        >
          {banner.text}
        </p>
      ) : null}
      {shown ? (
        <>
          <p className="hint" data-testid="handoffs-source" data-source={shown.source}>
            {server.state === 'ready'
              ? t('sourceServer', { fetched: wallDateAndMinute(server.fetchedAt, timeZone) })
              : t('sourceLocal')}
          </p>
          <HandoffGroups list={shown.list} timeZone={timeZone} />
        </>
      ) : (
        <p className="hint">{t('loading')}</p>
      )}
    </div>
  );
}
