// Team list rules: what the settings screen refuses and what it saves.
import { describe, expect, it } from 'vitest';
import { checkTeamList, DEFAULT_TEAMS, teamsOrDefault } from './teams.ts';

describe('teamsOrDefault', () => {
  it('falls back to teams A, B and C when nothing is configured', () => {
    expect(teamsOrDefault(undefined)).toEqual(['A', 'B', 'C']);
    expect(teamsOrDefault(null)).toEqual(DEFAULT_TEAMS);
    expect(teamsOrDefault([])).toEqual(DEFAULT_TEAMS);
  });

  it('keeps configured teams', () => {
    expect(teamsOrDefault(['早', '中', '夜'])).toEqual(['早', '中', '夜']);
  });
});

describe('checkTeamList', () => {
  it('accepts distinct short names and saves them trimmed, full-width folded', () => {
    const check = checkTeamList([' A ', 'Ｂ', '夜班']);
    expect(check.ok).toBe(true);
    expect(check.names).toEqual(['A', 'B', '夜班']);
  });

  it('marks empty, too long and repeated names (case and width ignored)', () => {
    const check = checkTeamList(['A', '  ', '123456789', 'a', 'Ａ']);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([null, 'empty', 'tooLong', 'duplicate', 'duplicate']);
  });

  it('counts a rare two-unit character as one', () => {
    expect(checkTeamList(['𠮷'.repeat(8)]).ok).toBe(true);
    expect(checkTeamList(['𠮷'.repeat(9)]).problems).toEqual(['tooLong']);
  });

  it('refuses an empty list', () => {
    const check = checkTeamList([]);
    expect(check.empty).toBe(true);
    expect(check.ok).toBe(false);
  });
});
