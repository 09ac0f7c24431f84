// 区域日报 as a city's command reads it: every checkpoint's figures and their total from the server, the filter within
// the scope (and the server's refusal outside it, in words), the files, and the whole screen in English.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointListing } from '../../../contract/admin-console.ts';
import { adminScopeOf } from '../../../contract/admin-console.ts';
import { regionTally, type CheckpointDay } from '../../../domain/region-tally.ts';
import { tallyDay } from '../../../domain/tally.ts';
import type { VehicleCheck } from '../../../domain/vehicle-check.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../../../tests/support/domain/sample-checks.ts';
import {
  LOUDI_ADMIN,
  fakeServer,
  fileAnswer,
  jsonAnswer,
  problemAnswer,
  renderAt,
  signInAs,
  signOutAfterTest,
} from '../../../../tests/support/features/admin-console/console-harness.tsx';
import { captureDownloads } from '../../../../tests/support/features/tallies/report-device.ts';
import { ConsoleApp } from '../console-app.tsx';
import { RegionDayScreen } from './region-day-screen.tsx';

// jsdom has no canvas: the chart is drawn by a fake (src/features/tallies/bar-chart.test.tsx checks what it is given).
vi.mock(
  'chart.js',
  async () => (await import('../../../../tests/support/features/tallies/report-device.ts')).fakeChartModule,
);

const DATE = '2026-11-28';
/** The evening of that day on the command's clock. */
const NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');
const GENERATED_AT = '2026-11-28T19:59:00+08:00';
const SCOPE = adminScopeOf(LOUDI_ADMIN.scope);

let nextId = 0;
const check = (checkpointId: string, overrides?: Partial<VehicleCheck>): VehicleCheck =>
  sampleVehicleCheck({ id: `check-${++nextId}`, checkpointId, deviceId: `${checkpointId}-tablet` }, overrides);
const base = check('cp-0');

function day(checkpointId: string, name: string, checks: VehicleCheck[]): CheckpointDay {
  const context = {
    checkpointId,
    date: DATE,
    timeZone: 'Asia/Shanghai',
    province: '湖南省',
    city: '娄底市',
    generatedAt: GENERATED_AT,
  };
  return {
    checkpoint: { checkpointId, name, province: '湖南省', city: '娄底市', archivedAt: null },
    tally: tallyDay(checks, context),
  };
}

// Two checkpoints: a truck from Guangdong with a feverish driver at the east one, three cars at the north one.
const EAST = day('cp-east', '娄底东收费站', [
  check('cp-east'),
  check('cp-east', {
    completedAt: '2026-11-28T14:20:00+08:00',
    vehicle: { ...base.vehicle, type: 'truck', origin: { province: '广东省', city: '深圳市' } },
    persons: [
      samplePersonCheck({ flags: ['fever'], disposition: 'fever-clinic' }),
      samplePersonCheck({ role: 'passenger' }),
    ],
    disposition: 'fever-clinic',
  }),
]);
const NORTH = day('cp-north', '双峰北收费站', [
  check('cp-north', { completedAt: '2026-11-28T09:10:00+08:00' }),
  check('cp-north', { completedAt: '2026-11-28T09:40:00+08:00' }),
  check('cp-north', {
    completedAt: '2026-11-28T14:05:00+08:00',
    persons: [samplePersonCheck({ flags: ['yellow-code'], disposition: 'sample-on-site' })],
  }),
]);
// As the server sends it: the region's day of the domain, through JSON.
const REGION: unknown = JSON.parse(JSON.stringify(regionTally(DATE, GENERATED_AT, [EAST, NORTH])));

const listing = (id: string, name: string): CheckpointListing => ({
  id,
  name,
  province: '湖南省',
  city: '娄底市',
  timezone: 'Asia/Shanghai',
  countyCode: null,
  createdAt: '2026-11-01T08:00:00.000Z',
  archivedAt: null,
  devices: 1,
  lastSeenAt: null,
  lastSyncAt: null,
});
const CHECKPOINTS = [listing('cp-east', '娄底东收费站'), listing('cp-north', '双峰北收费站')];

function regionServer(region: (query: URLSearchParams) => Response = () => jsonAnswer(REGION)) {
  return fakeServer(({ path, query }) => {
    if (path === '/api/v1/checkpoints') return jsonAnswer(CHECKPOINTS);
    if (path === '/api/v1/tallies/region') return region(query);
    if (path === '/api/v1/tallies/region.csv')
      return fileAnswer('\uFEFF日期,2026-11-28\r\n', 'text/csv; charset=utf-8');
    if (path === '/api/v1/tallies/region.xlsx') return fileAnswer('PK', 'application/octet-stream');
    return undefined;
  });
}

/** A figure as the screen writes it ("1,234"), as a number. */
const figureOf = (cell: HTMLElement): number => Number(cell.textContent.replaceAll(',', ''));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  signInAs();
});

afterEach(() => {
  signOutAfterTest();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('RegionDayScreen', () => {
  it('shows each checkpoint with its figures, and a total that is their sum', async () => {
    const { seen } = regionServer();
    renderAt('/region', <RegionDayScreen scope={SCOPE} />);

    const rows = await screen.findAllByTestId('region-row');
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      '娄底东收费站湖南省 娄底市',
      '双峰北收费站湖南省 娄底市',
    ]);
    // Today on the command's clock, with the session's token.
    const asked = seen.find((request) => request.path === '/api/v1/tallies/region');
    expect(asked?.query.get('date')).toBe(DATE);
    expect(asked?.query.has('city')).toBe(false);
    expect(asked?.authorization).toBe(`Bearer ${LOUDI_ADMIN.token}`);

    const east = rows[0]!;
    expect(within(east).getByTestId('region-vehicles').textContent).toBe('2');
    expect(within(east).getByTestId('region-persons').textContent).toBe('3');
    expect(within(east).getByTestId('region-flagged').textContent).toBe('1');
    expect(within(east).getByTestId('region-types').textContent).toBe('小客车 1货车 1');
    expect(within(east).getByTestId('region-origins').textContent).toBe('本市 1省外 1');
    expect(within(east).getByTestId('region-flags').textContent).toBe('体温异常 1');
    expect(within(east).getByTestId('region-tablets').textContent).toBe('1');

    const total = screen.getByTestId('region-total');
    for (const figure of ['region-vehicles', 'region-persons', 'region-flagged', 'region-tablets']) {
      const sum = rows.reduce((acc, row) => acc + figureOf(within(row).getByTestId(figure)), 0);
      expect(figureOf(within(total).getByTestId(figure)), figure).toBe(sum);
    }
    expect(within(total).getByTestId('region-vehicles').textContent).toBe('5');
    expect(within(total).getByTestId('region-flagged').textContent).toBe('2');
    expect(within(total).getByTestId('region-flags').textContent).toBe('黄码 1体温异常 1');
    expect(within(total).getByTestId('region-dispositions').textContent).toContain('发热门诊 1');
    expect(screen.getByTestId('region-heading').textContent).toBe('湖南省 娄底市 2026-11-28 区域日报');

    // The hours, each checkpoint's own: 09时 has the north's two cars, 14时 a car of each.
    const hours = screen.getByTestId('region-hour-table');
    expect(within(hours).getAllByRole('row')).toHaveLength(25);
    expect(within(hours).getByRole('rowheader', { name: '09时' }).parentElement?.textContent).toBe('09时22');
    expect(within(hours).getByRole('rowheader', { name: '14时' }).parentElement?.textContent).toBe('14时23');
    await waitFor(() => {
      expect(screen.getByRole('img', { name: '每小时车辆与人员（各检查站当地时间）' })).toBeTruthy();
    });
  });

  it('says in words that a city outside the scope is refused, with the server’s reason', async () => {
    const { seen } = regionServer((query) =>
      query.get('city') === '长沙市' ? problemAnswer(403, "长沙市 is outside this admin's scope.") : jsonAnswer(REGION),
    );
    renderAt('/region?city=长沙市', <RegionDayScreen scope={SCOPE} />);

    const problem = await screen.findByRole('alert');
    expect(problem.textContent).toBe("本账号无权进行此操作：长沙市 is outside this admin's scope.");
    expect(seen.find((request) => request.path === '/api/v1/tallies/region')?.query.get('city')).toBe('长沙市');
    expect(screen.queryByTestId('region-table')).toBeNull();
    // The filter shows what was asked, beside the scope's own city.
    const city = screen.getByLabelText<HTMLSelectElement>('地市');
    expect(city.value).toBe('长沙市');
  });

  it('asks for the city and the date the admin chooses', async () => {
    const user = userEvent.setup();
    const { seen } = regionServer();
    const { location } = renderAt('/region', <RegionDayScreen scope={SCOPE} />);
    await screen.findAllByTestId('region-row');
    await waitFor(() => {
      expect(screen.getByRole('option', { name: '娄底市' })).toBeTruthy();
    });

    await user.selectOptions(screen.getByLabelText('地市'), '娄底市');
    await waitFor(() => {
      expect(
        seen
          .filter((request) => request.path === '/api/v1/tallies/region')
          .at(-1)
          ?.query.get('city'),
      ).toBe('娄底市');
    });
    expect(location.history.at(-1)).toBe('/region?date=2026-11-28&city=%E5%A8%84%E5%BA%95%E5%B8%82');
    await screen.findAllByTestId('region-row');

    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2026-11-27' } });
    await waitFor(() => {
      expect(
        seen
          .filter((request) => request.path === '/api/v1/tallies/region')
          .at(-1)
          ?.query.get('date'),
      ).toBe('2026-11-27');
    });
  });

  it('downloads the region’s day as CSV and XLSX under the server’s Chinese names', async () => {
    const user = userEvent.setup();
    const { seen } = regionServer();
    const downloads = captureDownloads();
    renderAt('/region', <RegionDayScreen scope={SCOPE} />);
    await screen.findAllByTestId('region-row');

    await user.click(screen.getByRole('button', { name: '下载 CSV' }));
    await waitFor(() => {
      expect(downloads.names).toEqual(['区域日报-2026-11-28.csv']);
    });
    await user.click(screen.getByRole('button', { name: '下载 Excel' }));
    await waitFor(() => {
      expect(downloads.names).toEqual(['区域日报-2026-11-28.csv', '区域日报-2026-11-28.xlsx']);
    });
    const files = seen.filter((request) => request.path.startsWith('/api/v1/tallies/region.'));
    expect(files.map((request) => [request.path, request.query.toString()])).toEqual([
      ['/api/v1/tallies/region.csv', 'date=2026-11-28'],
      ['/api/v1/tallies/region.xlsx', 'date=2026-11-28'],
    ]);
    expect(await downloads.blobs.at(0)?.text()).toContain('日期,2026-11-28');
  });

  it('renders completely in English: only the data stay Chinese', async () => {
    setLanguage('en');
    regionServer();
    renderAt('/region', <RegionDayScreen scope={SCOPE} />);
    await screen.findAllByTestId('region-row');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Region's day");
    expect(within(screen.getByTestId('region-total')).getByRole('rowheader').textContent).toBe('Total');
    expect(within(screen.getAllByTestId('region-row')[0]!).getByTestId('region-types').textContent).toBe(
      'Car: 1Truck: 1',
    );
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
    const data = ['娄底东收费站', '双峰北收费站', '湖南省', '娄底市'];
    let text = document.body.textContent;
    for (const name of data) text = text.replaceAll(name, '');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('the console’s routes', () => {
  it('opens 区域日报 at /admin/region and 交接名单 at /admin/handoffs', async () => {
    fakeServer(({ path }) => {
      if (path === '/api/v1/checkpoints') return jsonAnswer(CHECKPOINTS);
      if (path === '/api/v1/tallies/region') return jsonAnswer(REGION);
      if (path === '/api/v1/handoffs/region') return jsonAnswer({ date: DATE, checkpoints: [], groups: [] });
      return undefined;
    });
    window.history.pushState(null, '', '/admin/region');
    const { unmount } = render(<ConsoleApp />);
    expect(await screen.findByTestId('region-day')).toBeTruthy();
    await screen.findAllByTestId('region-row');
    unmount();

    window.history.pushState(null, '', '/admin/handoffs');
    render(<ConsoleApp />);
    expect(await screen.findByTestId('handoffs-none')).toBeTruthy();
    window.history.pushState(null, '', '/');
  });
});
