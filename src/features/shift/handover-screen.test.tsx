// The hand-over record as the next team reads it: kept figures, note, teams and times, the persons to follow up
// masked, a print button; and the history that reopens any hand-over of this tablet.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { db, settings, shifts } from '../../db/db-instance.ts';
import { summarizeShift } from '../../domain/shift-summary.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../../tests/support/domain/sample-checks.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { HandoverScreen } from './handover-screen.tsx';
import { ShiftHistoryScreen } from './shift-history-screen.tsx';

const START = Date.parse('2026-11-28T08:00:00+08:00');
const END = Date.parse('2026-11-29T08:00:00+08:00');

const held = samplePersonCheck({
  role: 'passenger',
  flags: ['fever'],
  disposition: 'hold',
  registration: { name: '王芳', idNumber: '430102198512120027', phone: '13812345678' },
});

async function closedShift(): Promise<void> {
  const summary = summarizeShift(
    [
      {
        check: sampleVehicleCheck(
          { id: 'c1', checkpointId: 'cp', deviceId: 'd' },
          { shiftId: 'day', persons: [samplePersonCheck(), held] },
        ),
        syncState: 'synced',
      },
      {
        check: sampleVehicleCheck({ id: 'c2', checkpointId: 'cp', deviceId: 'd' }, { shiftId: 'day' }),
        syncState: 'pending',
      },
    ],
    'day',
  );
  await shifts.start({ id: 'day', officerId: '017', officerName: '李明', team: 'A', startedAt: START, endedAt: null });
  await shifts.closeWithHandover('day', { summary, note: '测温枪需充电', receivingTeam: 'B' }, END);
}

function renderAt(path: string, element: React.ReactNode) {
  const location = memoryLocation({ path, record: true });
  render(<Router hook={location.hook}>{element}</Router>);
  return { user: userEvent.setup(), location };
}

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
  await settings.set('device', {
    checkpointId: 'cp',
    checkpointName: '娄底东收费站',
    province: '湖南',
    city: '娄底',
    timeZone: 'Asia/Shanghai',
    deviceId: 'd',
    deviceName: '3号平板',
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('HandoverScreen', () => {
  it('shows what was handed over: teams, times, officer, figures, the held person masked, the note; prints', async () => {
    await closedShift();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user } = renderAt('/shift/day/handover', <HandoverScreen id="day" />);

    const record = await screen.findByTestId('handover-screen');
    expect(within(record).getByRole('heading', { level: 1 }).textContent).toBe('娄底东收费站 交接班记录');
    expect(screen.getByTestId('handover-teams').textContent).toBe('A 班 → 接班：B');
    expect(screen.getByTestId('handover-times').textContent).toBe('2026-11-28 08:00 至 2026-11-29 08:00');
    expect(record.textContent).toContain('交班人：李明（017）');
    expect(screen.getByTestId('summary-vehicles').textContent).toBe('2');
    expect(screen.getByTestId('summary-persons').textContent).toBe('3');
    expect(screen.getByTestId('summary-flags:fever').textContent).toBe('1');
    const open = screen.getByTestId('open-person');
    expect(open.textContent).toContain('湘K12345');
    expect(open.textContent).toContain('430102********0027');
    expect(record.textContent).not.toContain('430102198512120027');
    expect(screen.getByTestId('handover-sync').textContent).toContain('本班有 1 条检查记录尚未上传');
    expect(screen.getByTestId('handover-note').textContent).toContain('测温枪需充电');
    expect(record.textContent).toContain('交班人签字');

    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('says so for a shift this tablet does not have', async () => {
    renderAt('/shift/nope/handover', <HandoverScreen id="nope" />);
    expect((await screen.findByTestId('handover-missing')).textContent).toBe('本机没有这个班次的记录。');
  });

  it('says a shift still open has no hand-over yet', async () => {
    await shifts.start({
      id: 'open',
      officerId: '017',
      officerName: '李明',
      team: 'A',
      startedAt: START,
      endedAt: null,
    });
    renderAt('/shift/open/handover', <HandoverScreen id="open" />);
    expect((await screen.findByTestId('handover-missing')).textContent).toBe('这个班次尚未交班。');
  });
});

describe('ShiftHistoryScreen', () => {
  it('lists the tablet’s shifts newest first and opens a hand-over', async () => {
    await closedShift();
    await shifts.start({
      id: 'night',
      officerId: '020',
      officerName: '赵强',
      team: 'B',
      startedAt: END,
      endedAt: null,
    });
    const { user, location } = renderAt('/shift/history', <ShiftHistoryScreen />);

    const items = await screen.findAllByTestId('shift-history-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('赵强');
    expect(items[0]!.textContent).toContain('进行中');
    expect(items[1]!.textContent).toContain('李明');
    expect(items[1]!.textContent).toContain('车辆 2');
    await user.click(within(items[1]!).getByRole('link', { name: '查看交接' }));
    expect(location.history.at(-1)).toBe('/shift/day/handover');
  });
});
