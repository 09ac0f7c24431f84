// Always on screen: who is working (officer, team, shift), how many checks wait to sync, navigation.
import { Link } from 'wouter';
import { usePendingCount, useSetting } from '../db/live-queries.ts';
import { formatInZone } from '../domain/time.ts';
import { EndShiftButton } from '../features/shift/end-shift-button.tsx';
import { useOnline } from '../hooks/use-online.ts';
import { useT } from '../lib/i18n.ts';
import { appMessages } from './app.messages.ts';

export function AppHeader() {
  const t = useT(appMessages);
  const session = useSetting('session');
  const device = useSetting('device');
  const pending = usePendingCount();
  const online = useOnline();
  const timeZone = device?.timeZone ?? 'Asia/Shanghai';

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
      <span className={pending ? 'chip chip-warn' : 'chip'} data-testid="header-pending" data-count={pending ?? 0}>
        {pending ? t('pending', { count: pending }) : t('pendingNone')}
      </span>
      {!online ? <span className="chip chip-warn">{t('offline')}</span> : null}
      <span className="spacer" />
      <nav className="btn-row" aria-label={t('brand')}>
        <Link href="/" className="btn">
          {t('navHome')}
        </Link>
        <Link href="/checks" className="btn">
          {t('navChecks')}
        </Link>
        <Link href="/settings" className="btn">
          {t('navSettings')}
        </Link>
        {session ? <EndShiftButton /> : null}
      </nav>
    </header>
  );
}
