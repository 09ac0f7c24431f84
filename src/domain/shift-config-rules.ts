// The rules of a shift configuration a lead edits (what zod cannot say), their words for the API, and the presets a
// lead can start from. Apart from shift-schedule.ts: officers' screens need only the rotation, the editor these.
import { clockMinutes, type CheckpointConfigBody } from './shift-schedule.ts';
import { checkTeamList, type TeamNameProblem } from './teams.ts';

export type CheckpointConfigProblem =
  | { kind: 'team'; index: number; problem: TeamNameProblem }
  | { kind: 'noTeams' }
  /** This slot starts at or before the one above it: a day's shifts are listed in the order they start. */
  | { kind: 'slotOrder'; index: number }
  | { kind: 'slotNameDuplicate'; index: number }
  | { kind: 'slotNameEmpty'; index: number }
  | { kind: 'anchor' };

export interface CheckpointConfigCheck {
  /** The body as it would be saved: team and shift names normalised and trimmed. */
  body: CheckpointConfigBody;
  problems: CheckpointConfigProblem[];
  ok: boolean;
}

function isCalendarDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) return false;
  const epochMs = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(epochMs) && new Date(epochMs).toISOString().slice(0, 10) === date;
}

/** The rules zod cannot say: team names distinct (teams.ts), shifts starting strictly later down the list, a real anchor day. */
export function checkCheckpointConfig(input: CheckpointConfigBody): CheckpointConfigCheck {
  const teams = checkTeamList(input.teams);
  const problems: CheckpointConfigProblem[] = [];
  if (teams.empty) problems.push({ kind: 'noTeams' });
  teams.problems.forEach((problem, index) => {
    if (problem !== null) problems.push({ kind: 'team', index, problem });
  });
  const shifts = input.shifts.map((slot) => ({ name: slot.name.normalize('NFKC').trim(), start: slot.start }));
  const names = new Set<string>();
  shifts.forEach((slot, index) => {
    const previous = shifts[index - 1];
    if (previous !== undefined && clockMinutes(slot.start) <= clockMinutes(previous.start)) {
      problems.push({ kind: 'slotOrder', index });
    }
    if (slot.name === '') problems.push({ kind: 'slotNameEmpty', index });
    else if (names.has(slot.name)) problems.push({ kind: 'slotNameDuplicate', index });
    names.add(slot.name);
  });
  if (!isCalendarDay(input.rotationAnchor)) problems.push({ kind: 'anchor' });
  return {
    body: { teams: teams.names, shifts, rotationAnchor: input.rotationAnchor },
    problems,
    ok: problems.length === 0,
  };
}

const TEAM_PROBLEM_WORDS: Record<TeamNameProblem, string> = {
  empty: 'is empty',
  tooLong: 'is longer than 8 characters',
  duplicate: 'repeats an earlier team',
};

/** One English sentence per problem, for the API's 400 (the tablet shows its own catalogue's words). */
export function describeConfigProblem(problem: CheckpointConfigProblem): string {
  switch (problem.kind) {
    case 'team':
      return `teams[${problem.index}] ${TEAM_PROBLEM_WORDS[problem.problem]}.`;
    case 'noTeams':
      return 'teams must name at least one team.';
    case 'slotOrder':
      return `shifts[${problem.index}] must start later than the shift before it (list a day's shifts in the order they start).`;
    case 'slotNameDuplicate':
      return `shifts[${problem.index}] repeats the name of an earlier shift.`;
    case 'slotNameEmpty':
      return `shifts[${problem.index}] needs a name.`;
    case 'anchor':
      return 'rotationAnchor is not a calendar day (YYYY-MM-DD).';
  }
}

/** Preset shift patterns a lead can start from (the names are what officers see). */
export const SHIFT_PRESETS = {
  rotation24h: { teams: ['A', 'B', 'C'], shifts: [{ name: '全天', start: '08:00' }] },
  fourTeams: {
    teams: ['A', 'B', 'C', 'D'],
    shifts: [
      { name: '白班', start: '08:00' },
      { name: '夜班', start: '20:00' },
    ],
  },
  threeShifts: {
    teams: ['A', 'B', 'C'],
    shifts: [
      { name: '早班', start: '06:00' },
      { name: '中班', start: '14:00' },
      { name: '夜班', start: '22:00' },
    ],
  },
} as const satisfies Record<string, Omit<CheckpointConfigBody, 'rotationAnchor'>>;
export type ShiftPresetId = keyof typeof SHIFT_PRESETS;
