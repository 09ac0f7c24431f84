// The officer's start screen: start a vehicle check, resume an unfinished one, today's count on this tablet.
import { useEffect, useRef } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { drafts } from '../../db/db-instance.ts';
import { useDayCounts, useDrafts, useSetting, useStoredCheck } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone, timeOfDay, todayIn } from '../../domain/time.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import { ClockSkewBanner } from './clock-skew-banner.tsx';
import { newDraft } from './draft/check-draft.ts';
import { summarizeDraft } from './draft/draft-summary.ts';
import { homeMessages } from './home.messages.ts';
import { randomUuid } from '../../platform/crypto/random-uuid.ts';

/** How often "today" is read from the clock: the day's count moves on to the new day soon after midnight. */
const TODAY_REFRESH_MS = 60_000;
/** `/?action=new-check`: the home-screen icon's 新检查 shortcut (the manifest, scripts/pwa-manifest.ts) starts one. */
const NEW_CHECK_ACTION = 'new-check';

export function HomeScreen() {
  const t = useT(homeMessages);
  const [, navigate] = useLocation();
  const search = useSearch();
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const nowMs = useNow(TODAY_REFRESH_MS);
  // Two counts taken from the report's packed copy inside the query: re-reading the day's whole checks after every
  // save cost a slow tablet more with each check of the shift (ADR 041).
  const today = useDayCounts(todayIn(timeZone, nowMs));
  const openDrafts = useDrafts();
  const savedId = new URLSearchParams(search).get('saved') ?? undefined;
  const saved = useStoredCheck(savedId);

  const start = () => {
    const now = Date.now();
    const id = randomUuid();
    // The draft exists in IndexedDB before the flow opens, so even the first keystroke survives a reload.
    void drafts.save(id, newDraft(id, formatInZone(now, timeZone)), now).then(() => {
      navigate(`/check/${id}`);
    });
  };

  // The shortcut starts one check, once: the address loses the action first, so Back from the check comes home
  // rather than to a second new check.
  const action = new URLSearchParams(search).get('action');
  const shortcutTaken = useRef(false);
  useEffect(() => {
    if (action !== NEW_CHECK_ACTION || shortcutTaken.current) return;
    shortcutTaken.current = true;
    navigate('/', { replace: true });
    start();
  });

  return (
    <div className="page" data-testid="home">
      {saved ? (
        <p className="banner banner-ok" role="status" data-testid="saved-toast">
          {t('savedToast', { plate: saved.check.vehicle.plate ?? t('savedNoPlate') })}
        </p>
      ) : savedId !== undefined && saved === undefined ? (
        // The saved check is still being read: its line's place is kept, so 开始检查 does not jump down under a
        // finger already on its way to it (a tap landed on the banner instead, WebKit showed it: ADR 040).
        <p
          className="banner banner-ok"
          aria-hidden="true"
          style={{ visibility: 'hidden' }}
          data-testid="saved-toast-space"
        >
          {t('savedToast', { plate: '' })}
        </p>
      ) : null}
      <h1>{t('homeTitle')}</h1>
      <button type="button" className="btn btn-primary btn-big" onClick={start} data-testid="start-check">
        {t('startCheck')}
      </button>
      <p className="hint" data-testid="today-summary">
        {t('todaySummary', {
          vehicles: t('vehicleCount', { count: today?.vehicles ?? 0 }),
          persons: t('personCount', { count: today?.persons ?? 0 }),
        })}
      </p>
      {openDrafts && openDrafts.length > 0 ? (
        <section className="card" aria-labelledby="resume-title">
          <h2 id="resume-title">{t('resumeTitle')}</h2>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {openDrafts.map((row) => {
              const draft = summarizeDraft(row.payload);
              if (!draft) return null;
              return (
                <li key={row.id} style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
                  <span style={{ flex: 1 }}>
                    {t('resumeLine', {
                      plate: draft.plate || t('noPlateYet'),
                      time: timeOfDay(draft.startedAt, timeZone),
                      done: draft.screened,
                      total: draft.occupants,
                    })}
                  </span>
                  <Link href={`/check/${row.id}`} className="btn btn-primary">
                    {t('resume')}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <Link href="/checks" className="btn">
        {t('checksLink')}
      </Link>
      {/* Last: a sync can find the clock off at any moment, and a line appearing above would move 开始检查 under a
          tap (ADR 040); role="alert" still announces it at once. */}
      <ClockSkewBanner />
    </div>
  );
}
