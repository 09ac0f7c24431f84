// The decision for one person: flags, the recommended disposition (or the officer's own with a reason),
// registration for flagged people, then the next occupant or saving the vehicle.
import { useEffect, useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { useT } from '../../../platform/i18n.ts';
import { playFlagAlert } from '../../../platform/alert-sound.ts';
import { unobservedFacts } from '../../../domain/observations.ts';
import { recordedObservations, type DraftJudgement } from '../draft/check-builder.ts';
import type { CheckDraft, DraftWithType } from '../draft/check-draft.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { DispositionPicker } from './disposition-picker.tsx';
import { nextUnscreened, personProblems } from '../draft/person-validation.ts';
import { RegistrationForm } from './registration-form.tsx';
import { SaveBar } from './save-bar.tsx';
import type { StepProps } from './step-props.ts';

export interface DecisionStepProps extends StepProps {
  judgement: DraftJudgement;
  saving: boolean;
  saveError: string | null;
  /** Saves the vehicle; receives the draft with this last person marked screened. */
  onSave: (completed: DraftWithType) => void;
}

function markScreened<D extends CheckDraft>(draft: D, index: number): D {
  return { ...draft, persons: draft.persons.map((p, i) => (i === index ? { ...p, completed: true } : p)) };
}

export function DecisionStep(props: DecisionStepProps) {
  const { draft, index, person, policy, update, patch, judgement, saving, saveError, onSave } = props;
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [showErrors, setShowErrors] = useState(false);
  const mine = judgement.persons[index];
  const flagged = (mine?.flags.length ?? 0) > 0;

  useEffect(() => {
    if (flagged) playFlagAlert();
  }, [flagged, index]);

  if (!mine) return null;
  // "No flags" is about what was observed: what was not is named beside it, as the record will hold it.
  const unobserved = unobservedFacts(recordedObservations(person));
  const problems = personProblems(draft, person, mine);
  const othersLeft = draft.persons.filter((p, i) => i !== index && !p.completed).length;
  const isLast = othersLeft === 0;

  const complete = () => {
    if (problems.length > 0) {
      setShowErrors(true);
      return;
    }
    if (!isLast) {
      update((d) => {
        const marked = markScreened(d, index);
        return { ...marked, currentPerson: nextUnscreened(marked, index) ?? index };
      });
      return;
    }
    const marked = markScreened(draft, index);
    update(() => marked);
    onSave(marked);
  };

  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decisionTitle')}</h2>
      {flagged ? (
        <div className="banner banner-danger" role="alert" data-testid="flag-banner">
          <div>{t('alertFlagged')}</div>
          <div className="btn-row" style={{ marginTop: 8 }}>
            {mine.flags.map((flag) => (
              <span key={flag} className="chip chip-warn" data-flag={flag}>
                {labels(`flag.${flag}`)}
              </span>
            ))}
          </div>
        </div>
      ) : (
        <p className="banner banner-ok" data-testid="no-flags">
          {t('noFlags')}
        </p>
      )}
      {unobserved.length > 0 ? (
        <div className="banner banner-warn" data-testid="unobserved">
          <div>{t('unobservedTitle')}</div>
          <div className="btn-row" style={{ marginTop: 8 }}>
            {unobserved.map((fact) => (
              <span key={fact} className="chip chip-warn" data-unobserved={fact}>
                {t(`unobserved_${fact}`)}
              </span>
            ))}
          </div>
        </div>
      ) : null}
      <DispositionPicker
        idPrefix={`person-${index}`}
        recommended={mine.recommended}
        chosen={mine.chosen}
        reason={person.overrideReason}
        vehicleType={draft.vehicle.type}
        policy={policy}
        showErrors={showErrors}
        onChange={({ disposition, reason }) => {
          patch({ chosenDisposition: disposition, overrideReason: disposition ? reason : '' });
        }}
      />
      {flagged ? (
        <RegistrationForm
          draft={draft}
          person={person}
          index={index}
          showErrors={showErrors}
          patch={patch}
          update={update}
        />
      ) : null}
      {isLast ? (
        <div className="card" data-testid="vehicle-summary">
          <strong>{t('vehicleDisposition', { disposition: labels(`disposition.${judgement.chosen}`) })}</strong>
          <div className="hint">
            {t('vehicleRecommended', { disposition: labels(`disposition.${judgement.recommended}`) })}
          </div>
        </div>
      ) : null}
      <SaveBar
        problems={showErrors ? problems.map((p) => t(p)) : []}
        saveError={saveError}
        saving={saving}
        label={
          isLast
            ? t('saveVehicle')
            : t('nextPerson', {
                n: (nextUnscreened(markScreened(draft, index), index) ?? index) + 1,
                total: draft.persons.length,
              })
        }
        onPress={complete}
      />
    </section>
  );
}
