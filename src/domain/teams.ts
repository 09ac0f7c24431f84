// Teams (班组) of a checkpoint: the default set, and what makes a list of team names valid.

/** What a checkpoint runs until someone configures its own teams (docs/domain.md: three teams on rotation). */
export const DEFAULT_TEAMS: readonly string[] = ['A', 'B', 'C'];

/** Team names show on a chip in the header and in tally columns: keep them short. */
export const TEAM_NAME_MAX_CHARS = 8;

export type TeamNameProblem = 'empty' | 'tooLong' | 'duplicate';

export interface TeamListCheck {
  /** The names as they would be saved: trimmed, full-width letters and digits folded (NFKC). */
  names: string[];
  /** One entry per name, null when that name is fine. */
  problems: (TeamNameProblem | null)[];
  /** A checkpoint needs at least one team to sign in to. */
  empty: boolean;
  ok: boolean;
}

/** The configured teams, or the defaults when none are stored yet. */
export function teamsOrDefault(stored: readonly string[] | null | undefined): readonly string[] {
  return stored && stored.length > 0 ? stored : DEFAULT_TEAMS;
}

/** Chinese input methods can type full-width "Ａ" or "１"; records must not split one team into two. */
export function normalizeTeamName(name: string): string {
  return name.normalize('NFKC').trim();
}

const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** Counts what a person sees as characters: a rare name character is two UTF-16 units but one character. */
export function visibleLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

export function checkTeamList(input: readonly string[]): TeamListCheck {
  const names = input.map(normalizeTeamName);
  const seen = new Set<string>();
  const problems = names.map((name): TeamNameProblem | null => {
    if (name === '') return 'empty';
    if (visibleLength(name) > TEAM_NAME_MAX_CHARS) return 'tooLong';
    // "a" and "A" would read as the same team on a report.
    const key = name.toUpperCase();
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
    return null;
  });
  const empty = names.length === 0;
  return { names, problems, empty, ok: !empty && problems.every((problem) => problem === null) };
}
