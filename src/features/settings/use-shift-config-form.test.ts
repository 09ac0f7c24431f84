// The shift-configuration form as a lead meets it: problems marked only once a save is tried, a save refused while
// anything is wrong, names saved as they will show, a full tablet, a configuration that arrives under the form, and
// an edit the server did not take (another tablet saved first).
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import { checkpointConfig, db, settings } from '../../db/db-instance.ts';
import type { ConfigConflict } from '../../db/settings-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { DEFAULT_CHECKPOINT_CONFIG } from '../../domain/shift-schedule.ts';
import type { CheckpointConfigView } from '../../db/use-checkpoint-config.ts';
import { useShiftConfigForm, type ShiftConfigFormOptions } from './use-shift-config-form.ts';

const SAVED_AT_MS = Date.parse('2026-01-02T10:00:00+08:00');

const { teams, shifts, rotationAnchor } = DEFAULT_CHECKPOINT_CONFIG;
const DEFAULT_BODY: CheckpointConfigBody = { teams, shifts, rotationAnchor };

const viewOf = (config: CheckpointConfigBody, more: Partial<CheckpointConfigView> = {}): CheckpointConfigView => ({
  config,
  serverVersion: 0,
  pendingEdit: null,
  conflict: null,
  ...more,
});

function renderForm(view: CheckpointConfigView, options: ShiftConfigFormOptions = { now: () => SAVED_AT_MS }) {
  return renderHook(({ current }) => useShiftConfigForm(current, options), { initialProps: { current: view } });
}

const teamNames = (form: { draft: { teams: { name: string }[] } }) => form.draft.teams.map((row) => row.name);

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('useShiftConfigForm: problems and saving', () => {
  it('marks nothing while the lead types, refuses a save with a repeated team, and stores nothing', async () => {
    const { result } = renderForm(viewOf(DEFAULT_BODY));
    const second = result.current.draft.teams[1]!;
    act(() => {
      result.current.renameTeam(second.key, 'a');
    });
    expect(result.current.dirty).toBe(true);
    expect(result.current.problems).toEqual([]);

    await act(() => result.current.save());
    expect(result.current.refused).toBe(true);
    expect(result.current.problems).toEqual([{ kind: 'team', index: 1, problem: 'duplicate' }]);
    expect(await checkpointConfig.getEdit()).toBeNull();

    // Once tried, the marks follow the edits.
    act(() => {
      result.current.renameTeam(second.key, '乙');
    });
    expect(result.current.problems).toEqual([]);
    expect(result.current.refused).toBe(false);
  });

  it('refuses shifts out of start order', async () => {
    const { result } = renderForm(viewOf(DEFAULT_BODY));
    act(() => {
      result.current.applyPreset('threeShifts');
    });
    act(() => {
      result.current.updateShift(result.current.draft.shifts[1]!.key, { start: '05:00' });
    });
    await act(() => result.current.save());
    expect(result.current.problems).toContainEqual({ kind: 'slotOrder', index: 1 });
    expect(await checkpointConfig.getEdit()).toBeNull();
  });

  it('saves on the tablet what will show: names trimmed, full-width letters folded, based on the server version held', async () => {
    await settings.set('checkpointConfig', { ...DEFAULT_BODY, version: 3, updatedAt: '2026-01-01T00:00:00.000Z' });
    const { result } = renderForm(viewOf(DEFAULT_BODY, { serverVersion: 3 }));
    act(() => {
      result.current.addTeam();
    });
    act(() => {
      result.current.renameTeam(result.current.draft.teams[3]!.key, ' Ｄ ');
    });
    await act(() => result.current.save());

    expect(result.current.saveError).toBeNull();
    expect(result.current.attempted).toBe(false);
    expect(await checkpointConfig.getEdit()).toEqual({
      body: { ...DEFAULT_BODY, teams: ['A', 'B', 'C', 'D'] },
      baseVersion: 3,
      editedAt: SAVED_AT_MS,
    });
  });

  it('says the tablet is full, keeps the draft, and clears the message at the next edit', async () => {
    const full: ShiftConfigFormOptions = {
      store: { saveEdit: () => Promise.reject(new StorageFullError()), dismissConflict: () => Promise.resolve() },
    };
    const { result } = renderForm(viewOf(DEFAULT_BODY), full);
    act(() => {
      result.current.applyPreset('fourTeams');
    });
    await act(() => result.current.save());
    expect(result.current.saveError).toBe('storageFull');
    expect(result.current.saving).toBe(false);
    expect(teamNames(result.current)).toEqual(['A', 'B', 'C', 'D']);

    act(() => {
      result.current.setRotationAnchor('2026-02-01');
    });
    expect(result.current.saveError).toBeNull();
  });

  it('undoes back to the configuration the tablet follows', async () => {
    const { result } = renderForm(viewOf(DEFAULT_BODY));
    act(() => {
      result.current.removeTeam(result.current.draft.teams[0]!.key);
    });
    await act(() => result.current.save());
    act(() => {
      result.current.undo();
    });
    expect(teamNames(result.current)).toEqual(['A', 'B', 'C']);
    expect(result.current.dirty).toBe(false);
    expect(result.current.attempted).toBe(false);
  });

  it('adds each shift an hour after the last one, keeps the rotation start through a preset', () => {
    const { result } = renderForm(viewOf({ ...DEFAULT_BODY, rotationAnchor: '2026-03-01' }));
    act(() => {
      result.current.applyPreset('threeShifts');
    });
    act(() => {
      result.current.addShift();
    });
    expect(result.current.draft.shifts.map((row) => row.start)).toEqual(['06:00', '14:00', '22:00', '23:00']);
    expect(result.current.draft.rotationAnchor).toBe('2026-03-01');
  });
});

describe('useShiftConfigForm: a configuration arriving under the form', () => {
  const fromServer: CheckpointConfigBody = { ...DEFAULT_BODY, teams: ['甲', '乙', '丙'] };

  it('follows it while untouched', () => {
    const { result, rerender } = renderForm(viewOf(DEFAULT_BODY));
    rerender({ current: viewOf(fromServer, { serverVersion: 1 }) });
    expect(teamNames(result.current)).toEqual(['甲', '乙', '丙']);
    expect(result.current.overtaken).toBe(false);
  });

  it('keeps unsaved edits and says so; the lead may load the newest or save over it', async () => {
    const { result, rerender } = renderForm(viewOf(DEFAULT_BODY));
    act(() => {
      result.current.renameTeam(result.current.draft.teams[0]!.key, '一班');
    });
    rerender({ current: viewOf(fromServer, { serverVersion: 1 }) });
    expect(teamNames(result.current)).toEqual(['一班', 'B', 'C']);
    expect(result.current.overtaken).toBe(true);

    await act(() => result.current.save());
    expect((await checkpointConfig.getEdit())?.body.teams).toEqual(['一班', 'B', 'C']);
    expect(result.current.overtaken).toBe(false);
  });

  it('loads the newest configuration when asked, dropping the edits', () => {
    const { result, rerender } = renderForm(viewOf(DEFAULT_BODY));
    act(() => {
      result.current.renameTeam(result.current.draft.teams[0]!.key, '一班');
    });
    rerender({ current: viewOf(fromServer, { serverVersion: 1 }) });
    act(() => {
      result.current.loadLatest();
    });
    expect(teamNames(result.current)).toEqual(['甲', '乙', '丙']);
    expect(result.current.overtaken).toBe(false);
    expect(result.current.dirty).toBe(false);
  });

  it("after a version conflict shows the server's configuration instead of the edit it refused, until the lead dismisses it", async () => {
    const edited: CheckpointConfigBody = { ...DEFAULT_BODY, teams: ['一班', '二班'] };
    const pending = { body: edited, baseVersion: 1, editedAt: SAVED_AT_MS };
    const { result, rerender } = renderForm(viewOf(edited, { serverVersion: 1, pendingEdit: pending }));
    expect(result.current.dirty).toBe(false);

    // Another tablet saved version 2 first: the server answered 409 and the tablet took its configuration.
    const conflict: ConfigConflict = {
      kind: 'conflict',
      detectedAt: SAVED_AT_MS + 60_000,
      editedAt: SAVED_AT_MS,
      serverVersion: 2,
      serverUpdatedAt: '2026-01-02T01:59:00.000Z',
      detail: null,
    };
    await settings.set('checkpointConfigConflict', conflict);
    rerender({ current: viewOf(fromServer, { serverVersion: 2, conflict }) });
    expect(teamNames(result.current)).toEqual(['甲', '乙', '丙']);
    expect(result.current.overtaken).toBe(false);
    expect(result.current.dirty).toBe(false);

    await act(() => result.current.dismissConflict());
    expect(await settings.get('checkpointConfigConflict')).toBeNull();
  });
});
