// The A4 日报 as a lead signs it: the merged figures when the server answers, else this tablet's own, saying which.
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db, settings } from '../../db/db-instance.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { tallyDay } from '../../domain/tally.ts';
import { setLanguage } from '../../platform/i18n.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { ReportPrintScreen } from './report-print-screen.tsx';
import {
  TEST_ENROLLED_DEVICE as DEVICE,
  TEST_NOW_MS as NOW_MS,
  TEST_TIME_ZONE as TIME_ZONE,
} from '../../../tests/support/features/tallies/report-device.ts';

// jsdom has no canvas: the chart is drawn by a fake (bar-chart.test.tsx checks what it is given).
vi.mock(
  'chart.js',
  async () => (await import('../../../tests/support/features/tallies/report-device.ts')).fakeChartModule,
);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  window.history.replaceState(null, '', '/report/print?date=2026-11-28');
  await Promise.all(db.tables.map((table) => table.clear()));
  await settings.set('device', DEVICE);
  await checks.saveCompleted(makeVehicleCheck(), { timeZone: TIME_ZONE, now: NOW_MS });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ReportPrintScreen', () => {
  it('prints the server’s merged figures with the title, the newest data and the lines to sign', async () => {
    const merged = {
      ...tallyDay([], {
        checkpointId: DEVICE.checkpointId,
        date: '2026-11-28',
        timeZone: TIME_ZONE,
        province: '湖南',
        city: '娄底',
        generatedAt: '2026-11-28T19:59:00+08:00',
      }),
      vehicles: 120,
      persons: 251,
      devices: 3,
      newestCompletedAt: '2026-11-28T19:42:10+08:00',
    };
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(Response.json(merged)));
    render(<ReportPrintScreen fetch={fetch} />);

    expect((await screen.findByTestId('report-print-title')).textContent).toBe('娄底东收费站 卡口 2026-11-28 日报');
    expect(screen.getByTestId('report-print').getAttribute('data-source')).toBe('server');
    expect(screen.getByTestId('print:vehicles').textContent).toBe('120');
    expect(screen.getByTestId('print:persons').textContent).toBe('251');
    expect(screen.getByTestId('report-print-source').textContent).toBe(
      '数据来源：全卡口（服务器合并 3 台平板），最新数据 2026-11-28 19:42',
    );
    expect(screen.getByText('填报人：')).toBeTruthy();
    expect(screen.getByText('审核人：')).toBeTruthy();
  });

  it('prints this tablet’s own figures when the server cannot be reached, and says so', async () => {
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('Failed to fetch')));
    render(<ReportPrintScreen fetch={fetch} />);

    expect((await screen.findByTestId('report-print')).getAttribute('data-source')).toBe('local');
    expect(screen.getByTestId('print:vehicles').textContent).toBe('1');
    expect(screen.getByTestId('report-print-source').textContent).toBe(
      '数据来源：仅本机，统计于 2026-11-28 20:00。无法连接服务器：无法获取全卡口数据。下面是本机数据。',
    );
    expect(screen.getByTestId('report-print-newest').textContent).toBe('最新数据：2026-11-28 08:01');
  });
});
