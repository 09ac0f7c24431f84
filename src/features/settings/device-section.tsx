// This tablet's enrollment as stored in settings 'device': checkpoint facts read-only (a dash for what is not set),
// the server it syncs with, the tablet's id and name there (what an admin finds a lost tablet by), and the way to
// (re-)enroll.
import { Link } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

/** "2026-11-28T08:01" of an ISO string. */
const DATE_AND_MINUTE_CHARS = 16;

export function DeviceSection() {
  const t = useT(settingsMessages);
  const device = useSetting('device');
  if (device === undefined) return <p className="hint">{t('loading')}</p>;

  const rows = [
    { label: t('checkpointName'), value: device?.checkpointName },
    { label: t('province'), value: device?.province },
    { label: t('city'), value: device?.city },
    { label: t('timeZone'), value: device?.timeZone },
  ];
  const serverUrl = device?.serverUrl;
  const enrolled = device !== null && serverUrl !== undefined && device.token !== undefined;
  return (
    <div>
      <dl>
        {rows.map(({ label, value }) => (
          <div key={label} className="field">
            <dt className="field-label">{label}</dt>
            <dd style={{ margin: 0 }}>{value !== undefined && value !== '' ? value : t('missing')}</dd>
          </div>
        ))}
      </dl>
      {enrolled ? (
        <dl data-testid="device-enrollment">
          <div className="field">
            <dt className="field-label">{t('serverUrl')}</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{serverUrl}</dd>
          </div>
          <div className="field">
            <dt className="field-label">{t('deviceName')}</dt>
            {/* Kept since enrollment first sent a name; a record from before, or without one, shows the dash. */}
            <dd style={{ margin: 0 }}>{device.deviceName ? device.deviceName : t('missing')}</dd>
          </div>
          <div className="field">
            <dt className="field-label">{t('deviceId')}</dt>
            <dd style={{ margin: 0 }}>
              <code data-testid="device-id" style={{ overflowWrap: 'anywhere', userSelect: 'all' }}>
                {device.deviceId ? device.deviceId : t('missing')}
              </code>
              <span className="hint" style={{ display: 'block' }}>
                {t('deviceIdHint')}
              </span>
            </dd>
          </div>
          {device.enrolledAt !== undefined ? (
            <div className="field">
              <dt className="field-label">{t('enrolledAt')}</dt>
              <dd style={{ margin: 0 }}>
                {formatInZone(device.enrolledAt, device.timeZone).slice(0, DATE_AND_MINUTE_CHARS).replace('T', ' ')}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="banner banner-warn" data-testid="device-enrollment">
          {t('notEnrolled')}
        </p>
      )}
      <div className="btn-row" style={{ marginBottom: 'var(--gap)' }}>
        <Link href="/enroll" className={enrolled ? 'btn' : 'btn btn-primary'}>
          {enrolled ? t('reenroll') : t('enroll')}
        </Link>
      </div>
      <p className="hint">{t('deviceHint')}</p>
    </div>
  );
}
