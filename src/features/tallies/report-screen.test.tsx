// The day's report as a shift lead reads it: this tablet's figures from its own store, the checkpoint's from the server.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db, settings } from '../../db/db-instance.ts';
import { makePersonCheck, makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { tallyDay, type DailyTally } from '../../domain/tally.ts';
import { FORMULA_PAYLOADS, neutralised } from '../../../tests/support/domain/formula-payloads.ts';
import { parseCsvBlob } from '../../../tests/support/domain/parse-csv.ts';
import { setLanguage } from '../../platform/i18n.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { ReportScreen } from './report-screen.tsx';
import {
  TEST_DEVICE as DEVICE,
  TEST_ENROLLED_DEVICE as ENROLLED,
  TEST_NOW_MS as NOW_MS,
  TEST_SERVER as SERVER,
  TEST_TIME_ZONE as TIME_ZONE,
  captureDownloads,
} from '../../../tests/support/features/tallies/report-device.ts';

// jsdom has no canvas: the charts are drawn by a fake (bar-chart.test.tsx checks what they are given).
vi.mock(
  'chart.js',
  async () => (await import('../../../tests/support/features/tallies/report-device.ts')).fakeChartModule,
);

function serverTally(overrides: Partial<DailyTally>): DailyTally {
  const empty = tallyDay([], {
    checkpointId: DEVICE.checkpointId,
    date: '2026-11-28',
    timeZone: TIME_ZONE,
    province: DEVICE.province,
    city: DEVICE.city,
    generatedAt: '2026-11-28T19:59:00+08:00',
  });
  return { ...empty, ...overrides };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function figure(cell: string): string | null {
  return screen.getByTestId(cell).textContent;
}

async function storeDay(): Promise<void> {
  const save = (check: ReturnType<typeof makeVehicleCheck>) =>
    checks.saveCompleted(check, { timeZone: TIME_ZONE, now: NOW_MS });
  // A local car, one released driver, 08:01.
  await save(makeVehicleCheck());
  // A truck from Guangdong with a feverish passenger, team B, 09:30.
  await save(
    makeVehicleCheck({
      team: 'B',
      completedAt: '2026-11-28T09:30:00+08:00',
      vehicle: { ...makeVehicleCheck().vehicle, type: 'truck', origin: { province: '广东', city: '深圳' } },
      persons: [
        makePersonCheck(),
        makePersonCheck({ role: 'passenger', flags: ['fever'], disposition: 'fever-clinic' }),
      ],
      disposition: 'fever-clinic',
    }),
  );
  // The day before: not in today's report.
  await save(
    makeVehicleCheck({
      completedAt: '2026-11-27T22:00:00+08:00',
      vehicle: { ...makeVehicleCheck().vehicle, origin: { province: '湖南', city: '长沙' } },
    }),
  );
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ReportScreen: this tablet', () => {
  it('counts today’s stored checks offline, by type, origin, flag, disposition, hour and team', async () => {
    await settings.set('device', DEVICE);
    await storeDay();
    render(<ReportScreen />);

    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    expect(figure('local:persons')).toBe('3');
    expect(figure('local:devices')).toBe('1');
    expect(figure('local:vehicleType.car')).toBe('1');
    expect(figure('local:vehicleType.truck')).toBe('1');
    expect(figure('local:origin.local')).toBe('1');
    expect(figure('local:origin.out-of-province')).toBe('1');
    expect(figure('local:origin.in-province')).toBe('0');
    expect(figure('local:flag.fever')).toBe('1');
    expect(figure('local:flag.red-code')).toBe('0');
    expect(figure('local:personDispositions.release')).toBe('2');
    expect(figure('local:personDispositions.fever-clinic')).toBe('1');
    expect(figure('local:vehicleDispositions.fever-clinic')).toBe('1');
    expect(figure('local:hour.8')).toBe('1 / 1');
    expect(figure('local:hour.9')).toBe('1 / 2');
    expect(figure('local:hour.10')).toBe('0 / 0');
    expect(figure('local:team.A')).toBe('1 / 1');
    expect(figure('local:team.B')).toBe('1 / 2');
    expect(screen.getByText('红码')).toBeTruthy();
    expect(screen.getByTestId('report-local-note').textContent).toContain('2026-11-28 20:00');

    // Not enrolled: no server column, no export, and it says why.
    expect(screen.getByTestId('report-server-state').textContent).toBe('本机未登记服务器：只有本机数据。');
    expect(screen.queryByTestId('server:vehicles')).toBeNull();
    expect(screen.queryByRole('button', { name: '导出 CSV' })).toBeNull();
  });

  it('goes back to an earlier day, but never past today', async () => {
    await settings.set('device', DEVICE);
    await storeDay();
    render(<ReportScreen />);
    const user = userEvent.setup();
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    const dateInput = screen.getByTestId<HTMLInputElement>('report-date');
    expect(dateInput.value).toBe('2026-11-28');
    expect(dateInput.max).toBe('2026-11-28');
    expect(screen.getByRole('button', { name: '后一天' }).hasAttribute('disabled')).toBe(true);

    await user.click(screen.getByRole('button', { name: '前一天' }));
    expect(dateInput.value).toBe('2026-11-27');
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('1');
    });
    expect(figure('local:origin.in-province')).toBe('1');
    expect(figure('local:hour.22')).toBe('1 / 1');

    await user.click(screen.getByRole('button', { name: '今天' }));
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
  });
});

describe('ReportScreen: the whole checkpoint', () => {
  it('shows the server’s merged figures beside the tablet’s, with the newest data and when they were fetched', async () => {
    await settings.set('device', ENROLLED);
    await storeDay();
    const fetch = vi.fn<FetchLike>(() =>
      Promise.resolve(
        json(
          serverTally({
            vehicles: 120,
            persons: 251,
            devices: 3,
            flags: { ...serverTally({}).flags, 'yellow-code': 8 },
            newestCompletedAt: '2026-11-28T19:42:10+08:00',
          }),
        ),
      ),
    );
    render(<ReportScreen fetch={fetch} />);

    await waitFor(() => {
      expect(figure('server:vehicles')).toBe('120');
    });
    expect(figure('server:persons')).toBe('251');
    expect(figure('server:devices')).toBe('3');
    expect(figure('server:flag.yellow-code')).toBe('8');
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    // Every table names its two columns.
    expect(screen.getAllByRole('columnheader', { name: '全卡口（服务器）' })).toHaveLength(8);
    expect(screen.getAllByRole('columnheader', { name: '本机' })).toHaveLength(8);
    expect(screen.getByTestId('report-server-note').textContent).toBe(
      '全卡口：最新数据 2026-11-28 19:42，获取于 2026-11-28 20:00',
    );
    // The charts show the merged figures when there are some.
    expect(screen.getByRole('img', { name: '每小时车辆与人员（全卡口（服务器））' })).toBeTruthy();

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${SERVER}/api/v1/tallies/daily?date=2026-11-28`);
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-secret');
  });

  it('lists the tablets whose clocks were off: name, largest skew in words, checks made meanwhile', async () => {
    await settings.set('device', ENROLLED);
    const fetch = vi.fn<FetchLike>(() =>
      Promise.resolve(
        json(
          serverTally({
            vehicles: 40,
            skewedClocks: [
              { deviceId: 'tablet-05', deviceName: '5号平板', largestSkewSeconds: 3 * 3600, checks: 12 },
              { deviceId: 'tablet-03', deviceName: '3号平板', largestSkewSeconds: -421, checks: 4 },
              { deviceId: 'tablet-x', deviceName: null, largestSkewSeconds: 300, checks: 1 },
            ],
          }),
        ),
      ),
    );
    render(<ReportScreen fetch={fetch} />);
    const section = await screen.findByRole('heading', { name: '时钟不准的平板（全卡口（服务器））' });
    const rows = () =>
      [...(section.parentElement?.querySelectorAll('tbody tr') ?? [])].map((row) =>
        [...row.children].map((cell) => cell.textContent),
      );
    expect(rows()).toEqual([
      ['5号平板', '快 3 小时', '12'],
      ['3号平板', '慢 7 分钟', '4'],
      ['未知平板 tablet-x', '快 5 分钟', '1'],
    ]);
    act(() => {
      setLanguage('en');
    });
    expect(
      screen.getByRole('heading', { name: 'Tablets whose clock was off (Whole checkpoint (server))' }),
    ).toBeTruthy();
    expect(rows()[1]).toEqual(['3号平板', '7 minutes behind', '4']);
  });

  it('lists this tablet when its own checks recorded its clock off, offline', async () => {
    await settings.set('device', DEVICE);
    await checks.saveCompleted(makeVehicleCheck({ deviceId: DEVICE.deviceId, clockSkewSeconds: -420 }), {
      timeZone: TIME_ZONE,
      now: NOW_MS,
    });
    render(<ReportScreen />);
    expect(await screen.findByTestId(`skewed-clock:${DEVICE.deviceId}`)).toBeTruthy();
    expect(screen.getByTestId(`skewed-clock:${DEVICE.deviceId}`).textContent).toBe('3号平板慢 7 分钟1');
  });

  it('says so when no tablet’s clock was off, and nothing for a server that does not say', async () => {
    await settings.set('device', ENROLLED);
    // A server from before the field: its tally has none.
    const older: Partial<DailyTally> = serverTally({ vehicles: 3 });
    delete older.skewedClocks;
    const answers = [json(serverTally({ vehicles: 2 })), json(older)];
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(answers.shift() ?? json(older)));
    const { unmount } = render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(figure('server:vehicles')).toBe('2');
    });
    expect(screen.getByTestId('tally-skewed-clocks').textContent).toContain('当天没有平板的时钟偏差超过 2 分钟。');
    unmount();
    render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(figure('server:vehicles')).toBe('3');
    });
    expect(screen.queryByTestId('tally-skewed-clocks')).toBeNull();
  });

  it('says the server cannot be reached and keeps the tablet’s own figures', async () => {
    await settings.set('device', ENROLLED);
    await storeDay();
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('Failed to fetch')));
    render(<ReportScreen fetch={fetch} />);

    await waitFor(() => {
      expect(screen.getByTestId('report-server-state').getAttribute('data-state')).toBe('failed');
    });
    expect(screen.getByTestId('report-server-state').textContent).toContain('无法连接服务器');
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    expect(screen.queryByTestId('server:vehicles')).toBeNull();
  });

  it('says so when the server answers with an error', async () => {
    await settings.set('device', ENROLLED);
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(json({ title: 'oops' }, 503)));
    render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(screen.getByTestId('report-server-state').textContent).toContain('服务器出错（503）');
    });
  });

  it('does not try the server while the tablet is offline, and says so', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    await storeDay();
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')));
    render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    expect(screen.getByTestId('report-server-state').textContent).toContain('离线');
    expect(fetch).not.toHaveBeenCalled();
    // The files are the server's: offline, the buttons give way to a note; the charts show this tablet's figures.
    expect(screen.queryByRole('button', { name: '导出 CSV' })).toBeNull();
    expect(screen.queryByRole('button', { name: '导出 Excel' })).toBeNull();
    expect(screen.getByTestId('report-export-offline').textContent).toBe(
      '离线：全卡口的 CSV 和 Excel 需要连接服务器；可先导出本机数据或打印。',
    );
    expect(screen.getByRole('img', { name: '每小时车辆与人员（本机）' })).toBeTruthy();
  });

  it('exports this tablet’s own figures offline as 日报-<date>-本机.csv, the same CSV the server writes', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    await storeDay();
    const { names: downloads, blobs } = captureDownloads();
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')));
    render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe('2');
    });
    await userEvent.setup().click(screen.getByRole('button', { name: '导出本机 CSV' }));

    expect(downloads).toEqual(['日报-2026-11-28-本机.csv']);
    expect(fetch).not.toHaveBeenCalled();
    const rows = await parseCsvBlob(blobs[0]!);
    const value = (label: string) => rows.find((row) => row[0] === label)?.[1];
    expect([value('日期'), value('车辆总数'), value('人员总数'), value('设备数'), value('体温异常')]).toEqual([
      '2026-11-28',
      '2',
      '3',
      '1',
      '1',
    ]);
  });

  it('writes a team named like a formula into this tablet’s CSV with a leading apostrophe', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    // Teams are typed at the checkpoint; each payload is one team's name here.
    for (const [i, team] of FORMULA_PAYLOADS.entries())
      await checks.saveCompleted(makeVehicleCheck({ team, completedAt: `2026-11-28T1${i}:00:00+08:00` }), {
        timeZone: TIME_ZONE,
        now: NOW_MS,
      });
    const { blobs } = captureDownloads();
    render(<ReportScreen fetch={vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')))} />);
    await waitFor(() => {
      expect(figure('local:vehicles')).toBe(String(FORMULA_PAYLOADS.length));
    });
    await userEvent.setup().click(screen.getByRole('button', { name: '导出本机 CSV' }));

    const rows = await parseCsvBlob(blobs[0]!);
    const teams = rows.slice(rows.findIndex((row) => row[0] === '班组') + 1);
    expect(new Set(teams.map((row) => row[0]))).toEqual(new Set(FORMULA_PAYLOADS.map(neutralised)));
    expect(teams.every((row) => row[1] === '1' && row[2] === '1')).toBe(true);
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/u.test(cell))).toEqual([]);
  });

  it('offers no local export while the server’s files can be had', async () => {
    await settings.set('device', ENROLLED);
    await storeDay();
    render(<ReportScreen fetch={vi.fn<FetchLike>(() => Promise.resolve(json(serverTally({ vehicles: 5 }))))} />);
    await waitFor(() => {
      expect(figure('server:vehicles')).toBe('5');
    });
    expect(screen.getByRole('button', { name: '导出 CSV' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '导出本机 CSV' })).toBeNull();
  });
});

describe('ReportScreen: CSV export', () => {
  it('downloads the server’s CSV as 日报-<date>.csv, and says when it fails', async () => {
    await settings.set('device', ENROLLED);
    const createObjectURL = vi.fn(() => 'blob:report');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.href}`);
    });
    let csvStatus = 200;
    const fetch = vi.fn<FetchLike>((url) => {
      if (url.includes('daily.csv')) {
        return Promise.resolve(
          new Response('\uFEFF日期\r\n2026-11-28\r\n', {
            status: csvStatus,
            headers: { 'content-type': 'text/csv; charset=utf-8' },
          }),
        );
      }
      return Promise.resolve(json(serverTally({})));
    });
    render(<ReportScreen fetch={fetch} />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: '导出 CSV' }));
    await waitFor(() => {
      expect(downloads).toEqual(['日报-2026-11-28.csv blob:report']);
    });
    const csvCall = fetch.mock.calls.find(([url]) => url.includes('daily.csv'));
    expect(csvCall?.[0]).toBe(`${SERVER}/api/v1/tallies/daily.csv?date=2026-11-28`);
    expect(new Headers(csvCall?.[1]?.headers).get('authorization')).toBe('Bearer tok-secret');
    expect(screen.queryByTestId('report-export-error')).toBeNull();

    csvStatus = 500;
    await user.click(screen.getByRole('button', { name: '导出 CSV' }));
    expect((await screen.findByTestId('report-export-error')).textContent).toBe('导出失败，请检查网络后重试。');
    expect(downloads).toHaveLength(1);
  });

  it('downloads the server’s XLSX as 日报-<date>.xlsx', async () => {
    await settings.set('device', ENROLLED);
    const { names: downloads } = captureDownloads();
    const fetch = vi.fn<FetchLike>((url) =>
      Promise.resolve(
        url.includes('daily.xlsx') ? new Response(new Uint8Array([0x50, 0x4b, 0x03, 0x04])) : json(serverTally({})),
      ),
    );
    render(<ReportScreen fetch={fetch} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: '导出 Excel' }));
    await waitFor(() => {
      expect(downloads).toEqual(['日报-2026-11-28.xlsx']);
    });
    expect(fetch.mock.calls.map(([url]) => url)).toContain(`${SERVER}/api/v1/tallies/daily.xlsx?date=2026-11-28`);
  });
});

describe('ReportScreen: English', () => {
  it('labels the figures in English', async () => {
    setLanguage('en');
    await settings.set('device', ENROLLED);
    await storeDay();
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(json(serverTally({ vehicles: 5 }))));
    render(<ReportScreen fetch={fetch} />);
    await waitFor(() => {
      expect(figure('server:vehicles')).toBe('5');
      expect(figure('local:vehicles')).toBe('2');
    });
    expect(screen.getByRole('heading', { name: 'Daily report' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader', { name: 'This tablet' }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('columnheader', { name: 'Whole checkpoint (server)' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('rowheader', { name: 'Out of province' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Fever' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Team B' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
  });
});
