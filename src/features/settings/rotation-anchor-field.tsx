// The rotation start: the date on which the first team works the first shift.
import { useId } from 'react';
import { useT } from '../../platform/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

export interface RotationAnchorFieldProps {
  value: string;
  invalid: boolean;
  onChange: (date: string) => void;
}

export function RotationAnchorField({ value, invalid, onChange }: RotationAnchorFieldProps) {
  const t = useT(shiftConfigMessages);
  const inputId = `${useId()}-anchor`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('anchorLabel')}</label>
      <input
        id={inputId}
        className="input"
        type="date"
        required
        value={value}
        aria-invalid={invalid}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {invalid && <span className="error-text">{t('anchorInvalid')}</span>}
    </div>
  );
}
