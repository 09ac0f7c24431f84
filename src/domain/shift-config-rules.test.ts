// A lead's shift configuration: accepted as the presets and the default are, refused with words that say what to fix.
import { describe, expect, it } from 'vitest';
import { SHIFT_PRESETS, checkCheckpointConfig, describeConfigProblem } from './shift-config-rules.ts';
import { DEFAULT_CHECKPOINT_CONFIG, type CheckpointConfigBody } from './shift-schedule.ts';

const config = (
  preset: Omit<CheckpointConfigBody, 'rotationAnchor'>,
  rotationAnchor = '2026-11-01',
): CheckpointConfigBody => ({
  teams: [...preset.teams],
  shifts: preset.shifts.map((slot) => ({ ...slot })),
  rotationAnchor,
});

describe('checkCheckpointConfig', () => {
  it('accepts the default and every preset', () => {
    expect(checkCheckpointConfig(DEFAULT_CHECKPOINT_CONFIG).ok).toBe(true);
    for (const preset of Object.values(SHIFT_PRESETS)) expect(checkCheckpointConfig(config(preset)).ok).toBe(true);
  });

  it('refuses team names that would read as one team, naming which', () => {
    const check = checkCheckpointConfig({ ...DEFAULT_CHECKPOINT_CONFIG, teams: ['A', 'Ａ', 'b', ' '] });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { kind: 'team', index: 1, problem: 'duplicate' },
      { kind: 'team', index: 3, problem: 'empty' },
    ]);
    expect(check.problems.map(describeConfigProblem)[0]).toBe('teams[1] repeats an earlier team.');
  });

  it('needs shifts listed in the order they start, each with its own name', () => {
    const check = checkCheckpointConfig({
      ...DEFAULT_CHECKPOINT_CONFIG,
      shifts: [
        { name: '早班', start: '06:00' },
        { name: '中班', start: '06:00' },
        { name: '早班', start: '05:00' },
      ],
    });
    expect(check.problems).toEqual([
      { kind: 'slotOrder', index: 1 },
      { kind: 'slotOrder', index: 2 },
      { kind: 'slotNameDuplicate', index: 2 },
    ]);
    expect(describeConfigProblem({ kind: 'slotOrder', index: 1 })).toMatch(/shifts\[1\] must start later/u);
  });

  it('refuses an anchor that is not a calendar day', () => {
    const check = checkCheckpointConfig({ ...DEFAULT_CHECKPOINT_CONFIG, rotationAnchor: '2026-02-30' });
    expect(check.problems).toEqual([{ kind: 'anchor' }]);
  });

  it('returns the body as it would be saved: names folded and trimmed', () => {
    const check = checkCheckpointConfig({ ...DEFAULT_CHECKPOINT_CONFIG, teams: [' 一班 ', 'Ｂ'] });
    expect(check.body.teams).toEqual(['一班', 'B']);
  });
});
