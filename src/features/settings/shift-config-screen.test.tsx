// The shift-configuration screen as a lead uses it: presets, teams, shifts, who is on duty, saving offline, sync state.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointConfig, db, settings } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { ShiftConfigScreen } from './shift-config-screen.tsx';

beforeEach(async () => {
  setLanguage('zh-CN');
  // 2 January 2026, 10:00 in Shanghai: the default rotation (anchor 1 January, 08:00) has team B on duty.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-02T10:00:00+08:00'));
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterEach(() => {
  vi.useRealTimers();
});

async function renderScreen() {
  const user = userEvent.setup();
  render(<ShiftConfigScreen />);
  await screen.findByRole('heading', { level: 1, name: '班组与班次' });
  return user;
}

const onDuty = () => screen.getAllByTestId('on-duty').map((item) => item.textContent);
const region = (name: string) => screen.getByRole('region', { name });
const teamInputs = () => within(region('班组（按轮换顺序）')).getAllByRole<HTMLInputElement>('textbox');

describe('ShiftConfigScreen', () => {
  it('starts from the default: three teams on a 24-hour rotation, who is on duty now and the next three', async () => {
    await renderScreen();
    expect(screen.getByRole('status').textContent).toBe('尚未设置：使用默认排班（三班24小时轮换）。');
    expect(teamInputs().map((input) => input.value)).toEqual(['A', 'B', 'C']);
    expect(onDuty()).toEqual([
      '现在 B 班 · 全天 · 01-02 08:00 – 01-03 08:00',
      '之后 C 班 · 全天 · 01-03 08:00 – 01-04 08:00',
      '之后 A 班 · 全天 · 01-04 08:00 – 01-05 08:00',
      '之后 B 班 · 全天 · 01-05 08:00 – 01-06 08:00',
    ]);
  });

  it('applies the morning/middle/night preset and previews it before saving', async () => {
    const user = await renderScreen();
    await user.click(screen.getByRole('button', { name: '早中晚三班' }));
    expect(onDuty()[0]).toBe('现在 A 班 · 早班 · 01-02 06:00 – 01-02 14:00');
    expect(onDuty()[2]).toBe('之后 C 班 · 夜班 · 01-02 22:00 – 01-03 06:00');
    expect(screen.getByText('有未保存的修改。')).toBeTruthy();
  });

  it('renames, reorders, adds and removes teams, and saves on the tablet as an edit waiting to sync', async () => {
    const user = await renderScreen();
    const [first] = teamInputs();
    await user.clear(first!);
    await user.type(first!, '一班');
    await user.click(screen.getByRole('button', { name: '第 3 个班组上移' }));
    await user.click(screen.getByRole('button', { name: '添加班组' }));
    await user.type(teamInputs()[3]!, 'D');
    await user.click(screen.getByRole('button', { name: '删除第 3 个班组' }));
    expect(teamInputs().map((input) => input.value)).toEqual(['一班', 'C', 'D']);
    await user.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(async () => {
      expect((await checkpointConfig.getEdit())?.body.teams).toEqual(['一班', 'C', 'D']);
    });
    expect((await checkpointConfig.getEdit())?.baseVersion).toBe(0);
    expect(await screen.findByText('已保存在本机，等待同步到服务器（需班组长在联网时解锁）。')).toBeTruthy();
  });

  it('marks what would make the configuration unusable and saves nothing', async () => {
    const user = await renderScreen();
    await user.clear(teamInputs()[1]!);
    await user.type(teamInputs()[1]!, 'a');
    await user.click(screen.getByRole('button', { name: '添加班次' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByText('与上面的班组重名。')).toBeTruthy();
    expect(screen.getByText('请填写班次名称。')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('请先改正标红的内容。');
    expect(screen.getByText('先改正上面标红的内容，才能显示值班安排。')).toBeTruthy();
    expect(await checkpointConfig.getEdit()).toBeNull();
  });

  it('refuses shifts out of start order', async () => {
    const user = await renderScreen();
    await user.click(screen.getByRole('button', { name: '早中晚三班' }));
    const middle = screen.getByLabelText('第 2 个班次的开始时间');
    // What a time picker does: sets the whole value at once.
    fireEvent.change(middle, { target: { value: '05:00' } });
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByText('开始时间须晚于上一个班次。')).toBeTruthy();
  });

  it("shows the server's version once synced, and a conflict in words until dismissed", async () => {
    await settings.set('checkpointConfig', {
      teams: ['甲', '乙'],
      shifts: [{ name: '全天', start: '08:00' }],
      rotationAnchor: '2026-01-01',
      version: 4,
      updatedAt: '2026-01-02T01:30:00.000Z',
    });
    await settings.set('checkpointConfigConflict', {
      kind: 'conflict',
      detectedAt: Date.parse('2026-01-02T02:00:00Z'),
      editedAt: Date.parse('2026-01-02T01:45:00Z'),
      serverVersion: 4,
      serverUpdatedAt: '2026-01-02T01:30:00.000Z',
      detail: null,
    });
    const user = await renderScreen();
    expect(await screen.findByText('已同步，服务器版本 4。')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(
      '另一台平板于 2026-01-02 09:30 修改了排班（服务器版本 4）；您在 2026-01-02 09:45 的修改未被采用。',
    );
    expect(teamInputs().map((input) => input.value)).toEqual(['甲', '乙']);
    await user.click(screen.getByRole('button', { name: '知道了' }));
    await waitFor(() => {
      expect(screen.queryByRole('alert')).toBeNull();
    });
  });

  it('follows a configuration synced in while untouched, and keeps unsaved edits when one arrives under them', async () => {
    const user = await renderScreen();
    const fromServer = (teams: string[], version: number) =>
      settings.set('checkpointConfig', {
        teams,
        shifts: [{ name: '全天', start: '08:00' }],
        rotationAnchor: '2026-01-01',
        version,
        updatedAt: '2026-01-02T01:30:00.000Z',
      });

    await fromServer(['甲', '乙', '丙'], 1);
    await waitFor(() => {
      expect(teamInputs().map((input) => input.value)).toEqual(['甲', '乙', '丙']);
    });
    expect(screen.queryByTestId('config-overtaken')).toBeNull();

    await user.clear(teamInputs()[0]!);
    await user.type(teamInputs()[0]!, '一班');
    await fromServer(['甲', '乙', '丙', '丁'], 2);
    expect(await screen.findByTestId('config-overtaken')).toBeTruthy();
    expect(teamInputs().map((input) => input.value)).toEqual(['一班', '乙', '丙']);

    await user.click(screen.getByRole('button', { name: '载入最新配置（放弃我的修改）' }));
    expect(teamInputs().map((input) => input.value)).toEqual(['甲', '乙', '丙', '丁']);
    expect(screen.queryByTestId('config-overtaken')).toBeNull();
  });

  it('speaks English', async () => {
    setLanguage('en');
    render(<ShiftConfigScreen />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Teams and shifts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Morning, middle, night' })).toBeTruthy();
    expect(onDuty()[0]).toBe('Now Team B · 全天 · 01-02 08:00 – 01-03 08:00');
  });
});
