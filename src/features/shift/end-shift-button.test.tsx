// Ending a shift as an officer would: the confirmation names the unsynced checks, and only "confirm" ends it.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { checks, db, settings, shifts } from '../../db/db-instance.ts';
import { makeVehicleCheck } from '../../db/test-fixtures.ts';
import { setLanguage } from '../../lib/i18n.ts';
import { EndShiftButton } from './end-shift-button.tsx';

const STARTED_AT_MS = Date.parse('2026-11-28T08:00:00+08:00');
const SAVE_OPTIONS = { timeZone: 'Asia/Shanghai', now: STARTED_AT_MS };

async function signIn(): Promise<void> {
  await shifts.start({ id: 'shift-1', officerId: '017', officerName: '李明', team: 'B', startedAt: STARTED_AT_MS, endedAt: null });
  await settings.set('session', { officerId: '017', officerName: '李明', team: 'B', shiftId: 'shift-1', startedAt: STARTED_AT_MS });
}

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('EndShiftButton', () => {
  it('shows nothing while no officer is signed in', async () => {
    render(<EndShiftButton />);
    // Let the live query answer before asserting the absence.
    await act(() => settings.get('session'));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('warns how many checks are unsynced, and "back" changes nothing', async () => {
    await signIn();
    await checks.saveCompleted(makeVehicleCheck(), SAVE_OPTIONS);
    await checks.saveCompleted(makeVehicleCheck(), SAVE_OPTIONS);
    const user = userEvent.setup();
    render(<EndShiftButton />);

    await user.click(await screen.findByRole('button', { name: '结束本班' }));
    const dialog = screen.getByRole('alertdialog', { name: '结束本班？' });
    expect(await screen.findByText(/本机还有 2 条检查记录未同步/u)).toBeTruthy();
    expect(dialog.textContent).toContain('李明（017）');

    await user.click(screen.getByRole('button', { name: '返回' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await settings.get('session'))?.shiftId).toBe('shift-1');
    expect((await shifts.get('shift-1'))?.endedAt).toBeNull();
  });

  it('ends the shift and signs the officer out on confirmation', async () => {
    await signIn();
    const user = userEvent.setup();
    render(<EndShiftButton />);

    await user.click(await screen.findByRole('button', { name: '结束本班' }));
    expect(await screen.findByText('本机的检查记录已全部同步。')).toBeTruthy();
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: '确认结束' }));

    await waitFor(() => {
      expect(screen.queryByRole('button', { name: '结束本班' })).toBeNull();
    });
    expect(await settings.get('session')).toBeNull();
    expect((await shifts.get('shift-1'))?.endedAt).toBeGreaterThanOrEqual(before);
    expect(await shifts.current()).toBeUndefined();
  });

  it('counts in English', async () => {
    setLanguage('en');
    await signIn();
    await checks.saveCompleted(makeVehicleCheck(), SAVE_OPTIONS);
    const user = userEvent.setup();
    render(<EndShiftButton />);

    await user.click(await screen.findByRole('button', { name: 'End shift' }));
    expect(await screen.findByText(/^1 check on this tablet is not synced yet/u)).toBeTruthy();
  });
});
