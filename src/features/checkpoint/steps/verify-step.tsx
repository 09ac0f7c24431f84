// 四验: nucleic-acid test and sampling time, vaccine doses, and for trucks the pass number. Nothing is pressed when it
// opens: doses untapped are recorded as not asked, a test only from its tap (ADR 032).
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { NumberPad } from '../../../components/number-pad.tsx';
import type { TestStatus } from '../../../domain/vocabulary.ts';
import { formatInZone, isoToWallTime, startOfLocalDay, wallTimeToIso } from '../../../domain/time.ts';
import { validateTruckPass } from '../../../domain/truck-pass.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { PersonDraft } from '../draft/check-draft.ts';
import type { StepProps } from './step-props.ts';

const VACCINE_DOSE_CHOICES = [0, 1, 2, 3, 4] as const;
const TRUCK_PASS_DIGITS = 12;

type TimeError = 'sampledAtMissing' | 'sampledAtFuture' | 'sampledAtInvalid';

export function VerifyStep({ draft, index, person, timeZone, update, patch }: StepProps) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [exactOpen, setExactOpen] = useState(person.sampledChoice === 'exact');
  const [exactWall, setExactWall] = useState(person.sampledAt ? isoToWallTime(person.sampledAt, timeZone) : '');
  const [timeError, setTimeError] = useState<TimeError | null>(null);
  const [passError, setPassError] = useState(false);
  const askPass = draft.vehicle.type === 'truck' && index === 0;

  /** Moves on unless the truck pass typed so far is malformed. */
  const finish = (result: Partial<PersonDraft>) => {
    if (askPass && draft.vehicle.truckPass !== '' && !validateTruckPass(draft.vehicle.truckPass).ok) {
      patch(result);
      setPassError(true);
      return;
    }
    patch({ ...result, step: 'decision' });
  };

  const chooseNegative = (choice: 'today' | 'yesterday') => {
    const sampledAt = startOfLocalDay(Date.now(), timeZone, choice === 'today' ? 0 : 1);
    finish({ testStatus: 'negative', sampledChoice: choice, sampledAt });
  };

  const chooseOther = (status: Exclude<TestStatus, 'negative'>) => {
    setExactOpen(false);
    finish({ testStatus: status, sampledChoice: null, sampledAt: null });
  };

  const confirmExact = () => {
    if (exactWall === '') {
      setTimeError('sampledAtMissing');
      return;
    }
    const iso = wallTimeToIso(exactWall, timeZone);
    if (!iso) {
      setTimeError('sampledAtInvalid');
      return;
    }
    if (Date.parse(iso) > Date.now()) {
      setTimeError('sampledAtFuture');
      return;
    }
    setTimeError(null);
    finish({ testStatus: 'negative', sampledChoice: 'exact', sampledAt: iso });
  };

  const negative = person.testStatus === 'negative';
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verifyTitle')}</h2>
      <div className="field">
        <span className="field-label">{t('vaccineTitle')}</span>
        <div className="btn-row" role="group" aria-label={t('vaccineTitle')}>
          {VACCINE_DOSE_CHOICES.map((n) => (
            <button
              key={n}
              type="button"
              className="btn"
              aria-pressed={person.vaccineDoses === n}
              onClick={() => {
                // A second tap on the pressed answer takes it back to not asked.
                patch({ vaccineDoses: person.vaccineDoses === n ? null : n });
              }}
            >
              {t('vaccineDoses', { count: n })}
            </button>
          ))}
        </div>
        {person.vaccineDoses === null ? (
          <span className="hint" data-testid="vaccine-unanswered">
            {t('vaccineUnanswered')}
          </span>
        ) : null}
      </div>
      {askPass ? (
        <div className="field" style={{ maxWidth: 420 }}>
          <NumberPad
            label={t('truckPass')}
            value={draft.vehicle.truckPass}
            maxLength={TRUCK_PASS_DIGITS}
            onChange={(next) => {
              setPassError(false);
              update((d) => ({ ...d, vehicle: { ...d.vehicle, truckPass: next } }));
            }}
          />
          {passError ? (
            <span className="error-text" role="alert">
              {t('truckPassError')}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <span className="field-label">{t('testTitle')}</span>
        <div className="choice-grid" role="group" aria-label={t('testTitle')}>
          <button
            type="button"
            className="btn btn-big"
            aria-pressed={negative && person.sampledChoice === 'today'}
            onClick={() => {
              chooseNegative('today');
            }}
          >
            {t('testNegativeToday')}
          </button>
          <button
            type="button"
            className="btn btn-big"
            aria-pressed={negative && person.sampledChoice === 'yesterday'}
            onClick={() => {
              chooseNegative('yesterday');
            }}
          >
            {t('testNegativeYesterday')}
          </button>
          <button
            type="button"
            className="btn btn-big"
            aria-pressed={exactOpen || (negative && person.sampledChoice === 'exact')}
            onClick={() => {
              setExactOpen(true);
              if (exactWall === '') setExactWall(formatInZone(Date.now(), timeZone).slice(0, 16));
            }}
          >
            {t('testNegativeExact')}
          </button>
          {(['pending', 'none', 'positive'] as const).map((status) => (
            <button
              key={status}
              type="button"
              className="btn btn-big"
              aria-pressed={person.testStatus === status}
              onClick={() => {
                chooseOther(status);
              }}
            >
              {labels(`testStatus.${status}`)}
            </button>
          ))}
        </div>
      </div>
      {exactOpen ? (
        <div className="field" style={{ maxWidth: 420 }}>
          <label htmlFor="sampled-at">{t('sampledAtLabel')}</label>
          <input
            id="sampled-at"
            className="input"
            type="datetime-local"
            value={exactWall}
            aria-invalid={timeError !== null}
            onChange={(e) => {
              setExactWall(e.target.value);
              setTimeError(null);
            }}
          />
          {timeError ? (
            <span className="error-text" role="alert">
              {t(timeError)}
            </span>
          ) : null}
          <button type="button" className="btn btn-primary btn-big" onClick={confirmExact}>
            {t('confirmTime')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
