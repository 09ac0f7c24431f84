// What every step of a person's screening receives from the flow screen.
import type { Policy } from '../../../domain/policy.ts';
import type { CheckDraft, DraftWithType, PersonDraft } from '../draft/check-draft.ts';

export interface StepProps {
  /** The persons' steps open only once the vehicle type is tapped. */
  draft: DraftWithType;
  index: number;
  person: PersonDraft;
  policy: Policy;
  timeZone: string;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
  /** Patches this person; `step` moves the flow on. */
  patch: (patch: Partial<PersonDraft>) => void;
}
