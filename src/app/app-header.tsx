// Always on screen: who is working (officer, team, shift), how sync stands (pending, errors in words, progress,
// last success, refused checks, "sync now"), and navigation.
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { usePendingCount, useRejectedChecks, useSetting } from '../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone, localDay } from '../domain/time.ts';
import { EndShiftButton } from '../features/shift/end-shift-button.tsx';
import { useNow } from '../platform/use-now.ts';
import { useOnline } from '../platform/use-online.ts';
import { useT } from '../platform/i18n.ts';
import { lockLead, useLeadUnlocked } from './lead-session.ts';
import type { TranslateOf } from '../platform/i18n.ts';
import type { SyncStatus } from '../sync/sync-status.ts';
import { appMessages } from './app.messages.ts';
import { recordSyncErrors } from './sync-diagnostics.ts';

// A batch or two goes by in a blink; a bar for it would only flicker. From this many checks in a run the
// officer sees the bar fill (a tablet back from a day offline, or a first enrollment with a backlog).
export const PROGRESS_BAR_MIN_CHECKS = 20;
// "Last synced 08:05" only needs to move with the minute.
const CLOCK_REFRESH_MS = 30_000;

export interface AppHeaderProps {
  /** The status to show (the app's one store; tests pass their own); null while the sync code loads. */
  syncStatus: StoreApi<SyncStatus> | null;
  /** Runs a sync at once; null while no engine runs (the tablet is not enrolled). */
  onSyncNow: (() => Promise<void>) | null;
}

/** HH:mm today, MM-DD HH:mm on an earlier day: in the checkpoint's zone, like every time the officer sees. */
function shortTime(epochMs: number, nowMs: number, timeZone: string): string {
  const iso = formatInZone(epochMs, timeZone);
  const sameDay = localDay(iso, timeZone) === localDay(formatInZone(nowMs, timeZone), timeZone);
  return sameDay ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** The failure in words; null when nothing is wrong. A browser without a network says so in its own chip. */
function problemWords(status: SyncStatus, online: boolean, t: TranslateOf<typeof appMessages>): string | null {
  if (status.state === 'offline') return online ? t('serverUnreachable') : null;
  if (status.state !== 'error') return null;
  switch (status.lastError?.key) {
    case 'rate-limited':
      return t('serverBusy');
    case 'storage':
      return t('storageError');
    case 'server':
      return t('serverError');
    default:
      return t('syncError');
  }
}

function SyncState({ status, timeZone, now }: { status: SyncStatus; timeZone: string; now: number }) {
  const t = useT(appMessages);
  const online = useOnline();

  if (status.state === 'not-enrolled') {
    return (
      <Link href="/enroll" className="chip chip-warn" data-testid="header-sync-state" data-state={status.state}>
        {t('notEnrolled')}
      </Link>
    );
  }
  if (status.state === 'unauthorized') {
    return (
      <Link href="/enroll" className="btn btn-danger" data-testid="header-sync-state" data-state={status.state}>
        {t('reenroll')}
      </Link>
    );
  }
  if (status.state === 'syncing') {
    const progress = status.progress;
    const showBar = progress !== null && progress.total >= PROGRESS_BAR_MIN_CHECKS;
    return (
      <span className="chip" data-testid="header-sync-state" data-state={status.state}>
        {showBar ? (
          <>
            <progress
              data-testid="header-progress"
              max={progress.total}
              value={progress.sent}
              aria-label={t('progressLabel')}
              style={{ width: 120, height: 16 }}
            />
            {t('syncingProgress', { sent: progress.sent, total: progress.total })}
          </>
        ) : (
          t('syncing')
        )}
      </span>
    );
  }
  const problem = problemWords(status, online, t);
  if (problem === null) return null;
  const retry =
    status.nextAttemptAt === null ? '' : t('retryAt', { time: shortTime(status.nextAttemptAt, now, timeZone) });
  return (
    <span className="chip chip-warn" role="status" data-testid="header-sync-state" data-state={status.state}>
      {retry === '' ? problem : `${problem} · ${retry}`}
    </span>
  );
}

/** Sync state, last success, refused checks and "sync now", from the status store. */
function SyncIndicators({
  store,
  onSyncNow,
  timeZone,
}: {
  store: StoreApi<SyncStatus>;
  onSyncNow: (() => Promise<void>) | null;
  timeZone: string;
}) {
  const t = useT(appMessages);
  const status = useStore(store);
  const rejected = useRejectedChecks();
  const now = useNow(CLOCK_REFRESH_MS);
  const [syncRequested, setSyncRequested] = useState(false);
  const enrolled = status.state !== 'not-enrolled';
  const rejectedCount = rejected?.length ?? 0;
  // The words are here; the server's own detail (often English, sometimes long) goes to Settings → Diagnostics.
  useEffect(() => recordSyncErrors(store), [store]);

  const syncNow = () => {
    if (!onSyncNow) return;
    setSyncRequested(true);
    // The outcome shows in the status store; the button only has to stay calm while the run is under way.
    void onSyncNow().finally(() => {
      setSyncRequested(false);
    });
  };

  return (
    <>
      {/* The state comes and goes with every save's sync: its place stays, so the header keeps its width (styles.css). */}
      <span className="header-sync-slot">
        <SyncState status={status} timeZone={timeZone} now={now} />
      </span>
      {enrolled ? (
        <span className="chip" data-testid="header-last-sync">
          {status.lastSuccessAt === null
            ? t('neverSynced')
            : t('lastSync', { time: shortTime(status.lastSuccessAt, now, timeZone) })}
        </span>
      ) : null}
      {rejectedCount > 0 ? (
        <Link href="/sync" className="chip chip-warn" data-testid="header-rejected" data-count={rejectedCount}>
          {t('rejected', { count: rejectedCount })}
        </Link>
      ) : null}
      {enrolled && status.state !== 'unauthorized' && onSyncNow ? (
        <button
          type="button"
          className="btn"
          data-testid="header-sync-now"
          disabled={syncRequested || status.state === 'syncing'}
          onClick={syncNow}
        >
          {t('syncNow')}
        </button>
      ) : null}
    </>
  );
}

export function AppHeader({ syncStatus, onSyncNow }: AppHeaderProps) {
  const t = useT(appMessages);
  const session = useSetting('session');
  const device = useSetting('device');
  const pending = usePendingCount();
  const online = useOnline();
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const leadUnlocked = useLeadUnlocked();

  return (
    <header className="app-header">
      <span className="brand">{t('brand')}</span>
      {session ? (
        <>
          <span className="chip" data-testid="header-officer">
            {t('officer', { name: session.officerName, id: session.officerId })}
          </span>
          <span className="chip" data-testid="header-team">
            {t('team', { team: session.team })}
          </span>
          <span className="chip" data-testid="header-shift">
            {t('shiftSince', { time: formatInZone(session.startedAt, timeZone).slice(11, 16) })}
          </span>
        </>
      ) : null}
      {/* Until the outbox is counted the chip claims nothing: it said 已全部同步 while the count was still being read,
          after a reload with checks waiting. Its everyday words keep its place unseen, so nothing moves (ADR 040). */}
      <span
        className={pending ? 'chip chip-warn header-pending' : 'chip header-pending'}
        data-testid="header-pending"
        data-count={pending}
        aria-hidden={pending === undefined ? true : undefined}
        style={pending === undefined ? { visibility: 'hidden' } : undefined}
      >
        {pending ? t('pending', { count: pending }) : t('pendingNone')}
      </span>
      {!online ? <span className="chip chip-warn">{t('offline')}</span> : null}
      {syncStatus ? <SyncIndicators store={syncStatus} onSyncNow={onSyncNow} timeZone={timeZone} /> : null}
      <span className="spacer" />
      <nav className="btn-row" aria-label={t('brand')}>
        <Link href="/" className="btn">
          {t('navHome')}
        </Link>
        <Link href="/checks" className="btn">
          {t('navChecks')}
        </Link>
        <Link href="/report" className="btn">
          {t('navReport')}
        </Link>
        <Link href="/shift/history" className="btn">
          {t('navHandovers')}
        </Link>
        <Link href="/settings" className="btn">
          {t('navSettings')}
        </Link>
        {leadUnlocked ? (
          <button type="button" className="btn" data-testid="lead-lock" onClick={lockLead}>
            {t('leadLock')}
          </button>
        ) : null}
        {session ? <EndShiftButton onSyncNow={onSyncNow} /> : null}
      </nav>
    </header>
  );
}
