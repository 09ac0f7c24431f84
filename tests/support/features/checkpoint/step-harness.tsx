// A stand-in for check-flow-screen in component tests: the draft in React state, edited through the same
// update/patch, showing the step the screen would show for the current person (a stand-in replaces the camera step).
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback, useRef, useState } from 'react';
import { DEFAULT_POLICY, type Policy } from '../../../../src/domain/policy.ts';
import { judgeDraft } from '../../../../src/features/checkpoint/draft/check-builder.ts';
import {
  hasVehicleType,
  type CheckDraft,
  type DraftWithType,
  type PersonDraft,
} from '../../../../src/features/checkpoint/draft/check-draft.ts';
import { DivisionListsContext } from '../../../../src/features/checkpoint/steps/division-lists-instance.ts';
import { PersonStepView } from '../../../../src/features/checkpoint/steps/person-step-view.tsx';
import type { DivisionLists } from '../../../../src/sync/division-lists.ts';
import { COMPLETED_AT, TEST_TIME_ZONE } from './drafts.ts';
import { sampleDivisionLists } from './sample-division-lists.ts';

export interface StepHarnessOptions {
  policy?: Policy;
  timeZone?: string;
  /** The time the on-screen judgement uses (the screen uses its clock). */
  judgedAt?: string;
  onSave?: (draft: DraftWithType) => void;
  /** The destination picker's lists: the sample divisions by default. */
  divisionLists?: DivisionLists;
}

interface FlowStandInProps {
  initial: DraftWithType;
  policy: Policy;
  timeZone: string;
  judgedAt: string;
  onDraft: (draft: CheckDraft) => void;
  onSave: (draft: DraftWithType) => void;
}

function FlowStandIn({ initial, policy, timeZone, judgedAt, onDraft, onSave }: FlowStandInProps) {
  const current = useRef<CheckDraft>(initial);
  const [draft, setDraft] = useState<CheckDraft>(initial);
  // Like useCheckDraft: every edit applies to the latest draft at once, in the order made.
  const update = useCallback(
    (edit: (d: CheckDraft) => CheckDraft) => {
      const next = edit(current.current);
      if (next === current.current) return;
      current.current = next;
      onDraft(next);
      setDraft(next);
    },
    [onDraft],
  );

  const index = draft.currentPerson;
  const person = draft.persons[index];
  // As on the flow screen, a person's step shows only for a draft whose vehicle type was tapped.
  if (!person || !hasVehicleType(draft)) return <p data-testid="no-person" />;
  return (
    <PersonStepView
      draft={draft}
      index={index}
      person={person}
      policy={policy}
      timeZone={timeZone}
      judgement={judgeDraft(draft, policy, draft.completedAt ?? judgedAt)}
      saving={false}
      saveError={null}
      update={update}
      onSave={onSave}
      scanStep={() => <p data-testid="scan-step">{index}</p>}
    />
  );
}

/** Renders the current person's step of `initial`; `draft()` is the draft after the officer's taps. */
export function renderFlowStep(initial: DraftWithType, options: StepHarnessOptions = {}) {
  let latest: CheckDraft = initial;
  const user = userEvent.setup();
  render(
    <DivisionListsContext value={options.divisionLists ?? sampleDivisionLists()}>
      <FlowStandIn
        initial={initial}
        policy={options.policy ?? DEFAULT_POLICY}
        timeZone={options.timeZone ?? TEST_TIME_ZONE}
        judgedAt={options.judgedAt ?? COMPLETED_AT}
        onDraft={(next) => {
          latest = next;
        }}
        onSave={options.onSave ?? (() => undefined)}
      />
    </DivisionListsContext>,
  );
  const draft = () => latest;
  const person = (index = 0): PersonDraft => {
    const found = latest.persons[index];
    if (!found) throw new Error(`no person ${index}`);
    return found;
  };
  return { user, draft, person };
}
