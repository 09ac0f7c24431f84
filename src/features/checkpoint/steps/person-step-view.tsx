// The current occupant's step (一扫 二看 三查 四验, then the decision), wired to the draft's update/patch.
import type { ReactNode } from 'react';
import type { Policy } from '../../../domain/policy.ts';
import type { DraftJudgement } from '../draft/check-builder.ts';
import { updatePerson, type CheckDraft, type DraftWithType, type PersonDraft } from '../draft/check-draft.ts';
import { CheckStep } from './check-step.tsx';
import { DecisionStep } from './decision-step.tsx';
import { LookStep } from './look-step.tsx';
import { ScanStep } from './scan-step.tsx';
import type { StepProps } from './step-props.ts';
import { VerifyStep } from './verify-step.tsx';

export interface PersonStepViewProps {
  draft: DraftWithType;
  index: number;
  person: PersonDraft;
  policy: Policy;
  timeZone: string;
  judgement: DraftJudgement;
  saving: boolean;
  saveError: string | null;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
  onSave: (draft: DraftWithType) => void;
  /** The 一扫 step; component tests without a camera put a stand-in here. */
  scanStep?: (props: StepProps) => ReactNode;
}

export function PersonStepView(props: PersonStepViewProps) {
  const { draft, index, person, policy, timeZone, judgement, saving, saveError, update, onSave, scanStep } = props;
  const stepProps: StepProps = {
    draft,
    index,
    person,
    policy,
    timeZone,
    update,
    patch: (patch: Partial<PersonDraft>) => {
      update((d) => updatePerson(d, index, patch));
    },
  };
  switch (person.step) {
    case 'scan':
      return scanStep ? scanStep(stepProps) : <ScanStep {...stepProps} />;
    case 'look':
      return <LookStep {...stepProps} />;
    case 'check':
      return <CheckStep {...stepProps} />;
    case 'verify':
      return <VerifyStep {...stepProps} />;
    case 'decision':
      return (
        <DecisionStep {...stepProps} judgement={judgement} saving={saving} saveError={saveError} onSave={onSave} />
      );
  }
}
