// The rejected-checks screen (/sync): every check the server refused, with its reason and a way to the check; none is dropped.
import { Link } from 'wouter';
import { useRejectedChecks, useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { rejectReasonKey } from './reject-reason.ts';
import { syncStatusMessages } from './sync-status.messages.ts';

/** "2026-11-28T08:01" of an ISO string: date and minute, which is how officers find a check again. */
const DATE_AND_MINUTE_CHARS = 16;

export function RejectedScreen() {
  const t = useT(syncStatusMessages);
  const rows = useRejectedChecks();
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;

  return (
    <div className="page" data-testid="rejected-screen">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {rows === undefined ? <p className="hint">{t('loading')}</p> : null}
      {rows?.length === 0 ? <p className="banner banner-ok">{t('empty')}</p> : null}
      {rows && rows.length > 0 ? <p data-testid="rejected-count">{t('count', { count: rows.length })}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="rejected-list">
        {rows?.map((row) => {
          const reason = row.rejectReason ?? '';
          const explained = rejectReasonKey(row.rejectCode);
          const when = formatInZone(Date.parse(row.completedAt), timeZone)
            .slice(0, DATE_AND_MINUTE_CHARS)
            .replace('T', ' ');
          return (
            <li key={row.id} className="card" data-testid="rejected-check" data-id={row.id}>
              <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
                <span>{when}</span>
                <strong>{row.check.vehicle.plate ?? t('noPlate')}</strong>
                <span>{t('persons', { n: row.check.persons.length })}</span>
                <span style={{ flex: 1 }} />
                <Link href={`/checks/${row.id}`} className="btn">
                  {t('open')}
                </Link>
              </div>
              <p className="error-text" style={{ margin: '8px 0 0' }}>
                {t('reason', { reason: explained === null ? reason : t(explained) })}
              </p>
              {explained !== null ? (
                <p className="hint" style={{ margin: '4px 0 0' }}>
                  {t('serverWords', { reason })}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
