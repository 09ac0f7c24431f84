// The strip above the flow: plate, x of N screened, and the four steps of the current person
// (steps already passed can be tapped to go back and correct them).
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { useT } from '../../../platform/i18n.ts';
import { completedCount, PERSON_STEPS, type CheckDraft, type PersonStep } from '../draft/check-draft.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { homeMessages } from '../home.messages.ts';

const STEP_LABEL = {
  scan: 'stepScan',
  look: 'stepLook',
  check: 'stepCheck',
  verify: 'stepVerify',
  decision: 'stepDecision',
} as const satisfies Record<PersonStep, string>;

export interface FlowProgressProps {
  draft: CheckDraft;
  onGoToStep: (step: PersonStep) => void;
  onGoToVehicle: () => void;
}

export function FlowProgress({ draft, onGoToStep, onGoToVehicle }: FlowProgressProps) {
  const t = useT(checkpointMessages);
  const home = useT(homeMessages);
  const labels = useT(domainLabels);
  const person = draft.persons[draft.currentPerson];
  const plate =
    draft.vehicle.plateMode === 'none' ? labels('plateKind.unknown') : draft.vehicle.plate || home('noPlateYet');
  const currentIndex = person ? PERSON_STEPS.indexOf(person.step) : -1;

  return (
    <nav
      className="card"
      aria-label={home('homeTitle')}
      style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <button type="button" className="btn" onClick={onGoToVehicle} aria-label={t('editVehicle')}>
        <strong data-testid="flow-plate">{plate}</strong>
      </button>
      <span className="chip" data-testid="screened-progress">
        {t('screenedProgress', { done: completedCount(draft), total: draft.vehicle.occupants })}
      </span>
      {draft.stage === 'persons' && person ? (
        <>
          <span className="chip" data-testid="person-progress">
            {t('personProgress', {
              n: draft.currentPerson + 1,
              total: draft.vehicle.occupants,
              role: labels(`role.${person.role}`),
            })}
          </span>
          <ol className="btn-row" style={{ listStyle: 'none', padding: 0, margin: 0, flex: '1 1 480px' }}>
            {PERSON_STEPS.map((step, i) => (
              <li key={step} style={{ flex: 1 }}>
                <button
                  type="button"
                  className="btn"
                  style={{ width: '100%', whiteSpace: 'nowrap', padding: '0 8px' }}
                  aria-current={step === person.step ? 'step' : undefined}
                  aria-pressed={step === person.step}
                  disabled={i > currentIndex}
                  onClick={() => {
                    onGoToStep(step);
                  }}
                >
                  {t(STEP_LABEL[step])}
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </nav>
  );
}
