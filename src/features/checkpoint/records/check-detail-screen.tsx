// One saved check in full (ID numbers and phones masked), and the way to amend it (next rev).
import { Link, useLocation } from 'wouter';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { drafts } from '../../../db/db-instance.ts';
import { useSetting, useStoredCheck } from '../../../db/live-queries.ts';
import { maskIdNumber, maskPhone } from '../../../domain/masks.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { draftFromCheck } from '../draft/check-builder.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { ObservationStatus } from './observation-status.tsx';
import { SYNC_LABEL } from './sync-label.ts';

export function CheckDetailScreen({ id }: { id: string }) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [, navigate] = useLocation();
  const row = useStoredCheck(id);
  const device = useSetting('device');
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;

  if (row === undefined) return <p className="page">…</p>;
  if (row === null) {
    return (
      <div className="page">
        <p className="banner banner-warn">{t('detailMissing')}</p>
        <Link href="/checks" className="btn">
          {t('checksTitle')}
        </Link>
      </div>
    );
  }
  const c = row.check;
  const when = (iso: string) => formatInZone(Date.parse(iso), timeZone).slice(0, 19).replace('T', ' ');
  const dest = [
    c.vehicle.destination.province,
    c.vehicle.destination.city,
    c.vehicle.destination.county,
    c.vehicle.destination.township,
    c.vehicle.destination.village,
  ]
    .filter((s) => s !== '')
    .join(' ');

  // Retention clears a flagged person's registration before it removes the check (src/db/retention.ts); an
  // amendment would then send the server a check without it, so a cleared check is no longer amended here.
  const registrationCleared = c.persons.some((p) => p.flags.length > 0 && p.registration === null);

  const amend = () => {
    const draft = draftFromCheck(c);
    void drafts.save(draft.id, draft, Date.now()).then(() => {
      navigate(`/check/${draft.id}`);
    });
  };

  return (
    <div className="page" data-testid="check-detail">
      <h1>
        {t('detailTitle')} · {c.vehicle.plate ?? labels('plateKind.unknown')}
      </h1>
      <p className="hint">
        {t('revision', { rev: c.rev })} · {t(SYNC_LABEL[row.syncState])}
        {row.rejectReason ? ` · ${row.rejectReason}` : ''}
      </p>
      <dl
        className="card"
        style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px', margin: 0 }}
      >
        <dt>{t('plate')}</dt>
        <dd>
          {c.vehicle.plate ?? t('none')} ({labels(`plateKind.${c.vehicle.plateKind}`)})
        </dd>
        <dt>{t('type')}</dt>
        <dd>{labels(`vehicleType.${c.vehicle.type}`)}</dd>
        <dt>{t('origin')}</dt>
        <dd>{[c.vehicle.origin.province, c.vehicle.origin.city].filter((s) => s !== '').join(' ') || t('none')}</dd>
        <dt>{t('destination')}</dt>
        <dd>{dest || t('none')}</dd>
        <dt>{t('startedAt')}</dt>
        <dd>{when(c.startedAt)}</dd>
        <dt>{t('completedAt')}</dt>
        <dd>{when(c.completedAt)}</dd>
        <dt>{t('chosen')}</dt>
        <dd data-testid="vehicle-disposition">{labels(`disposition.${c.disposition}`)}</dd>
      </dl>
      <p className="hint">{t('officerTeam', { officer: c.officerId, team: c.team })}</p>
      {c.override ? (
        <p className="banner banner-warn">
          {t('overrideShown', {
            recommended: c.override.recommended ? labels(`disposition.${c.override.recommended}`) : t('none'),
            reason: c.override.reason,
          })}
        </p>
      ) : null}
      <ol style={{ paddingLeft: 0, listStyle: 'none' }}>
        {c.persons.map((p, i) => (
          <li key={i} className="card" data-testid="person-card">
            <h3>
              {i + 1}. {labels(`role.${p.role}`)} · {labels(`scan.${p.scan}`)} · {labels(`codeColor.${p.codeColor}`)}
            </h3>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <span>
                {t('temperatures')}: {p.temperatures.map((r) => `${r.toFixed(1)} °C`).join(' → ')}
              </span>
              <ObservationStatus person={p} />
            </div>
            <div>
              {t('test')}: {labels(`testStatus.${p.test.status}`)}
              {p.test.sampledAt ? ` (${when(p.test.sampledAt)})` : ''} · {t('vaccine')}:{' '}
              {p.vaccineDoses === null ? t('vaccineNotAsked') : t('vaccineDoses', { count: p.vaccineDoses })}
            </div>
            <div>
              {t('flags')}: {p.flags.length === 0 ? t('noFlags') : p.flags.map((f) => labels(`flag.${f}`)).join('、')} ·{' '}
              {labels(`disposition.${p.disposition}`)}
              {p.overrideReason ? ` (${p.overrideReason})` : ''}
            </div>
            {p.registration ? (
              <div data-testid="registration">
                {t('registration')}: {p.registration.name} · {maskIdNumber(p.registration.idNumber)} ·{' '}
                {maskPhone(p.registration.phone)}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {c.notes ? <p>{c.notes}</p> : null}
      {registrationCleared ? (
        <p className="banner banner-warn">{t('amendAfterRetention')}</p>
      ) : (
        <button type="button" className="btn btn-primary btn-big" onClick={amend}>
          {t('amend')}
        </button>
      )}
    </div>
  );
}
