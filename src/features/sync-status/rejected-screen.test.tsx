// The refused checks as an officer finds them: each with its time, plate, reason in words, and a way to the check; and
// the checks parked after server errors, with the server's words and a retry.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db, settings } from '../../db/db-instance.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { RejectedScreen } from './rejected-screen.tsx';

const NOW_MS = Date.parse('2026-11-28T09:00:00+08:00');

/** A saved check the server refused with these words and, when it sent one, this code. */
async function saveRejected(
  overrides: Parameters<typeof makeVehicleCheck>[0],
  reason: string,
  code: string | null,
): Promise<string> {
  const check = makeVehicleCheck(overrides);
  await checks.saveCompleted(check, { timeZone: 'Asia/Shanghai', now: NOW_MS });
  await checks.markRejected(check.id, check.rev, reason, code);
  return check.id;
}

/** A saved check the tablet parked after the server kept failing on it with these words (ADR 028). */
async function saveParked(overrides: Parameters<typeof makeVehicleCheck>[0], reason: string): Promise<string> {
  const check = makeVehicleCheck(overrides);
  await checks.saveCompleted(check, { timeZone: 'Asia/Shanghai', now: NOW_MS });
  await checks.markParked(check.id, check.rev, reason, NOW_MS + 60_000);
  return check.id;
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
  await settings.set('device', {
    checkpointId: 'cp-hn-lou-01',
    checkpointName: '娄底东收费站',
    province: '湖南',
    city: '娄底',
    timeZone: 'Asia/Shanghai',
    deviceId: 'tablet-03',
    deviceName: '3号平板',
  });
});

describe('RejectedScreen', () => {
  it('says so when the server refused nothing', async () => {
    render(<RejectedScreen />);
    expect(await screen.findByText('没有被拒收的记录。')).toBeTruthy();
  });

  it('lists each refused check, newest first, with the reason explained, the server’s words and a link to it', async () => {
    const conflict = await saveRejected(
      { completedAt: '2026-11-28T08:01:40+08:00', vehicle: { ...makeVehicleCheck().vehicle, plate: '湘K12345' } },
      'same id and rev with different content',
      'conflicting-content',
    );
    const odd = await saveRejected(
      { completedAt: '2026-11-28T08:30:00+08:00', vehicle: { ...makeVehicleCheck().vehicle, plate: null } },
      'the moon is in the wrong phase',
      'moon-phase',
    );
    // A pending check is not refused: it does not show.
    await checks.saveCompleted(makeVehicleCheck(), { timeZone: 'Asia/Shanghai', now: NOW_MS });

    render(<RejectedScreen />);
    await waitFor(() => {
      expect(screen.getAllByTestId('rejected-check')).toHaveLength(2);
    });
    expect(screen.getByTestId('rejected-count').textContent).toBe('共 2 条');
    const [first, second] = screen.getAllByTestId('rejected-check');

    expect(first!.getAttribute('data-id')).toBe(odd);
    expect(first!.textContent).toContain('2026-11-28 08:30');
    expect(first!.textContent).toContain('无号牌');
    // A code this build does not know: the reason is shown as the server wrote it.
    expect(within(first!).getByText('拒收原因：the moon is in the wrong phase')).toBeTruthy();
    expect(within(first!).getByRole('link', { name: '查看记录' }).getAttribute('href')).toBe(`/checks/${odd}`);

    expect(second!.getAttribute('data-id')).toBe(conflict);
    expect(second!.textContent).toContain('2026-11-28 08:01');
    expect(second!.textContent).toContain('湘K12345');
    expect(within(second!).getByText(/服务器上已有这条记录的同一版本，但内容不同/u)).toBeTruthy();
    expect(within(second!).getByText('服务器原文：same id and rev with different content')).toBeTruthy();
    expect(within(second!).getByRole('link', { name: '查看记录' }).getAttribute('href')).toBe(`/checks/${conflict}`);
  });

  it('explains the codes the server gives for a foreign, unknown or malformed check', async () => {
    await saveRejected(
      { completedAt: '2026-11-28T08:01:00+08:00' },
      'belongs to another checkpoint',
      'other-checkpoint',
    );
    await saveRejected(
      { completedAt: '2026-11-28T08:02:00+08:00' },
      'unknown policyVersion 9',
      'unknown-policy-version',
    );
    await saveRejected(
      { completedAt: '2026-11-28T08:03:00+08:00' },
      'invalid check: persons.0.codeColor: Invalid option',
      'invalid-check',
    );
    render(<RejectedScreen />);
    expect(await screen.findByText(/这条记录属于另一个卡口/u)).toBeTruthy();
    expect(screen.getByText(/服务器没有这条记录所用的筛查规则版本/u)).toBeTruthy();
    expect(screen.getByText(/记录内容不符合上传格式/u)).toBeTruthy();
    expect(screen.getByText('服务器原文：invalid check: persons.0.codeColor: Invalid option')).toBeTruthy();
  });

  it('goes by the code, not the words: reworded reasons are still explained, in English too', async () => {
    setLanguage('en');
    await saveRejected(
      { completedAt: '2026-11-28T08:01:00+08:00' },
      'this revision differs from the stored one',
      'conflicting-content',
    );
    render(<RejectedScreen />);
    expect(
      await screen.findByText(/^Reason: The server holds this revision of the check with different content/u),
    ).toBeTruthy();
    expect(screen.getByText('The server’s words: this revision differs from the stored one')).toBeTruthy();
  });

  it('shows the server’s words alone when it sent no code (a refusal from before codes existed)', async () => {
    await saveRejected({ completedAt: '2026-11-28T08:01:00+08:00' }, 'same id and rev with different content', null);
    render(<RejectedScreen />);
    expect(await screen.findByText('拒收原因：same id and rev with different content')).toBeTruthy();
    expect(screen.queryByText(/服务器原文/u)).toBeNull();
  });
});

describe('RejectedScreen: checks parked after server errors', () => {
  const SERVER_WORDS = 'cannot store check: value too long for column plate';

  it('shows a parked check as a server error with the server’s words, and its retry queues it again', async () => {
    const user = userEvent.setup();
    const parked = await saveParked({ completedAt: '2026-11-28T08:40:00+08:00' }, SERVER_WORDS);
    const refused = await saveRejected(
      { completedAt: '2026-11-28T08:01:00+08:00' },
      'belongs to another checkpoint',
      'other-checkpoint',
    );

    render(<RejectedScreen />);
    await waitFor(() => {
      expect(screen.getAllByTestId('rejected-check')).toHaveLength(2);
    });
    const [parkedRow, refusedRow] = screen.getAllByTestId('rejected-check');
    expect(parkedRow!.getAttribute('data-id')).toBe(parked);
    expect(within(parkedRow!).getByText(`服务器错误：${SERVER_WORDS}`)).toBeTruthy();
    expect(within(parkedRow!).getByText(/服务器修复后请点“重试”/u)).toBeTruthy();
    expect(within(parkedRow!).queryByText(/拒收原因/u)).toBeNull();
    // A refusal is not retried as it is: the officer amends it.
    expect(within(refusedRow!).queryByRole('button', { name: '重试' })).toBeNull();
    // One parked check: no "retry all".
    expect(screen.queryByTestId('rejected-retry-all')).toBeNull();

    await user.click(within(parkedRow!).getByRole('button', { name: '重试' }));

    await waitFor(() => {
      expect(screen.getAllByTestId('rejected-check').map((row) => row.getAttribute('data-id'))).toEqual([refused]);
    });
    expect(screen.getByTestId('rejected-count').textContent).toBe('共 1 条');
    expect(await checks.get(parked)).toMatchObject({ syncState: 'pending', rejectReason: null });
    expect((await checks.listPending(10)).map((row) => row.id)).toEqual([parked]);
    expect(await checks.get(refused)).toMatchObject({ syncState: 'rejected', rejectCode: 'other-checkpoint' });
  });

  it('retries every parked check at once, and leaves the refused ones', async () => {
    const user = userEvent.setup();
    const parked = [
      await saveParked({ completedAt: '2026-11-28T08:10:00+08:00' }, SERVER_WORDS),
      await saveParked({ completedAt: '2026-11-28T08:20:00+08:00' }, 'internal error'),
      await saveParked({ completedAt: '2026-11-28T08:30:00+08:00' }, SERVER_WORDS),
    ];
    const refused = await saveRejected({ completedAt: '2026-11-28T08:00:00+08:00' }, 'invalid check', 'invalid-check');

    render(<RejectedScreen />);
    await user.click(await screen.findByRole('button', { name: '全部重试（3 条）' }));

    await waitFor(() => {
      expect(screen.getAllByTestId('rejected-check').map((row) => row.getAttribute('data-id'))).toEqual([refused]);
    });
    expect(screen.queryByTestId('rejected-retry-all')).toBeNull();
    expect((await checks.listPending(10)).map((row) => row.id).sort()).toEqual([...parked].sort());
  });

  it('speaks English too', async () => {
    setLanguage('en');
    await saveParked({}, SERVER_WORDS);
    await saveParked({}, SERVER_WORDS);
    render(<RejectedScreen />);
    expect(await screen.findAllByText(`Server error: ${SERVER_WORDS}`)).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Retry all (2 checks)' })).toBeTruthy();
  });

  it('says so when the check could not be queued again, and keeps it listed', async () => {
    const user = userEvent.setup();
    const parked = await saveParked({}, SERVER_WORDS);
    vi.spyOn(checks, 'retryParked').mockRejectedValueOnce(new Error('QuotaExceededError'));

    render(<RejectedScreen />);
    await user.click(await screen.findByRole('button', { name: '重试' }));

    expect((await screen.findByRole('alert')).textContent).toBe('未能重新加入上传队列，请再试一次。');
    expect(screen.getAllByTestId('rejected-check').map((row) => row.getAttribute('data-id'))).toEqual([parked]);
    expect(await checks.countPending()).toBe(0);
  });
});
