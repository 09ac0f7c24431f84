// The day's report screen (/report): this tablet's figures offline, the whole checkpoint's from the server, and the CSV export.
import { useMemo, useState } from 'react';
import { useSetting, useTallySourcesForDay } from '../../db/live-queries.ts';
import { dailyCsvFileName } from '../../domain/daily-csv.ts';
import { tallyDay } from '../../domain/tally.ts';
import { formatInZone } from '../../domain/time.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useT, type Translate } from '../../lib/i18n.ts';
import { fetchDailyCsv } from '../../sync/tally-client.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { talliesMessages } from './tallies.messages.ts';
import { TallyTables, type TallyColumn } from './tally-tables.tsx';
import { useServerTally, type ServerAccess, type ServerTally } from './use-server-tally.ts';

type TalliesKey = keyof (typeof talliesMessages)['en'];

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
// "Today" and "counted at" only need to move with the minute.
const CLOCK_REFRESH_MS = 30_000;
const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' one calendar day before or after. */
function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in the checkpoint's zone: the report may be of another day, so the date is always shown. */
function dateAndMinute(epochMs: number, timeZone: string): string {
  return formatInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');
}

function serverBanner(server: ServerTally, t: Translate<TalliesKey>): { text: string; tone: string } | null {
  switch (server.state) {
    case 'not-enrolled':
      return { text: t('notEnrolled'), tone: 'banner-warn' };
    case 'offline':
      return { text: t('serverOffline'), tone: 'banner-warn' };
    case 'loading':
      return { text: t('serverLoading'), tone: 'hint' };
    case 'ready':
      return null;
    case 'failed':
      if (server.reason === 'http') return { text: t('serverFailed', { status: server.status }), tone: 'banner-danger' };
      if (server.reason === 'unauthorized') return { text: t('serverUnauthorized'), tone: 'banner-danger' };
      if (server.reason === 'invalid') return { text: t('serverInvalid'), tone: 'banner-danger' };
      return { text: t('serverUnreachable'), tone: 'banner-danger' };
  }
}

async function saveCsv(access: ServerAccess, date: string, fetch: FetchLike | undefined): Promise<void> {
  const blob = await fetchDailyCsv({ ...access, date }, fetch);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = dailyCsvFileName(date);
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
  const [picked, setPicked] = useState<string | null>(null);
  const date = picked === null || picked > today ? today : picked;
  const [refreshSerial, setRefreshSerial] = useState(0);
  const [exportState, setExportState] = useState<'idle' | 'exporting' | 'failed'>('idle');

  const stored = useTallySourcesForDay(date);
  // A new object each render is fine: the server hook keys on the address and token, not on this object.
  const access: ServerAccess | null =
    device?.serverUrl && device.token ? { baseUrl: device.serverUrl, token: device.token } : null;
  const server = useServerTally(access, date, refreshSerial, fetch);

  const local = useMemo(() => {
    if (!device || stored === undefined) return null;
    return tallyDay(
      stored,
      {
        checkpointId: device.checkpointId,
        date,
        timeZone,
        province: device.province,
        city: device.city,
        generatedAt: new Date(now).toISOString(),
      },
    );
  }, [device, stored, date, timeZone, now]);

  const columns: TallyColumn[] = [];
  if (local) columns.push({ id: 'local', label: t('local'), tally: local });
  if (server.state === 'ready') columns.push({ id: 'server', label: t('server'), tally: server.tally });
  const banner = serverBanner(server, t);

  const exportCsv = () => {
    if (!access) return;
    setExportState('exporting');
    saveCsv(access, date, fetch).then(
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
      <div className="btn-row" style={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <button type="button" className="btn" onClick={() => pick(shiftDay(date, -1))}>
          {t('previousDay')}
        </button>
        <label className="field" style={{ margin: 0 }}>
          <span className="hint">{t('date')}</span>
          <input
            className="input"
            type="date"
            data-testid="report-date"
            value={date}
            max={today}
            onChange={(event) => pick(event.target.value)}
          />
        </label>
        <button type="button" className="btn" disabled={date >= today} onClick={() => pick(shiftDay(date, 1))}>
          {t('nextDay')}
        </button>
        <button type="button" className="btn" aria-pressed={date === today} onClick={() => pick(today)}>
          {t('today')}
        </button>
      </div>

      <div className="btn-row" style={{ alignItems: 'center', flexWrap: 'wrap', marginTop: 12 }}>
        {access ? (
          <>
            <button type="button" className="btn" disabled={server.state === 'loading' || server.state === 'offline'} onClick={() => setRefreshSerial((n) => n + 1)}>
              {t('refresh')}
            </button>
            <button type="button" className="btn btn-primary" disabled={exportState === 'exporting'} onClick={exportCsv}>
              {exportState === 'exporting' ? t('exporting') : t('exportCsv')}
            </button>
          </>
        ) : null}
      </div>
      {exportState === 'failed' ? (
        <p className="banner banner-danger" role="alert" data-testid="report-export-error">
          {t('exportFailed')}
        </p>
      ) : null}

      {banner ? (
        <p className={banner.tone === 'hint' ? 'hint' : `banner ${banner.tone}`} role="status" data-testid="report-server-state" data-state={server.state}>
          {banner.text}
        </p>
      ) : null}
      {local ? (
        <p className="hint" data-testid="report-local-note">
          {t('localNote', { time: dateAndMinute(Date.parse(local.generatedAt), timeZone) })}
        </p>
      ) : null}
      {server.state === 'ready' ? (
        <p className="hint" data-testid="report-server-note">
          {t('serverNote', {
            newest:
              server.tally.newestCompletedAt === null
                ? t('serverNoData')
                : dateAndMinute(Date.parse(server.tally.newestCompletedAt), timeZone),
            fetched: dateAndMinute(server.fetchedAt, timeZone),
          })}
        </p>
      ) : null}

      {columns.length > 0 ? <TallyTables columns={columns} /> : <p className="hint">{t('loading')}</p>}
    </div>
  );
}
