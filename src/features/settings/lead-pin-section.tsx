// Settings, "lead PIN": change it with the current one (wrong ones count toward the same lockout as the gate), or set
// the first one on a tablet that has none.
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { NewPinFields } from '../../components/new-pin-fields.tsx';
import { leadPins } from '../../db/lead-pins-instance.ts';
import { LeadPinRefusedError } from '../../db/lead-pin-repository.ts';
import { useSetting } from '../../db/live-queries.ts';
import { checkNewLeadPin, LEAD_PIN_MAX_DIGITS } from '../../domain/lead-pin-rules.ts';
import { useT } from '../../platform/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

type Outcome =
  | { kind: 'saved' }
  | { kind: 'wrongCurrent'; attemptsBeforeLock: number }
  | { kind: 'locked'; lockedUntil: number }
  | { kind: 'failed' }
  | { kind: 'alreadySet' };

/** m:ss until `untilMs`, rounded up. */
function waitText(untilMs: number): string {
  const seconds = Math.max(1, Math.ceil((untilMs - Date.now()) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function LeadPinSection() {
  const t = useT(settingsMessages);
  const record = useSetting('leadPin');
  const currentId = useId();
  const pinInputId = useId();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (record === undefined) return null;
  const changing = record !== null;
  const problem = checkNewLeadPin(pin, again);
  const currentMissing = changing && current === '';

  const reset = () => {
    setCurrent('');
    setPin('');
    setAgain('');
    setAttempted(false);
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    setOutcome(null);
    if (currentMissing || problem !== null) {
      document.getElementById(currentMissing ? currentId : pinInputId)?.focus();
      return;
    }
    setSaving(true);
    try {
      if (changing) {
        const verdict = await leadPins.change(current, pin, Date.now());
        if (verdict.kind === 'accepted') {
          reset();
          setOutcome({ kind: 'saved' });
        } else if (verdict.kind === 'wrong') {
          setCurrent('');
          setOutcome({ kind: 'wrongCurrent', attemptsBeforeLock: verdict.attemptsBeforeLock });
        } else if (verdict.kind === 'locked') {
          setCurrent('');
          setOutcome(verdict);
        }
      } else {
        await leadPins.setFirst(pin, Date.now());
        reset();
        setOutcome({ kind: 'saved' });
      }
    } catch (error) {
      setOutcome(
        error instanceof LeadPinRefusedError && error.reason === 'already-set'
          ? { kind: 'alreadySet' }
          : { kind: 'failed' },
      );
    } finally {
      setSaving(false);
    }
  };

  const outcomeBanner = (shown: Outcome) => {
    switch (shown.kind) {
      case 'saved':
        return (
          <p className="banner banner-ok" role="status" data-testid="lead-pin-outcome">
            {t('leadPinSaved')}
          </p>
        );
      case 'wrongCurrent':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinWrongCurrent', { count: shown.attemptsBeforeLock })}
          </p>
        );
      case 'locked':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinLocked', { time: waitText(shown.lockedUntil) })}
          </p>
        );
      case 'alreadySet':
        return (
          <p className="banner banner-warn" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinAlreadySet')}
          </p>
        );
      case 'failed':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinFailed')}
          </p>
        );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="lead-pin-section">
      <p className="hint">{changing ? t('leadPinChangeHint') : t('leadPinNoneHint')}</p>
      {changing ? (
        <div className="field">
          <label htmlFor={currentId}>{t('leadPinCurrent')}</label>
          <input
            id={currentId}
            className="input"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={LEAD_PIN_MAX_DIGITS}
            value={current}
            aria-invalid={attempted && currentMissing}
            onChange={(e) => {
              setCurrent(e.target.value);
            }}
          />
          {attempted && currentMissing ? <span className="error-text">{t('leadPinCurrentEmpty')}</span> : null}
        </div>
      ) : null}
      <NewPinFields
        pin={pin}
        again={again}
        showProblems={attempted}
        pinInputId={pinInputId}
        onChange={(nextPin, nextAgain) => {
          setPin(nextPin);
          setAgain(nextAgain);
        }}
      />
      {outcome !== null ? outcomeBanner(outcome) : null}
      <button type="submit" className="btn btn-primary" disabled={saving}>
        {saving ? t('leadPinSaving') : changing ? t('leadPinChange') : t('leadPinSet')}
      </button>
    </form>
  );
}
