// This tablet's enrollment as stored in settings 'device': shown read-only, a dash for what is not set.
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../lib/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

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
      <p className="hint">{t('deviceHint')}</p>
    </div>
  );
}
