// What still stops a person's screening from being completed, as message keys.
import type { PersonJudgement, RegistrationProblem } from './check-builder.ts';
import { registrationProblems } from './check-builder.ts';
import type { CheckDraft, PersonDraft } from './check-draft.ts';

export type PersonProblem = `reg_${RegistrationProblem}` | 'overrideReasonMissing';

export function personProblems(draft: CheckDraft, person: PersonDraft, judgement: PersonJudgement): PersonProblem[] {
  const problems: PersonProblem[] = [];
  if (judgement.flags.length > 0) {
    for (const problem of registrationProblems(draft, person)) problems.push(`reg_${problem}`);
  }
  if (judgement.chosen !== judgement.recommended && person.overrideReason.trim() === '') {
    problems.push('overrideReasonMissing');
  }
  return problems;
}

/** The next person still to screen after `from`, wrapping round; null when all are done. */
export function nextUnscreened(draft: CheckDraft, from: number): number | null {
  const n = draft.persons.length;
  for (let step = 1; step <= n; step += 1) {
    const i = (from + step) % n;
    if (!draft.persons[i]?.completed) return i;
  }
  return null;
}
