// What every step of a person's screening receives from the flow screen.
import type { Policy } from '../../../domain/policy.ts';
import type { CheckDraft, PersonDraft } from '../draft/check-draft.ts';

export interface StepProps {
  draft: CheckDraft;
  index: number;
  person: PersonDraft;
  policy: Policy;
  timeZone: string;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
  /** Patches this person; `step` moves the flow on. */
  patch: (patch: Partial<PersonDraft>) => void;
}
