// Registration of a flagged person: name, ID number (checksum checked), phone, and the vehicle's destination chosen
// from the division lists (destination-picker.tsx).
import type { ReactNode } from 'react';
import { useSetting } from '../../../db/live-queries.ts';
import { validateIdNumber, validatePhone } from '../../../domain/id-number.ts';
import { useT, type Translate } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { CheckDraft, PersonDraft } from '../draft/check-draft.ts';
import { DestinationPicker } from './destination-picker.tsx';
import { destinationMessages } from './destination.messages.ts';

type Messages = Parameters<Translate<keyof (typeof checkpointMessages)['zh-CN']>>[0];

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error: string | null;
  inputMode?: 'text' | 'numeric' | 'tel';
  maxLength: number;
  onChange: (value: string) => void;
}

function Field({ id, label, value, error, inputMode = 'text', maxLength, onChange }: FieldProps): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        value={value}
        inputMode={inputMode}
        maxLength={maxLength}
        autoComplete="off"
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error ? (
        <span id={`${id}-error`} className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export interface RegistrationFormProps {
  draft: CheckDraft;
  person: PersonDraft;
  index: number;
  showErrors: boolean;
  patch: (patch: Partial<PersonDraft>) => void;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
}

export function RegistrationForm({ draft, person, index, showErrors, patch, update }: RegistrationFormProps) {
  const t = useT(checkpointMessages);
  const reg = person.registration;
  const idResult = validateIdNumber(reg.idNumber);
  const phoneResult = validatePhone(reg.phone);
  // Errors show once something was typed, or when the officer tries to go on.
  const idError =
    !idResult.ok && (showErrors || reg.idNumber !== '')
      ? t(`idError_${idResult.error}` satisfies Messages, { n: reg.idNumber.trim().length })
      : null;
  const phoneError =
    !phoneResult.ok && (showErrors || reg.phone !== '')
      ? t(`phoneError_${phoneResult.error}` satisfies Messages)
      : null;
  const setReg = (field: keyof PersonDraft['registration'], value: string) => {
    patch({ registration: { ...reg, [field]: value } });
  };
  const td = useT(destinationMessages);
  const device = useSetting('device');
  const home = { countyCode: device?.countyCode, province: device?.province ?? '', city: device?.city ?? '' };
  const dest = draft.vehicle.destination;
  const p = `reg-${index}`;

  return (
    <fieldset className="card">
      <legend>
        <h3>{t('registrationTitle')}</h3>
      </legend>
      <div className="split">
        <div>
          <Field
            id={`${p}-name`}
            label={t('regName')}
            value={reg.name}
            maxLength={64}
            error={showErrors && reg.name.trim() === '' ? t('reg_name-missing') : null}
            onChange={(v) => {
              setReg('name', v);
            }}
          />
          <Field
            id={`${p}-id`}
            label={t('regIdNumber')}
            value={reg.idNumber}
            maxLength={18}
            error={idError}
            onChange={(v) => {
              setReg('idNumber', v.toUpperCase());
            }}
          />
          <Field
            id={`${p}-phone`}
            label={t('regPhone')}
            value={reg.phone}
            inputMode="tel"
            maxLength={20}
            error={phoneError}
            onChange={(v) => {
              setReg('phone', v);
            }}
          />
        </div>
        <div>
          <DestinationPicker
            id={`${p}-destination`}
            destination={dest}
            home={home}
            error={showErrors && dest.county.trim() === '' ? td('countyMissing') : null}
            onChange={(destination) => {
              update((d) => ({ ...d, vehicle: { ...d.vehicle, destination } }));
            }}
          />
        </div>
      </div>
    </fieldset>
  );
}
