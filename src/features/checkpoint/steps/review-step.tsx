// Review of a whole vehicle before saving (used for amendments): every person's result, what was not observed said
// in words, edit links, the vehicle's disposition, notes.
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import type { Policy } from '../../../domain/policy.ts';
import { useT } from '../../../platform/i18n.ts';
import { recordedObservations, type DraftJudgement } from '../draft/check-builder.ts';
import { allScreened, type CheckDraft, type DraftWithType } from '../draft/check-draft.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { DispositionPicker } from './disposition-picker.tsx';
import { personProblems } from '../draft/person-validation.ts';
import { ObservationStatus } from '../records/observation-status.tsx';
import { SaveBar } from './save-bar.tsx';

export interface ReviewStepProps {
  draft: DraftWithType;
  judgement: DraftJudgement;
  policy: Policy;
  saving: boolean;
  saveError: string | null;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
  onSave: (draft: DraftWithType) => void;
}

export function ReviewStep({ draft, judgement, policy, saving, saveError, update, onSave }: ReviewStepProps) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [showErrors, setShowErrors] = useState(false);
  const open = draft.persons.filter((p) => !p.completed).length;
  const problemLines = draft.persons.flatMap((p, i) => {
    const j = judgement.persons[i];
    return j
      ? personProblems(draft, p, j).map((problem) => `${i + 1}. ${labels(`role.${p.role}`)}：${t(problem)}`)
      : [];
  });
  const blocked = problemLines.length > 0;
  const vehicleReasonMissing = draft.vehicleOverride !== null && draft.vehicleOverride.reason.trim() === '';

  const save = () => {
    if (!allScreened(draft) || blocked || vehicleReasonMissing) {
      setShowErrors(true);
      return;
    }
    onSave(draft);
  };

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('reviewTitle')}</h2>
      {draft.rev > 1 ? <p className="banner banner-warn">{t('amendNote', { rev: draft.rev })}</p> : null}
      <button
        type="button"
        className="btn"
        onClick={() => {
          update((d) => ({ ...d, stage: 'vehicle' }));
        }}
      >
        {t('editVehicle')}
      </button>
      <ol style={{ paddingLeft: 0, listStyle: 'none' }}>
        {draft.persons.map((person, i) => {
          const j = judgement.persons[i];
          return (
            <li key={i} className="card" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <strong>
                {i + 1}. {labels(`role.${person.role}`)}
              </strong>
              <span>{person.codeColor ? labels(`codeColor.${person.codeColor}`) : t('none')}</span>
              <span>{person.temperatures.map((r) => r.toFixed(1)).join(' → ') || t('none')}</span>
              <ObservationStatus person={recordedObservations(person)} />
              {j?.flags.map((f) => (
                <span key={f} className="chip chip-warn">
                  {labels(`flag.${f}`)}
                </span>
              ))}
              <span style={{ flex: 1 }} />
              <span>{j ? labels(`disposition.${j.chosen}`) : ''}</span>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  update((d) => ({
                    ...d,
                    stage: 'persons',
                    currentPerson: i,
                    persons: d.persons.map((p, k) => (k === i ? { ...p, step: 'scan', completed: false } : p)),
                  }));
                }}
              >
                {t('editPerson')}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="card">
        <strong>{t('vehicleDisposition', { disposition: labels(`disposition.${judgement.chosen}`) })}</strong>
        <DispositionPicker
          idPrefix="vehicle"
          recommended={judgement.recommended}
          chosen={judgement.chosen}
          reason={draft.vehicleOverride?.reason ?? ''}
          vehicleType={draft.vehicle.type}
          policy={policy}
          showErrors={showErrors}
          onChange={({ disposition, reason }) => {
            update((d) => ({ ...d, vehicleOverride: disposition ? { disposition, reason } : null }));
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="check-notes">{t('notes')}</label>
        <textarea
          id="check-notes"
          className="input"
          rows={2}
          maxLength={2000}
          value={draft.notes}
          onChange={(e) => {
            const notes = e.target.value;
            update((d) => ({ ...d, notes }));
          }}
        />
      </div>
      <SaveBar
        problems={showErrors ? [...(open > 0 ? [t('notAllScreened', { count: open })] : []), ...problemLines] : []}
        saveError={saveError}
        saving={saving}
        label={t('saveVehicle')}
        onPress={save}
      />
    </section>
  );
}
