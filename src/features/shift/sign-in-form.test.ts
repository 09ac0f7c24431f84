// Sign-in rules beyond what the screen tests reach: character counting and a team that vanished.
import { describe, expect, it } from 'vitest';
import { validateSignIn } from './sign-in-form.ts';

const TEAMS = ['A', 'B', 'C'];

describe('validateSignIn', () => {
  it('counts a rare name character (two UTF-16 units) as one of the 32 allowed', () => {
    const result = validateSignIn({ officerId: '017', officerName: '𠮷'.repeat(32), team: 'A' }, TEAMS);
    expect(result.ok).toBe(true);
  });

  it('treats a team no longer configured as not chosen', () => {
    const result = validateSignIn({ officerId: '017', officerName: '李明', team: 'D' }, TEAMS);
    expect(result).toEqual({ ok: false, problems: { officerId: null, officerName: null, team: 'none' } });
  });

  it('accepts letters and digits only, up to 16', () => {
    expect(validateSignIn({ officerId: 'ab12CD34ef56GH78', officerName: '李明', team: 'A' }, TEAMS).ok).toBe(true);
    const spaced = validateSignIn({ officerId: '01 7', officerName: '李明', team: 'A' }, TEAMS);
    expect(spaced.ok ? null : spaced.problems.officerId).toBe('badCharacters');
  });
});
