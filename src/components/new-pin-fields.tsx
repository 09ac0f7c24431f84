// A new lead PIN typed twice, with the rule it breaks in words: used at enrollment, on first use and in settings.
import { useId } from 'react';
import {
  checkLeadPin,
  LEAD_PIN_MAX_DIGITS,
  LEAD_PIN_MIN_DIGITS,
  type LeadPinConfirmProblem,
} from '../domain/lead-pin-rules.ts';
import { useT } from '../platform/i18n.ts';
import type { TranslateOf } from '../platform/i18n.ts';
import { leadPinMessages } from './lead-pin.messages.ts';

export function describeLeadPinProblem(problem: LeadPinConfirmProblem, t: TranslateOf<typeof leadPinMessages>): string {
  switch (problem) {
    case 'tooShort':
      return t('tooShort', { count: LEAD_PIN_MIN_DIGITS });
    case 'tooLong':
      return t('tooLong', { count: LEAD_PIN_MAX_DIGITS });
    default:
      return t(problem);
  }
}

export interface NewPinFieldsProps {
  pin: string;
  again: string;
  onChange: (pin: string, again: string) => void;
  /** Problems show after a first attempt to save, then follow the typing. */
  showProblems: boolean;
  /** Lets the form move the focus to the first field to fix. */
  pinInputId?: string;
}

/** Digits only are accepted as typed (a hardware keyboard or the tablet's numeric keyboard). */
export function NewPinFields({ pin, again, onChange, showProblems, pinInputId }: NewPinFieldsProps) {
  const t = useT(leadPinMessages);
  const generatedId = useId();
  const pinId = pinInputId ?? `${generatedId}-pin`;
  const againId = `${generatedId}-again`;
  const pinProblem = showProblems ? checkLeadPin(pin) : null;
  const againProblem = showProblems && pinProblem === null && pin !== again ? 'mismatch' : null;

  const input = (id: string, value: string, problem: LeadPinConfirmProblem | null, onValue: (next: string) => void) => (
    <input
      id={id}
      className="input"
      type="password"
      inputMode="numeric"
      pattern="[0-9]*"
      autoComplete="new-password"
      maxLength={LEAD_PIN_MAX_DIGITS}
      value={value}
      aria-invalid={problem !== null}
      aria-describedby={`${id}-note`}
      onChange={(e) => {
        onValue(e.target.value);
      }}
    />
  );

  return (
    <>
      <div className="field">
        <label htmlFor={pinId}>{t('pinLabel')}</label>
        {input(pinId, pin, pinProblem, (next) => {
          onChange(next, again);
        })}
        <span id={`${pinId}-note`} className={pinProblem === null ? 'hint' : 'error-text'}>
          {pinProblem === null ? t('pinHint') : describeLeadPinProblem(pinProblem, t)}
        </span>
      </div>
      <div className="field">
        <label htmlFor={againId}>{t('againLabel')}</label>
        {input(againId, again, againProblem, (next) => {
          onChange(pin, next);
        })}
        <span id={`${againId}-note`} className={againProblem === null ? 'hint' : 'error-text'}>
          {againProblem === null ? t('againHint') : describeLeadPinProblem(againProblem, t)}
        </span>
      </div>
    </>
  );
}
