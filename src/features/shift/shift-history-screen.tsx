// The shifts worked on this tablet (/shift/history), newest first, each opening its hand-over record.
import { Link } from 'wouter';
import { useSetting, useShifts } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { handoverRecordMessages } from './handover-record.messages.ts';
import { handoverMessages } from './handover.messages.ts';

export function ShiftHistoryScreen() {
  const t = useT(handoverRecordMessages);
  const shared = useT(handoverMessages);
  const shifts = useShifts();
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const wall = (epochMs: number) => formatInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');

  return (
    <div className="page" data-testid="shift-history">
      <h1>{t('historyTitle')}</h1>
      {shifts === undefined ? <p className="hint">{t('screenLoading')}</p> : null}
      {shifts?.length === 0 ? <p className="hint">{t('historyEmpty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shifts?.map((shift) => (
          <li
            key={shift.id}
            className="card"
            data-testid="shift-history-item"
            style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <div style={{ flex: '1 1 320px' }}>
              <strong>{shared('teamName', { team: shift.team })}</strong> · {shift.officerName}（{shift.officerId}）
              <div className="hint">
                {t('shiftTimes', {
                  start: wall(shift.startedAt),
                  end: shift.endedAt === null ? t('historyOpen') : wall(shift.endedAt),
                })}
                {shift.handover ? ` · ${t('historyVehicles', { count: shift.handover.summary.vehicles })}` : ''}
              </div>
            </div>
            {shift.handover ? (
              <Link href={`/shift/${encodeURIComponent(shift.id)}/handover`} className="btn btn-primary">
                {t('historyView')}
              </Link>
            ) : (
              <span className="chip">{shift.endedAt === null ? t('historyOpen') : t('historyNoHandover')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
