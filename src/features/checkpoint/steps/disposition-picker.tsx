// The recommendation and, on request, the officer's own choice with its reason (both are kept).
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import type { Policy } from '../../../domain/policy.ts';
import type { Disposition, VehicleType } from '../../../domain/vocabulary.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';

export interface DispositionPickerProps {
  idPrefix: string;
  recommended: Disposition;
  chosen: Disposition;
  reason: string;
  vehicleType: VehicleType;
  policy: Policy;
  showErrors: boolean;
  onChange: (choice: { disposition: Disposition | null; reason: string }) => void;
}

export function DispositionPicker(props: DispositionPickerProps) {
  const { idPrefix, recommended, chosen, reason, vehicleType, policy, showErrors, onChange } = props;
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const overridden = chosen !== recommended;
  const [open, setOpen] = useState(overridden);
  const allowed = policy.allowedDispositions[vehicleType];
  const reasonMissing = overridden && reason.trim() === '';

  return (
    <div className="field">
      <p>
        <span className="field-label">{t('recommended')}：</span>
        <strong data-testid={`${idPrefix}-recommended`}>{labels(`disposition.${recommended}`)}</strong>
      </p>
      {open ? (
        <>
          <div className="choice-grid" role="group" aria-label={t('chosen')}>
            {allowed.map((d) => (
              <button
                key={d}
                type="button"
                className="btn"
                aria-pressed={chosen === d}
                onClick={() => {
                  onChange({ disposition: d === recommended ? null : d, reason });
                }}
              >
                {labels(`disposition.${d}`)}
              </button>
            ))}
          </div>
          {overridden ? (
            <div className="field">
              <label htmlFor={`${idPrefix}-reason`}>{t('overrideReason')}</label>
              <input
                id={`${idPrefix}-reason`}
                className="input"
                value={reason}
                maxLength={500}
                aria-invalid={showErrors && reasonMissing}
                onChange={(e) => {
                  onChange({ disposition: chosen, reason: e.target.value });
                }}
              />
              {showErrors && reasonMissing ? (
                <span className="error-text" role="alert">
                  {t('overrideReasonMissing')}
                </span>
              ) : null}
            </div>
          ) : null}
          <button
            type="button"
            className="btn"
            onClick={() => {
              setOpen(false);
              onChange({ disposition: null, reason: '' });
            }}
          >
            {t('overrideCancel')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('overrideOpen')}
        </button>
      )}
    </div>
  );
}
