// The A4 hand-off list (/handoffs/print?date=) for the grid workers: titled, grouped by destination, masked, source named.
import { Link, useSearch } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone, wallDateAndMinute } from '../../domain/time.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { HandoffGroups } from './handoff-groups.tsx';
import { handoffsMessages } from './handoffs.messages.ts';
import { dateFromSearch } from './report-date.ts';
import { serverBanner } from './report-text.ts';
import { talliesMessages } from './tallies.messages.ts';
import { useDayHandoffs } from './use-day-handoffs.ts';

const CLOCK_REFRESH_MS = 60_000;

export function HandoffsPrintScreen({ fetch }: { fetch?: FetchLike }) {
  const t = useT(handoffsMessages);
  const tallyT = useT(talliesMessages);
  const device = useSetting('device');
  const now = useNow(CLOCK_REFRESH_MS);
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const date = dateFromSearch(useSearch(), formatInZone(now, timeZone).slice(0, 10));
  const { server, shown } = useDayHandoffs(date, 0, fetch);

  if (!device || !shown) {
    return (
      <p className="page" data-testid="handoffs-print-loading">
        {t('loading')}
      </p>
    );
  }
  return (
    <div className="page print-sheet" data-testid="handoffs-print" data-source={shown.source}>
      <div className="btn-row no-print" style={{ marginBottom: 16 }}>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('printNow')}
        </button>
        <Link href={`/handoffs?date=${date}`} className="btn">
          {t('back')}
        </Link>
      </div>
      <h1 data-testid="handoffs-print-title">{t('printTitle', { checkpoint: device.checkpointName, date })}</h1>
      <p data-testid="handoffs-print-source">
        {server.state === 'ready'
          ? t('sourceServer', { fetched: wallDateAndMinute(server.fetchedAt, timeZone) })
          : `${t('sourceLocal')} ${serverBanner(server, tallyT)?.text ?? ''}`}
      </p>
      <HandoffGroups list={shown.list} timeZone={timeZone} variant="print" />
    </div>
  );
}
