// Signing in as an officer would: what the form refuses, and what a successful start stores.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, settings, shifts } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { SignInScreen } from './sign-in-screen.tsx';

beforeEach(async () => {
  setLanguage('zh-CN');
  // The rotation decides which team is preselected: 2 January 2026, 10:00 in Shanghai is the default rotation's
  // second day (anchor 1 January, teams A, B, C from 08:00), so team B is on duty.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-02T10:00:00+08:00'));
  // The screen reads the app's database: start every case from an empty tablet.
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterEach(() => {
  vi.useRealTimers();
});

const pressed = () => screen.getAllByRole('button', { pressed: true }).map((button) => button.textContent);

async function renderForm() {
  const user = userEvent.setup();
  render(<SignInScreen />);
  const officerId = await screen.findByLabelText('工号');
  const officerName = screen.getByLabelText('姓名');
  const start = screen.getByRole('button', { name: '开始本班' });
  return { user, officerId, officerName, start };
}

describe('SignInScreen', () => {
  it('says what is missing when started empty, and signs no one in', async () => {
    const { user, officerId, officerName, start } = await renderForm();
    await user.click(start);

    expect(screen.getByText('请填写工号。')).toBeTruthy();
    expect(screen.getByText('请填写姓名。')).toBeTruthy();
    expect(officerId.getAttribute('aria-invalid')).toBe('true');
    expect(officerName.getAttribute('aria-invalid')).toBe('true');
    // The first field to fix takes the focus, so a gloved officer need not hunt for it.
    expect(document.activeElement).toBe(officerId);
    expect(await settings.get('session')).toBeUndefined();
    expect(await shifts.current()).toBeUndefined();
  });

  it('refuses an officer number with other than digits and letters, and a name over 32 characters', async () => {
    const { user, officerId, officerName, start } = await renderForm();
    await user.type(officerId, '017-A');
    await user.type(officerName, '张'.repeat(33));
    await user.click(screen.getByRole('button', { name: 'A 班' }));
    await user.click(start);

    const idError = screen.getByText('工号只能包含数字和字母。');
    expect(officerId.getAttribute('aria-describedby')).toContain(idError.id);
    expect(screen.getByText('姓名最多 32 个字。')).toBeTruthy();
    expect(screen.queryByText('请选择班组。')).toBeNull();
    expect(await settings.get('session')).toBeUndefined();

    // Corrected input clears its message without another press.
    await user.clear(officerId);
    await user.type(officerId, '017A');
    expect(screen.queryByText('工号只能包含数字和字母。')).toBeNull();
    expect(officerId.getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses an officer number longer than 16 characters', async () => {
    const { user, officerId, start } = await renderForm();
    await user.type(officerId, '1'.repeat(17));
    await user.click(start);
    expect(screen.getByText('工号最多 16 位。')).toBeTruthy();
  });

  it('starts the shift: stores the session, an open shift row and the officer for next time', async () => {
    const { user, officerId, officerName, start } = await renderForm();
    // A Chinese input method in full-width mode types these digits.
    await user.type(officerId, '０１７');
    await user.type(officerName, ' 李明 ');
    await user.click(screen.getByRole('button', { name: 'C 班' }));
    await user.click(screen.getByRole('button', { name: 'B 班' }));
    expect(pressed()).toEqual(['B 班']);
    const before = Date.now();
    await user.click(start);

    await waitFor(async () => {
      expect(await settings.get('session')).toBeTruthy();
    });
    const session = await settings.get('session');
    expect(session).toMatchObject({ officerId: '017', officerName: '李明', team: 'B' });
    expect(session?.startedAt).toBeGreaterThanOrEqual(before);

    const shift = await shifts.get(session?.shiftId ?? '');
    expect(shift).toEqual({
      id: session?.shiftId,
      officerId: '017',
      officerName: '李明',
      team: 'B',
      startedAt: session?.startedAt,
      endedAt: null,
    });
    expect(await shifts.current()).toEqual(shift);
    expect(await settings.get('lastOfficer')).toEqual({ officerId: '017', officerName: '李明' });
  });

  it('offers teams A, B and C when the checkpoint has configured none, the one on duty preselected', async () => {
    await renderForm();
    const teams = within(screen.getByRole('group'))
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(teams).toEqual(['A 班', 'B 班', 'C 班']);
    expect(pressed()).toEqual(['B 班']);
  });

  it('lets the officer choose another team than the one on duty', async () => {
    const { user } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'A 班' }));
    expect(pressed()).toEqual(['A 班']);
  });

  it("offers the checkpoint's configured teams and preselects the team its rotation puts on duty", async () => {
    await settings.set('checkpointConfig', {
      teams: ['一班', '二班', '三班', '四班'],
      shifts: [
        { name: '白班', start: '08:00' },
        { name: '夜班', start: '20:00' },
      ],
      rotationAnchor: '2026-01-01',
      version: 3,
      updatedAt: '2025-12-30T00:00:00.000Z',
    });
    // Old names from before the configuration existed give way to the server's.
    await settings.set('teams', ['早', '中', '夜']);
    await renderForm();
    // Day 2's day shift is the third slot since the anchor: 三班.
    expect(pressed()).toEqual(['三班 班']);
    expect(within(screen.getByRole('group')).getAllByRole('button')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: '早 班' })).toBeNull();
  });

  it("uses a lead's edit not yet synced", async () => {
    await settings.set('checkpointConfigEdit', {
      body: { teams: ['甲', '乙'], shifts: [{ name: '全天', start: '08:00' }], rotationAnchor: '2026-01-01' },
      baseVersion: 0,
      editedAt: 1,
    });
    await renderForm();
    expect(pressed()).toEqual(['乙 班']);
  });

  it('keeps the teams of an older tablet until a configuration arrives from the server', async () => {
    await settings.set('teams', ['早', '中', '夜']);
    await renderForm();
    expect(screen.getByRole('button', { name: '早 班' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '夜 班' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'A 班' })).toBeNull();
  });

  it('prefills the last officer who signed in on this tablet', async () => {
    await settings.set('lastOfficer', { officerId: 'K42', officerName: '王芳' });
    const { officerId, officerName } = await renderForm();
    expect((officerId as HTMLInputElement).value).toBe('K42');
    expect((officerName as HTMLInputElement).value).toBe('王芳');
  });

  it('speaks English when the tablet is set to English', async () => {
    setLanguage('en');
    const user = userEvent.setup();
    render(<SignInScreen />);
    await screen.findByLabelText('Officer number');
    await user.click(screen.getByRole('button', { name: 'Start shift' }));
    expect(screen.getByText('Enter your officer number.')).toBeTruthy();
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Team A' })).toBeTruthy();
  });
});
