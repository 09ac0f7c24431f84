// 三查: temperature (re-measured when at or above the fever threshold) and the ID document check. Nothing is pressed
// when it opens: the ID is recorded as checked only from a tap whose label says so (ADR 032).
import { useState } from 'react';
import { NumberPad } from '../../../components/number-pad.tsx';
import { isFever, needsRemeasure } from '../../../domain/flags.ts';
import { parseTemperature, type TemperatureError } from '../../../domain/temperature.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { PersonDraft } from '../draft/check-draft.ts';
import type { StepProps } from './step-props.ts';

/** Normal readings an officer taps in one go; anything else goes through the pad. */
const QUICK_READINGS_C = [36.0, 36.2, 36.4, 36.5, 36.6, 36.8] as const;
const TEMPERATURE_INPUT_MAX_CHARS = 5;

export function CheckStep({ person, policy, patch }: StepProps) {
  const t = useT(checkpointMessages);
  const [input, setInput] = useState('');
  const [error, setError] = useState<TemperatureError | null>(null);
  const readings = person.temperatures;
  const remeasuring = needsRemeasure(readings, policy);
  const done = readings.length > 0 && !remeasuring;

  // Until the ID is answered, a quick reading's key also says "ID checked", and records what it says.
  const idAnswered = person.idChecked !== null;

  const record = (value: number, also: Partial<PersonDraft> = {}) => {
    setInput('');
    setError(null);
    const next = done ? [value] : [...readings, value];
    // A first reading at or above the threshold is measured again before anything is decided.
    const stay = next.length === 1 && isFever(value, policy);
    patch(stay ? { ...also, temperatures: next } : { ...also, temperatures: next, step: 'verify' });
  };

  // A second tap on the pressed answer takes it back: no answer is recorded as not checked.
  const answerId = (checked: boolean) => {
    patch({ idChecked: person.idChecked === checked ? null : checked });
  };

  const submit = () => {
    const parsed = parseTemperature(input);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    record(parsed.value);
  };

  const last = readings[readings.length - 1];
  return (
    <section aria-labelledby="check-title">
      <h2 id="check-title">{t('checkTitle')}</h2>
      <div className="field">
        <div className="btn-row" role="group" aria-label={t('idDocument')}>
          <button
            type="button"
            className="btn"
            aria-pressed={person.idChecked === true}
            onClick={() => {
              answerId(true);
            }}
          >
            {t('idChecked')}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={person.idChecked === false}
            onClick={() => {
              answerId(false);
            }}
          >
            {t('idNotChecked')}
          </button>
        </div>
        {idAnswered ? null : (
          <span className="hint" data-testid="id-unanswered">
            {t('idUnanswered')}
          </span>
        )}
      </div>
      {readings.length > 0 ? (
        <p className="hint" data-testid="temperature-readings">
          {t('temperatureRecorded', { readings: readings.map((r) => `${r.toFixed(1)} °C`).join(' → ') })}
        </p>
      ) : null}
      {remeasuring && last !== undefined ? (
        <p className="banner banner-warn" role="alert">
          {t('remeasure', { value: last.toFixed(1), threshold: policy.feverThresholdC.toFixed(1) })}
        </p>
      ) : null}
      {readings.length === 2 && last !== undefined && isFever(last, policy) ? (
        <p className="banner banner-danger" role="alert">
          {t('feverConfirmed', { threshold: policy.feverThresholdC.toFixed(1) })}
        </p>
      ) : null}
      {!remeasuring ? (
        <div className="field">
          <span className="field-label">{idAnswered ? t('temperatureQuick') : t('temperatureQuickWithId')}</span>
          <div className="choice-grid">
            {QUICK_READINGS_C.map((reading) => (
              <button
                key={reading}
                type="button"
                className="btn btn-big"
                onClick={() => {
                  record(reading, idAnswered ? {} : { idChecked: true });
                }}
              >
                {idAnswered ? reading.toFixed(1) : t('readingWithId', { reading: reading.toFixed(1) })}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <div style={{ maxWidth: 420 }}>
        <NumberPad
          label={t('temperature')}
          value={input}
          allowDecimal
          maxLength={TEMPERATURE_INPUT_MAX_CHARS}
          onChange={(next) => {
            setInput(next);
            setError(null);
          }}
          onEnter={submit}
        />
        {error ? (
          <p className="error-text" role="alert">
            {t(`tempError_${error}`)}
          </p>
        ) : null}
      </div>
      {done ? (
        <div className="btn-row" style={{ marginTop: 12 }}>
          <button
            type="button"
            className="btn btn-big"
            onClick={() => {
              patch({ step: 'verify' });
            }}
          >
            {t('next')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
