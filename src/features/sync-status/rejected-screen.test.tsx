// The refused checks as an officer finds them: each with its time, plate, reason in words, and a way to the check.
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
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
