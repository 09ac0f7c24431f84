// Registration of a flagged person: name, ID number (checksum checked), phone, destination address.
import type { ReactNode } from 'react';
import { validateIdNumber, validatePhone } from '../../../domain/id-number.ts';
import { useT, type Translate } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { CheckDraft, PersonDraft } from '../draft/check-draft.ts';

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
  const dest = draft.vehicle.destination;
  const setDest = (field: keyof typeof dest, value: string) => {
    update((d) => ({ ...d, vehicle: { ...d.vehicle, destination: { ...d.vehicle.destination, [field]: value } } }));
  };
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
          <h4 className="field-label" style={{ margin: '0 0 6px' }}>
            {t('regDestination')}
          </h4>
          <Field
            id={`${p}-province`}
            label={t('destProvince')}
            value={dest.province}
            maxLength={32}
            error={null}
            onChange={(v) => {
              setDest('province', v);
            }}
          />
          <Field
            id={`${p}-city`}
            label={t('destCity')}
            value={dest.city}
            maxLength={32}
            error={null}
            onChange={(v) => {
              setDest('city', v);
            }}
          />
          <Field
            id={`${p}-county`}
            label={t('destCounty')}
            value={dest.county}
            maxLength={64}
            error={showErrors && dest.county.trim() === '' ? t('reg_county-missing') : null}
            onChange={(v) => {
              setDest('county', v);
            }}
          />
          <Field
            id={`${p}-township`}
            label={t('destTownship')}
            value={dest.township}
            maxLength={64}
            error={null}
            onChange={(v) => {
              setDest('township', v);
            }}
          />
          <Field
            id={`${p}-village`}
            label={t('destVillage')}
            value={dest.village}
            maxLength={64}
            error={null}
            onChange={(v) => {
              setDest('village', v);
            }}
          />
        </div>
      </div>
    </fieldset>
  );
}
