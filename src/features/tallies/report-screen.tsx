// The day's report screen (/report): this tablet's figures offline, the whole checkpoint's from the server, charts, the
// CSV and XLSX exports, and the way to the print view and the hand-off list.
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone, wallDateAndMinute } from '../../domain/time.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import type { ReportFile } from '../../sync/tally-client.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { downloadLocalDailyCsv, downloadReportFile } from './report-download.ts';
import { DayNav } from './day-nav.tsx';
import { dateFromSearch } from './report-date.ts';
import { TallyCharts } from './tally-charts.tsx';
import { talliesMessages } from './tallies.messages.ts';
import { TallyTables, type TallyColumn } from './tally-tables.tsx';
import { serverAccessOf, useLocalTally } from './use-local-tally.ts';
import { useServerTally } from './use-server-tally.ts';
import { serverBanner } from './report-text.ts';
import { SkewedClocks } from './skewed-clocks.tsx';

// "Today" and "counted at" only need to move with the minute.
const CLOCK_REFRESH_MS = 30_000;

export interface ReportScreenProps {
  /** Injected by tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
}

export function ReportScreen({ fetch }: ReportScreenProps) {
  const t = useT(talliesMessages);
  const device = useSetting('device');
  const now = useNow(CLOCK_REFRESH_MS);
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const today = formatInZone(now, timeZone).slice(0, 10);
  // null follows "today" across midnight; a picked day stays picked. A future day is never shown.
  const search = useSearch();
  // Back from the print view or the hand-off list (?date=), the same day is shown.
  const [picked, setPicked] = useState<string | null>(() => {
    const asked = dateFromSearch(search, today);
    return asked === today ? null : asked;
  });
  const date = picked === null || picked > today ? today : picked;
  const [refreshSerial, setRefreshSerial] = useState(0);
  const [exportState, setExportState] = useState<'idle' | 'failed' | ReportFile>('idle');
  const exporting = exportState !== 'idle' && exportState !== 'failed';

  const access = serverAccessOf(device);
  const server = useServerTally(access, date, refreshSerial, fetch);
  const local = useLocalTally(device, date, now);
  // The server's files need the server; without it the lead still gets this tablet's own figures as a CSV.
  const serverFiles = access !== null && server.state !== 'offline';

  const columns: TallyColumn[] = [];
  if (local) columns.push({ id: 'local', label: t('local'), tally: local });
  if (server.state === 'ready') columns.push({ id: 'server', label: t('server'), tally: server.data });
  const banner = serverBanner(server, t);
  // The merged figures when the server answered, else the tablet's own: the charts name which.
  const chartColumn = columns.find((column) => column.id === 'server') ?? columns[0] ?? null;

  const exportFile = (file: ReportFile) => {
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

  const pick = (day: string) => {
    setExportState('idle');
    setPicked(day === '' || day >= today ? null : day);
  };

  return (
    <div className="page" data-testid="report-screen">
      <h1>{t('title')}</h1>
      <DayNav date={date} today={today} onPick={pick} testId="report-date" />

      <div className="btn-row no-print" style={{ alignItems: 'center', flexWrap: 'wrap', marginTop: 12 }}>
        {access ? (
          <button
            type="button"
            className="btn"
            disabled={server.state === 'loading' || server.state === 'offline'}
            onClick={() => setRefreshSerial((n) => n + 1)}
          >
            {t('refresh')}
          </button>
        ) : null}
        {/* The files are the server's: they show when it can be asked, like the merged figures. */}
        {serverFiles ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={exporting}
              onClick={() => exportFile('daily.csv')}
            >
              {exportState === 'daily.csv' ? t('exporting') : t('exportCsv')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={exporting}
              onClick={() => exportFile('daily.xlsx')}
            >
              {exportState === 'daily.xlsx' ? t('exporting') : t('exportXlsx')}
            </button>
          </>
        ) : null}
        {!serverFiles && local ? (
          <button type="button" className="btn btn-primary" onClick={() => downloadLocalDailyCsv(local)}>
            {t('exportLocalCsv')}
          </button>
        ) : null}
        <Link href={`/report/print?date=${date}`} className="btn" data-testid="report-print-link">
          {t('printReport')}
        </Link>
        <Link href={`/handoffs?date=${date}`} className="btn" data-testid="report-handoffs-link">
          {t('handoffs')}
        </Link>
      </div>
      {access && server.state === 'offline' ? (
        <p className="hint" data-testid="report-export-offline">
          {t('exportOffline')}
        </p>
      ) : null}
      {exportState === 'failed' ? (
        <p className="banner banner-danger" role="alert" data-testid="report-export-error">
          {t('exportFailed')}
        </p>
      ) : null}

      {banner ? (
        <p
          className={banner.tone === 'hint' ? 'hint' : `banner ${banner.tone}`}
          role="status"
          data-testid="report-server-state"
          data-state={server.state}
        >
          {banner.text}
        </p>
      ) : null}
      {local ? (
        <p className="hint" data-testid="report-local-note">
          {t('localNote', { time: wallDateAndMinute(Date.parse(local.generatedAt), timeZone) })}
        </p>
      ) : null}
      {server.state === 'ready' ? (
        <p className="hint" data-testid="report-server-note">
          {t('serverNote', {
            newest:
              server.data.newestCompletedAt === null
                ? t('serverNoData')
                : wallDateAndMinute(Date.parse(server.data.newestCompletedAt), timeZone),
            fetched: wallDateAndMinute(server.fetchedAt, timeZone),
          })}
        </p>
      ) : null}

      {chartColumn ? <TallyCharts tally={chartColumn.tally} sourceLabel={chartColumn.label} /> : null}
      {columns.length > 0 ? <TallyTables columns={columns} /> : <p className="hint">{t('loading')}</p>}
      {chartColumn ? <SkewedClocks tally={chartColumn.tally} sourceLabel={chartColumn.label} /> : null}
    </div>
  );
}
