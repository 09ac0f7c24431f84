// This tablet's checks of a day (today by default), newest first, with their sync state: the day's figures from the
// report's packed copy, the rows a page at a time (a busy day holds thousands, and each row is a whole check).
import { useState } from 'react';
import { Link } from 'wouter';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { useDayCounts, useNewestChecksForDay, useSetting } from '../../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, timeOfDay, todayIn } from '../../../domain/time.ts';
import { useNow } from '../../../platform/use-now.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { SYNC_LABEL } from './sync-label.ts';

/** How often "today" is read from the clock: the latest day one can pick moves on soon after midnight. */
const TODAY_REFRESH_MS = 60_000;
/**
 * Rows shown at first and added by each 显示更早的记录: an hour or two of a busy lane. All 3,000 of a day took
 * seconds to open on a slow tablet (docs/benchmarks.md, figure 27).
 */
export const LIST_PAGE_ROWS = 100;

export function ChecksListScreen() {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const nowMs = useNow(TODAY_REFRESH_MS);
  const [day, setDay] = useState(() => todayIn(timeZone, nowMs));
  const [shown, setShown] = useState(LIST_PAGE_ROWS);
  const dayFigures = useDayCounts(day);
  const rows = useNewestChecksForDay(day, shown);
  const vehicles = dayFigures?.vehicles ?? 0;
  const persons = dayFigures?.persons ?? 0;
  const earlier = rows === undefined ? 0 : vehicles - rows.length;

  return (
    <div className="page">
      <h1>{t('checksTitle')}</h1>
      <div className="field" style={{ maxWidth: 320 }}>
        <label htmlFor="checks-day">{t('checksDate')}</label>
        <input
          id="checks-day"
          className="input"
          type="date"
          value={day}
          max={todayIn(timeZone, nowMs)}
          onChange={(e) => {
            if (e.target.value === '') return;
            setDay(e.target.value);
            setShown(LIST_PAGE_ROWS);
          }}
        />
      </div>
      <p data-testid="checks-count">
        {t('checksCount', {
          vehicles: t('vehicleCount', { count: vehicles }),
          persons: t('personsShort', { count: persons }),
        })}
      </p>
      {dayFigures && vehicles === 0 ? <p className="hint">{t('checksEmpty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="checks-list">
        {rows?.map((row) => {
          const c = row.check;
          const flagged = c.persons.filter((p) => p.flags.length > 0).length;
          return (
            <li key={row.id}>
              <Link
                href={`/checks/${row.id}`}
                className="card"
                style={{
                  display: 'flex',
                  gap: 16,
                  alignItems: 'center',
                  flexWrap: 'wrap',
                  color: 'inherit',
                  textDecoration: 'none',
                  minHeight: 64,
                }}
              >
                <span>{timeOfDay(c.completedAt, timeZone)}</span>
                <strong>{c.vehicle.plate ?? labels('plateKind.unknown')}</strong>
                <span>{labels(`vehicleType.${c.vehicle.type}`)}</span>
                <span>{t('personsShort', { count: c.persons.length })}</span>
                {flagged > 0 ? <span className="chip chip-warn">{t('flagsRaised', { count: flagged })}</span> : null}
                <span style={{ flex: 1 }} />
                <span>{labels(`disposition.${c.disposition}`)}</span>
                <span className={row.syncState === 'pending' ? 'chip chip-warn' : 'chip'}>
                  {t(SYNC_LABEL[row.syncState])}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {earlier > 0 ? (
        <button
          type="button"
          className="btn btn-big"
          data-testid="checks-more"
          onClick={() => {
            setShown((count) => count + LIST_PAGE_ROWS);
          }}
        >
          {t('checksMore', { count: earlier })}
        </button>
      ) : null}
    </div>
  );
}
