// The rejected-checks screen (/sync): every check the server refused, with its reason and a way to the check, and every
// check parked after server errors (ADR 028), with the server's words and a retry; none is dropped.
import { useState } from 'react';
import { Link } from 'wouter';
import { isParked } from '../../db/check-repository.ts';
import { checks } from '../../db/db-instance.ts';
import { useRejectedChecks, useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { rejectReasonKey } from './reject-reason.ts';
import { syncStatusMessages } from './sync-status.messages.ts';

/** "2026-11-28T08:01" of an ISO string: date and minute, which is how officers find a check again. */
const DATE_AND_MINUTE_CHARS = 16;
/** From this many parked checks on, one button retries them all. */
const RETRY_ALL_FROM_CHECKS = 2;

/** Queued again, a check leaves this list (the live query) and the sync engine sees the pending count rise. */
function queueAgain(ids: readonly string[]): Promise<number> {
  return checks.retryParked(ids, Date.now());
}

export function RejectedScreen() {
  const t = useT(syncStatusMessages);
  const rows = useRejectedChecks();
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const [retrying, setRetrying] = useState(false);
  const [retryFailed, setRetryFailed] = useState(false);
  const parkedIds = rows?.filter(isParked).map((row) => row.id) ?? [];

  const retry = async (ids: readonly string[]) => {
    if (retrying) return;
    setRetrying(true);
    setRetryFailed(false);
    try {
      await queueAgain(ids);
    } catch {
      setRetryFailed(true);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div className="page" data-testid="rejected-screen">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {rows === undefined ? <p className="hint">{t('loading')}</p> : null}
      {rows?.length === 0 ? <p className="banner banner-ok">{t('empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
          <p data-testid="rejected-count">{t('count', { count: rows.length })}</p>
          {parkedIds.length >= RETRY_ALL_FROM_CHECKS ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="rejected-retry-all"
              disabled={retrying}
              onClick={() => void retry(parkedIds)}
            >
              {t('retryAll', { count: parkedIds.length })}
            </button>
          ) : null}
        </div>
      ) : null}
      {retryFailed ? (
        <p className="error-text" role="alert">
          {t('retryFailed')}
        </p>
      ) : null}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="rejected-list">
        {rows?.map((row) => {
          const reason = row.rejectReason ?? '';
          const parked = isParked(row);
          const explained = parked ? null : rejectReasonKey(row.rejectCode);
          const when = formatInZone(Date.parse(row.completedAt), timeZone)
            .slice(0, DATE_AND_MINUTE_CHARS)
            .replace('T', ' ');
          return (
            <li key={row.id} className="card" data-testid="rejected-check" data-id={row.id} data-parked={parked}>
              <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
                <span>{when}</span>
                <strong>{row.check.vehicle.plate ?? t('noPlate')}</strong>
                <span>{t('persons', { count: row.check.persons.length })}</span>
                <span style={{ flex: 1 }} />
                {parked ? (
                  <button
                    type="button"
                    className="btn btn-primary"
                    data-testid="rejected-retry"
                    disabled={retrying}
                    onClick={() => void retry([row.id])}
                  >
                    {t('retry')}
                  </button>
                ) : null}
                <Link href={`/checks/${row.id}`} className="btn">
                  {t('open')}
                </Link>
              </div>
              {parked ? (
                <>
                  <p className="error-text" style={{ margin: '8px 0 0' }}>
                    {t('serverError', { reason })}
                  </p>
                  <p className="hint" style={{ margin: '4px 0 0' }}>
                    {t('serverErrorHint')}
                  </p>
                </>
              ) : (
                <>
                  <p className="error-text" style={{ margin: '8px 0 0' }}>
                    {t('reason', { reason: explained === null ? reason : t(explained) })}
                  </p>
                  {explained !== null ? (
                    <p className="hint" style={{ margin: '4px 0 0' }}>
                      {t('serverWords', { reason })}
                    </p>
                  ) : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
