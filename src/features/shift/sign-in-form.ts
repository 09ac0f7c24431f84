// What the sign-in form accepts: officer number, name and team, normalised the way they are saved.
import { visibleLength } from '../../domain/teams.ts';

export const OFFICER_ID_MAX_CHARS = 16;
export const OFFICER_NAME_MAX_CHARS = 32;

export type OfficerIdProblem = 'empty' | 'badCharacters' | 'tooLong';
export type OfficerNameProblem = 'empty' | 'tooLong';

export interface SignInDraft {
  officerId: string;
  officerName: string;
  team: string | null;
}

export interface SignInProblems {
  officerId: OfficerIdProblem | null;
  officerName: OfficerNameProblem | null;
  team: 'none' | null;
}

export interface Officer {
  officerId: string;
  officerName: string;
  team: string;
}

export type SignInResult = { ok: true; officer: Officer } | { ok: false; problems: SignInProblems };

const OFFICER_ID_PATTERN = /^[0-9A-Za-z]+$/u;

/** A Chinese input method in full-width mode types "１２３"; the number is still 123. */
export function normalizeOfficerId(raw: string): string {
  return raw.normalize('NFKC').trim();
}

function officerIdProblem(id: string): OfficerIdProblem | null {
  if (id === '') return 'empty';
  if (!OFFICER_ID_PATTERN.test(id)) return 'badCharacters';
  if (id.length > OFFICER_ID_MAX_CHARS) return 'tooLong';
  return null;
}

function officerNameProblem(name: string): OfficerNameProblem | null {
  if (name === '') return 'empty';
  if (visibleLength(name) > OFFICER_NAME_MAX_CHARS) return 'tooLong';
  return null;
}

/** `teams` are the buttons on screen: a team removed meanwhile counts as not chosen. */
export function validateSignIn(draft: SignInDraft, teams: readonly string[]): SignInResult {
  const officerId = normalizeOfficerId(draft.officerId);
  const officerName = draft.officerName.trim();
  const { team } = draft;
  const problems: SignInProblems = {
    officerId: officerIdProblem(officerId),
    officerName: officerNameProblem(officerName),
    team: team !== null && teams.includes(team) ? null : 'none',
  };
  if (problems.officerId === null && problems.officerName === null && team !== null && problems.team === null) {
    return { ok: true, officer: { officerId, officerName, team } };
  }
  return { ok: false, problems };
}
