// Settings → flag alert: the sound and the vibration a flagged person sets off, each on or off, and a try.
import { useState } from 'react';
import { canVibrate, playFlagAlert, setAlertPreferences, useAlertPreferences } from '../../platform/alert-sound.ts';
import { useT } from '../../platform/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

function OnOff({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: boolean;
  disabled?: boolean;
  onChange: (value: boolean) => void;
}) {
  const t = useT(settingsMessages);
  return (
    <div className="field" role="group" aria-label={label}>
      <span className="field-label">{label}</span>
      <div className="choice-grid">
        <button
          type="button"
          className="btn btn-big"
          aria-pressed={value}
          disabled={disabled}
          onClick={() => {
            onChange(true);
          }}
        >
          {t('alertOn')}
        </button>
        <button
          type="button"
          className="btn btn-big"
          aria-pressed={!value}
          disabled={disabled}
          onClick={() => {
            onChange(false);
          }}
        >
          {t('alertOff')}
        </button>
      </div>
    </div>
  );
}

export function AlertSection() {
  const t = useT(settingsMessages);
  const preferences = useAlertPreferences();
  const vibrates = canVibrate();
  const [triedNothing, setTriedNothing] = useState(false);
  return (
    <div data-testid="alert-settings">
      <p className="hint">{t('alertHint')}</p>
      <OnOff
        label={t('alertSound')}
        value={preferences.sound}
        onChange={(sound) => {
          setAlertPreferences({ sound });
          setTriedNothing(false);
        }}
      />
      <OnOff
        label={t('alertVibration')}
        value={preferences.vibration && vibrates}
        disabled={!vibrates}
        onChange={(vibration) => {
          setAlertPreferences({ vibration });
          setTriedNothing(false);
        }}
      />
      {vibrates ? null : <p className="hint">{t('alertNoVibration')}</p>}
      <button
        type="button"
        className="btn"
        onClick={() => {
          const outcome = playFlagAlert();
          setTriedNothing(!outcome.sounded && !outcome.vibrated);
        }}
      >
        {t('alertTry')}
      </button>
      {triedNothing ? (
        <p className="hint" role="status">
          {t('alertTriedNothing')}
        </p>
      ) : null}
    </div>
  );
}
