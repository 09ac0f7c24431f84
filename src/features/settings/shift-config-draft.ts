// The shift configuration as the lead edits it: rows with stable keys, each edit as a new draft, and which problem
// of the checked configuration belongs to which row. Pure: the form hook holds the state, the parts render it.
import type { CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import { SHIFT_PRESETS, type CheckpointConfigProblem, type ShiftPresetId } from '../../domain/shift-config-rules.ts';
import type { TeamNameProblem } from '../../domain/teams.ts';

/** The wire schema's limit on the shifts of a day (contract/checkpoint-config.ts): the add button stops there. */
export const MAX_SHIFTS_PER_DAY = 6;
/** Where a first shift starts when the list was emptied; each added one starts an hour after the last. */
const FIRST_SHIFT_START = '08:00';
const LAST_HOUR_OF_DAY = 23;

/** Rows carry a stable key so React keeps each input (and its focus) through renames, moves and removals. */
export interface TeamRow {
  key: number;
  name: string;
}
export interface ShiftRow {
  key: number;
  name: string;
  start: string;
}
export interface ShiftConfigDraft {
  teams: TeamRow[];
  shifts: ShiftRow[];
  rotationAnchor: string;
}

let nextKey = 0;
const newKey = () => (nextKey += 1);

export function toDraft(config: CheckpointConfigBody): ShiftConfigDraft {
  return {
    teams: config.teams.map((name) => ({ key: newKey(), name })),
    shifts: config.shifts.map((slot) => ({ key: newKey(), ...slot })),
    rotationAnchor: config.rotationAnchor,
  };
}

export function toBody(draft: ShiftConfigDraft): CheckpointConfigBody {
  return {
    teams: draft.teams.map((row) => row.name),
    shifts: draft.shifts.map(({ name, start }) => ({ name, start })),
    rotationAnchor: draft.rotationAnchor,
  };
}

export const sameBody = (a: CheckpointConfigBody, b: CheckpointConfigBody) => JSON.stringify(a) === JSON.stringify(b);

export const withTeamRenamed = (draft: ShiftConfigDraft, key: number, name: string): ShiftConfigDraft => ({
  ...draft,
  teams: draft.teams.map((row) => (row.key === key ? { ...row, name } : row)),
});

/** Moves the team at `from` to `to`; an index outside the list leaves the draft as it is. */
export function withTeamMoved(draft: ShiftConfigDraft, from: number, to: number): ShiftConfigDraft {
  const teams = [...draft.teams];
  const [moved] = teams.splice(from, 1);
  if (moved === undefined) return draft;
  teams.splice(to, 0, moved);
  return { ...draft, teams };
}

export const withTeamRemoved = (draft: ShiftConfigDraft, key: number): ShiftConfigDraft => ({
  ...draft,
  teams: draft.teams.filter((row) => row.key !== key),
});

export const withTeamAdded = (draft: ShiftConfigDraft): ShiftConfigDraft => ({
  ...draft,
  teams: [...draft.teams, { key: newKey(), name: '' }],
});

export const withShiftUpdated = (
  draft: ShiftConfigDraft,
  key: number,
  patch: Partial<Omit<ShiftRow, 'key'>>,
): ShiftConfigDraft => ({
  ...draft,
  shifts: draft.shifts.map((row) => (row.key === key ? { ...row, ...patch } : row)),
});

export const withShiftRemoved = (draft: ShiftConfigDraft, key: number): ShiftConfigDraft => ({
  ...draft,
  shifts: draft.shifts.filter((row) => row.key !== key),
});

/** A new shift starts an hour after the last one, so the list stays in order as added. */
export function withShiftAdded(draft: ShiftConfigDraft): ShiftConfigDraft {
  const last = draft.shifts[draft.shifts.length - 1];
  const start =
    last === undefined
      ? FIRST_SHIFT_START
      : `${String(Math.min(LAST_HOUR_OF_DAY, Number(last.start.slice(0, 2)) + 1)).padStart(2, '0')}:00`;
  return { ...draft, shifts: [...draft.shifts, { key: newKey(), name: '', start }] };
}

/** A preset replaces the teams and shifts; the rotation start the lead chose stays. */
export function withPreset(draft: ShiftConfigDraft, id: ShiftPresetId): ShiftConfigDraft {
  const preset = SHIFT_PRESETS[id];
  return toDraft({
    teams: [...preset.teams],
    shifts: preset.shifts.map((slot) => ({ ...slot })),
    rotationAnchor: draft.rotationAnchor,
  });
}

/** The problem of the team in row `index`, if any. */
export function teamProblemAt(problems: readonly CheckpointConfigProblem[], index: number): TeamNameProblem | null {
  const found = problems.find((problem) => problem.kind === 'team' && problem.index === index);
  return found?.kind === 'team' ? found.problem : null;
}

export type ShiftRowProblem = 'nameEmpty' | 'order' | 'nameDuplicate';

export interface ShiftRowProblems {
  /** The one problem said under the row: a missing name first, then the order, then a repeated name. */
  shown: ShiftRowProblem | null;
  /** The start time is out of order (marked on the time input even when a missing name is what is said). */
  startOutOfOrder: boolean;
}

export function shiftProblemsAt(problems: readonly CheckpointConfigProblem[], index: number): ShiftRowProblems {
  const at = (kind: CheckpointConfigProblem['kind']) =>
    problems.some((problem) => problem.kind === kind && 'index' in problem && problem.index === index);
  const startOutOfOrder = at('slotOrder');
  const shown = at('slotNameEmpty')
    ? 'nameEmpty'
    : startOutOfOrder
      ? 'order'
      : at('slotNameDuplicate')
        ? 'nameDuplicate'
        : null;
  return { shown, startOutOfOrder };
}
