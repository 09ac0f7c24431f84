// Closing a shift with a hand-over as an officer would: the summary of this shift's checks, the unsynced warning with
// "sync now", the receiving team and a note; "back" changes nothing, confirming keeps it all with the shift.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { checks, db, settings, shifts } from '../../db/db-instance.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { samplePersonCheck } from '../../../tests/support/domain/sample-checks.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { EndShiftButton } from './end-shift-button.tsx';

// Relative to the real clock: the dialog reads the checks of every local day from the shift's start to now.
const STARTED_AT_MS = Date.now() - 2 * 3_600_000;
const SAVE_OPTIONS = { timeZone: 'Asia/Shanghai', now: STARTED_AT_MS };
const SHIFT_ID = 'shift-1';

async function signIn(): Promise<void> {
  await shifts.start({
    id: SHIFT_ID,
    officerId: '017',
    officerName: '李明',
    team: 'B',
    startedAt: STARTED_AT_MS,
    endedAt: null,
  });
  await settings.set('session', {
    officerId: '017',
    officerName: '李明',
    team: 'B',
    shiftId: SHIFT_ID,
    startedAt: STARTED_AT_MS,
  });
  await settings.set('teams', ['A', 'B', 'C']);
}

const heldPassenger = samplePersonCheck({
  role: 'passenger',
  codeColor: 'red',
  flags: ['red-code'],
  disposition: 'hold',
  registration: { name: '王芳', idNumber: '430102198512120027', phone: '13812345678' },
});

async function saveShiftChecks(): Promise<void> {
  const completedAt = new Date(Date.now() - 60_000).toISOString();
  await checks.saveCompleted(makeVehicleCheck({ shiftId: SHIFT_ID, completedAt }), SAVE_OPTIONS);
  await checks.saveCompleted(
    makeVehicleCheck({
      shiftId: SHIFT_ID,
      completedAt,
      vehicle: { ...makeVehicleCheck().vehicle, plate: '湘A77777', type: 'bus' },
      persons: [samplePersonCheck(), heldPassenger],
      disposition: 'hold',
    }),
    SAVE_OPTIONS,
  );
  // Another shift's check on the same day is not this shift's business.
  await checks.saveCompleted(makeVehicleCheck({ shiftId: 'other-shift', completedAt }), SAVE_OPTIONS);
}

function renderButton(onSyncNow: (() => Promise<void>) | null = null) {
  const location = memoryLocation({ path: '/', record: true });
  const user = userEvent.setup();
  render(
    <Router hook={location.hook}>
      <EndShiftButton onSyncNow={onSyncNow} />
    </Router>,
  );
  return { user, location };
}

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('EndShiftButton: hand over', () => {
  it('shows nothing while no officer is signed in', async () => {
    renderButton();
    await act(() => settings.get('session'));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('summarises this shift’s checks, warns of the unsynced ones with "sync now"; "back" changes nothing', async () => {
    await signIn();
    await saveShiftChecks();
    const syncNow = vi.fn(() => Promise.resolve());
    const { user } = renderButton(syncNow);

    await user.click(await screen.findByRole('button', { name: '交班' }));
    const dialog = await screen.findByRole('alertdialog', { name: '交班' });
    expect(within(dialog).getByText(/交班人：李明（017），B 班/u)).toBeTruthy();
    expect((await within(dialog).findByTestId('summary-vehicles')).textContent).toBe('2');
    expect(within(dialog).getByTestId('summary-persons').textContent).toBe('3');
    expect(within(dialog).getByTestId('summary-flags:red-code').textContent).toBe('1');
    expect(within(dialog).getByTestId('summary-types:bus').textContent).toBe('1');
    const open = within(dialog).getByTestId('open-person');
    expect(open.textContent).toContain('湘A77777');
    expect(open.textContent).toContain('留置观察');
    expect(open.textContent).toContain('430102********0027');
    expect(open.textContent).toContain('138****5678');
    expect(dialog.textContent).not.toContain('430102198512120027');
    expect(within(dialog).getByText(/本班有 2 条检查记录尚未上传/u)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: '立即同步' }));
    expect(syncNow).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: '返回' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await settings.get('session'))?.shiftId).toBe(SHIFT_ID);
    expect((await shifts.get(SHIFT_ID))?.endedAt).toBeNull();
  });

  it('keeps the summary, note and receiving team with the ended shift, signs out and opens the hand-over', async () => {
    await signIn();
    await saveShiftChecks();
    const { user, location } = renderButton();

    await user.click(await screen.findByRole('button', { name: '交班' }));
    const dialog = await screen.findByRole('alertdialog', { name: '交班' });
    await within(dialog).findByTestId('summary-vehicles');
    // The officer's own team is not offered as the receiving one.
    expect(within(dialog).queryByRole('button', { name: 'B 班' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'C 班' }));
    await user.type(within(dialog).getByLabelText('交接事项'), '留置人员王芳等待核酸结果');
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: '确认交班' }));

    await waitFor(() => {
      expect(location.history.at(-1)).toBe(`/shift/${SHIFT_ID}/handover`);
    });
    const shift = await shifts.get(SHIFT_ID);
    expect(shift?.endedAt).toBeGreaterThanOrEqual(before);
    expect(shift?.handover).toMatchObject({
      note: '留置人员王芳等待核酸结果',
      receivingTeam: 'C',
      summary: {
        shiftId: SHIFT_ID,
        vehicles: 2,
        persons: 3,
        unsynced: 2,
        openPersons: [{ plate: '湘A77777', disposition: 'hold' }],
      },
    });
    expect(await settings.get('session')).toBeNull();
    expect(screen.queryByRole('button', { name: '交班' })).toBeNull();
  });

  it('preselects the team the rotation hands over to, and keeps "none" when the officer taps it', async () => {
    await signIn();
    // One 24-hour shift from midnight, anchored yesterday in Shanghai: team B (the officer's) is on duty today, C next.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() - 86_400_000);
    await settings.set('checkpointConfig', {
      teams: ['A', 'B', 'C'],
      shifts: [{ name: '全天', start: '00:00' }],
      rotationAnchor: yesterday,
      version: 1,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    const { user } = renderButton();

    await user.click(await screen.findByRole('button', { name: '交班' }));
    const dialog = await screen.findByRole('alertdialog', { name: '交班' });
    await waitFor(() => {
      expect(within(dialog).getByRole('button', { name: 'C 班' }).getAttribute('aria-pressed')).toBe('true');
    });
    expect(within(dialog).getByRole('button', { name: '不指定' }).getAttribute('aria-pressed')).toBe('false');

    await user.click(within(dialog).getByRole('button', { name: '不指定' }));
    expect(within(dialog).getByRole('button', { name: 'C 班' }).getAttribute('aria-pressed')).toBe('false');
    await user.click(within(dialog).getByRole('button', { name: '确认交班' }));
    await waitFor(async () => {
      expect((await shifts.get(SHIFT_ID))?.handover).toMatchObject({ receivingTeam: null });
    });
  });

  it('refuses a note that is too long, in words', async () => {
    await signIn();
    const { user } = renderButton();
    await user.click(await screen.findByRole('button', { name: '交班' }));
    const dialog = await screen.findByRole('alertdialog', { name: '交班' });
    await within(dialog).findByTestId('summary-vehicles');
    await user.click(within(dialog).getByLabelText('交接事项'));
    await user.paste('很'.repeat(501));
    expect(within(dialog).getByText('交接事项最多 500 字。')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '确认交班' }).hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByText('本班检查记录已全部上传。')).toBeTruthy();
  });

  it('speaks English', async () => {
    setLanguage('en');
    await signIn();
    await saveShiftChecks();
    const { user } = renderButton();
    await user.click(await screen.findByRole('button', { name: 'Hand over' }));
    expect(await screen.findByText(/^2 checks of this shift are not uploaded yet/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hand over and close' })).toBeTruthy();
  });
});
