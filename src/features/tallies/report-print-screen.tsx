// The A4 daily report (日报) to sign and send up (/report/print?date=): the merged figures when the server answers, else
// this tablet's own (saying which), every table, the per-hour chart, the newest data, and lines to sign.
import { Link, useSearch } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone, wallDateAndMinute } from '../../domain/time.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { dateFromSearch } from './report-date.ts';
import { serverBanner } from './report-text.ts';
import { SkewedClocks } from './skewed-clocks.tsx';
import { TallyCharts } from './tally-charts.tsx';
import { TallyTables } from './tally-tables.tsx';
import { talliesMessages } from './tallies.messages.ts';
import { serverAccessOf, useLocalTally } from './use-local-tally.ts';
import { useServerTally } from './use-server-tally.ts';

// Printed once: the minute is enough for "counted at".
const CLOCK_REFRESH_MS = 60_000;

export interface ReportPrintScreenProps {
  /** Injected by tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
}

export function ReportPrintScreen({ fetch }: ReportPrintScreenProps) {
  const t = useT(talliesMessages);
  const device = useSetting('device');
  const now = useNow(CLOCK_REFRESH_MS);
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const date = dateFromSearch(useSearch(), formatInZone(now, timeZone).slice(0, 10));
  const server = useServerTally(serverAccessOf(device), date, 0, fetch);
  const local = useLocalTally(device, date, now);

  // Wait for the server's answer (or its failure) before settling on the figures a lead signs.
  if (!device || !local || server.state === 'loading') {
    return (
      <p className="page" data-testid="report-print-loading">
        {t('printLoading')}
      </p>
    );
  }
  const merged = server.state === 'ready';
  const tally = merged ? server.data : local;
  const sourceLabel = merged ? t('server') : t('local');
  const newest =
    tally.newestCompletedAt === null
      ? t('serverNoData')
      : wallDateAndMinute(Date.parse(tally.newestCompletedAt), timeZone);

  return (
    <div className="page print-sheet" data-testid="report-print" data-source={merged ? 'server' : 'local'}>
      <div className="btn-row no-print" style={{ marginBottom: 16 }}>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('printNow')}
        </button>
        <Link href={`/report?date=${date}`} className="btn">
          {t('back')}
        </Link>
      </div>
      <h1 data-testid="report-print-title">{t('printTitle', { checkpoint: device.checkpointName, date })}</h1>
      <p data-testid="report-print-source">
        {merged
          ? t('printSourceServer', { count: server.data.devices, newest })
          : t('printSourceLocal', {
              time: wallDateAndMinute(Date.parse(local.generatedAt), timeZone),
              reason: serverBanner(server, t)?.text ?? '',
            })}
      </p>
      <p data-testid="report-print-newest">{t('newestData', { newest })}</p>
      <TallyTables columns={[{ id: 'print', label: sourceLabel, tally }]} variant="print" />
      <TallyCharts tally={tally} sourceLabel={sourceLabel} palette="print" teams={false} />
      <SkewedClocks tally={tally} sourceLabel={sourceLabel} />
      <div className="sign-lines">
        <span>{t('filledBy')}：</span>
        <span>{t('reviewedBy')}：</span>
        <span>{t('signDate')}：</span>
      </div>
    </div>
  );
}
