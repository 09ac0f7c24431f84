// The foot of the enrollment form: why nothing was sent (fields to fix, or the failure in words with the server's own),
// then the big enroll button, or the question before an enrolled tablet is enrolled again.
import { useId } from 'react';
import { useT } from '../../platform/i18n.ts';
import { failureText, type FailureMessage } from './enrollment-text.ts';
import { enrollmentMessages } from './enrollment.messages.ts';
import type { EnrollmentPhase } from './use-enrollment-form.ts';

export interface EnrollmentSubmitProps {
  /** The officer tried to enroll with fields still to fix. */
  showFix: boolean;
  failure: FailureMessage | null;
  phase: EnrollmentPhase;
  /** The checkpoint the tablet is enrolled with now, named in the question; null when it is not enrolled. */
  currentCheckpoint: string | null;
  onCancelConfirm: () => void;
}

export function EnrollmentSubmit({
  showFix,
  failure,
  phase,
  currentCheckpoint,
  onCancelConfirm,
}: EnrollmentSubmitProps) {
  const t = useT(enrollmentMessages);
  const confirmId = `${useId()}-confirm`;
  return (
    <>
      {showFix ? (
        <p className="banner banner-warn" role="alert">
          {t('fixFields')}
        </p>
      ) : null}
      {failure !== null ? (
        <div className="banner banner-danger" role="alert" data-testid="enrollment-error">
          <p style={{ margin: 0 }}>{failureText(failure, t)}</p>
          {failure.detail !== null ? (
            <p className="hint" style={{ margin: '6px 0 0' }}>
              {t('serverSaid', { detail: failure.detail })}
            </p>
          ) : null}
        </div>
      ) : null}

      {phase.kind === 'confirming' && currentCheckpoint !== null ? (
        <div className="card banner-warn" role="alertdialog" aria-labelledby={confirmId}>
          <h2 id={confirmId}>{t('confirmTitle')}</h2>
          <p>{t('confirmBody', { checkpoint: currentCheckpoint })}</p>
          <div className="btn-row">
            <button type="button" className="btn" onClick={onCancelConfirm}>
              {t('confirmNo')}
            </button>
            <button type="submit" className="btn btn-danger">
              {t('confirmYes')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary btn-big" disabled={phase.kind === 'submitting'}>
          {phase.kind === 'submitting' ? t('submitting') : t('submit')}
        </button>
      )}
    </>
  );
}
