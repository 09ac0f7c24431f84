// A labelled text field of the enrollment form with one note under it: the hint, or the problem in its place.
import type { InputHTMLAttributes } from 'react';

type InputExtras = Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoCapitalize' | 'spellCheck'>;

export interface EnrollmentFieldProps extends InputExtras {
  id: string;
  label: string;
  hint: string;
  /** Said instead of the hint, and marks the input invalid; null when there is none to show. */
  problem: string | null;
  value: string;
  onValue: (value: string) => void;
}

export function EnrollmentField({ id, label, hint, problem, value, onValue, ...extras }: EnrollmentFieldProps) {
  const describedBy = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        {...extras}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={describedBy}
        onChange={(e) => {
          onValue(e.target.value);
        }}
      />
      <span id={describedBy} className={problem === null ? 'hint' : 'error-text'}>
        {problem ?? hint}
      </span>
    </div>
  );
}
