// The region's hand-off list as a command hands it on: persons of several checkpoints under their destination village,
// each township's part exported with its code, the whole list too, masked on screen, and all of it in English.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminScopeOf } from '../../../contract/admin-console.ts';
import { regionHandoffList, type RegionHandoffCheckpointPlace } from '../../../domain/region-handoffs.ts';
import type { Destination, VehicleCheck } from '../../../domain/vehicle-check.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../../../tests/support/domain/sample-checks.ts';
import {
  HEYE,
  HUANGHE,
  SANTANGPU,
  SHUANGFENG,
  sampleDivisionLookup,
} from '../../../../tests/support/domain/sample-divisions.ts';
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
import { RegionHandoffsScreen } from './region-handoffs-screen.tsx';

const DATE = '2026-11-28';
const NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');
const SCOPE = adminScopeOf(LOUDI_ADMIN.scope);
const ID_NUMBER = '110105194912310025';
const PHONE = '13812345678';

const place = (name: string, checkpointId: string): RegionHandoffCheckpointPlace => ({
  checkpointId,
  name,
  province: '湖南省',
  city: '娄底市',
  timezone: 'Asia/Shanghai',
  archivedAt: null,
});
const EAST = place('娄底东收费站', 'cp-east');
const NORTH = place('双峰北收费站', 'cp-north');

const destination = (county: string, township: string, village: string, codes: Partial<Destination> = {}) => ({
  province: '湖南省',
  city: '娄底市',
  county,
  township,
  village,
  ...codes,
});
const TO_HUANGHE = destination('双峰县', '三塘铺镇', '黄河村', {
  countyCode: SHUANGFENG.code,
  townshipCode: SANTANGPU.code,
  villageCode: HUANGHE.code,
});
const TO_HEYE = destination('双峰县', '荷叶镇', '', { countyCode: SHUANGFENG.code, townshipCode: HEYE.code });
// Typed by hand on an older tablet, matching no list: no codes, so no township's part of its own.
const BY_HAND = destination('新化县', '洋溪镇', '某村');

/** A check at `at`, 09:`minute` Shanghai time, with one flagged person bound for `to`. */
function check(id: string, at: RegionHandoffCheckpointPlace, minute: number, to: Destination): VehicleCheck {
  const base = sampleVehicleCheck({ id, checkpointId: at.checkpointId, deviceId: `${at.checkpointId}-tablet` });
  return {
    ...base,
    completedAt: `2026-11-28T09:${String(minute).padStart(2, '0')}:00+08:00`,
    vehicle: { ...base.vehicle, destination: to },
    persons: [
      samplePersonCheck({
        flags: ['yellow-code', 'fever'],
        disposition: 'sample-on-site',
        registration: { name: `人${id}`, idNumber: ID_NUMBER, phone: PHONE },
      }),
    ],
  };
}

// As the server sends it: the domain's region list, through JSON.
const LIST: unknown = JSON.parse(
  JSON.stringify(
    regionHandoffList(
      DATE,
      [EAST, NORTH],
      [
        check('c1', EAST, 10, TO_HUANGHE),
        check('c2', NORTH, 20, TO_HUANGHE),
        check('c3', NORTH, 30, TO_HEYE),
        check('c4', EAST, 40, BY_HAND),
      ],
      sampleDivisionLookup(),
    ),
  ),
);

function handoffServer(list: (query: URLSearchParams) => Response = () => jsonAnswer(LIST)) {
  return fakeServer(({ path, query }) => {
    if (path === '/api/v1/checkpoints') return jsonAnswer([]);
    if (path === '/api/v1/handoffs/region') return list(query);
    if (path === '/api/v1/handoffs/region.csv') return fileAnswer('\uFEFF目的地区县\r\n', 'text/csv; charset=utf-8');
    if (path === '/api/v1/handoffs/region.xlsx') return fileAnswer('PK', 'application/octet-stream');
    return undefined;
  });
}

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

describe('RegionHandoffsScreen', () => {
  it('groups two checkpoints’ persons under one village, each with its checkpoint, time and findings, masked', async () => {
    const { seen } = handoffServer();
    renderAt('/handoffs', <RegionHandoffsScreen scope={SCOPE} />);

    const village = await waitFor(() => {
      const found = screen
        .getAllByTestId('handoff-village')
        .find((section) => section.dataset['villageCode'] === HUANGHE.code);
      if (found === undefined) throw new Error('no 黄河村 yet');
      return found;
    });
    expect(seen.find((request) => request.path === '/api/v1/handoffs/region')?.query.toString()).toBe(
      'date=2026-11-28',
    );
    expect(within(village).getByRole('heading').textContent).toBe('黄河村 2 人');
    const persons = within(village).getAllByTestId('handoff-person');
    expect(persons.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      ['娄底东收费站', '09:10', '湘K12345', '黄码、体温异常', '就地采样', '人c1', '110105********0025', '138****5678'],
      ['双峰北收费站', '09:20', '湘K12345', '黄码、体温异常', '就地采样', '人c2', '110105********0025', '138****5678'],
    ]);
    expect(document.body.textContent).not.toContain(ID_NUMBER);
    expect(document.body.textContent).not.toContain(PHONE);

    // County → township → village, in pinyin: 双峰县 holds 荷叶镇 and 三塘铺镇, 新化县 its hand-typed township.
    const counties = screen.getAllByTestId('handoff-county');
    expect(counties.map((county) => within(county).getAllByRole('heading', { level: 2 })[0]?.textContent)).toEqual([
      '双峰县',
      '新化县',
    ]);
    expect(
      within(counties[0]!)
        .getAllByTestId('handoff-township')
        .map((township) => township.dataset['townshipCode']),
    ).toEqual([HEYE.code, SANTANGPU.code]);
    expect(screen.getByTestId('handoffs-total').textContent).toBe(
      '共 4 人 · 各检查站发现：娄底东收费站 2 人、双峰北收费站 2 人',
    );
  });

  it('exports each township’s part with its code, and the whole list without one', async () => {
    const user = userEvent.setup();
    const { seen } = handoffServer();
    const downloads = captureDownloads();
    renderAt('/handoffs?date=2026-11-28&city=娄底市', <RegionHandoffsScreen scope={SCOPE} />);
    await screen.findAllByTestId('handoff-township');

    await user.click(screen.getByRole('button', { name: '导出双峰县三塘铺镇的名单（CSV）' }));
    await waitFor(() => {
      expect(downloads.names).toHaveLength(1);
    });
    await user.click(screen.getByRole('button', { name: '导出双峰县荷叶镇的名单（Excel）' }));
    await waitFor(() => {
      expect(downloads.names).toHaveLength(2);
    });
    await user.click(screen.getByRole('button', { name: '导出全部名单（CSV）' }));
    await waitFor(() => {
      expect(downloads.names).toHaveLength(3);
    });

    const files = seen.filter((request) => request.path.startsWith('/api/v1/handoffs/region.'));
    expect(files.map((request) => [request.path, Object.fromEntries(request.query)])).toEqual([
      ['/api/v1/handoffs/region.csv', { date: DATE, city: '娄底市', township: SANTANGPU.code }],
      ['/api/v1/handoffs/region.xlsx', { date: DATE, city: '娄底市', township: HEYE.code }],
      ['/api/v1/handoffs/region.csv', { date: DATE, city: '娄底市' }],
    ]);
    expect(downloads.names).toEqual([
      '区域交接名单-双峰县三塘铺镇-2026-11-28.csv',
      '区域交接名单-双峰县荷叶镇-2026-11-28.xlsx',
      '区域交接名单-2026-11-28.csv',
    ]);
    // The township typed by hand has no code: it is only in the whole list.
    const byHand = screen
      .getAllByTestId('handoff-township')
      .find((township) => township.dataset['townshipCode'] === undefined);
    expect(within(byHand!).queryByRole('button')).toBeNull();
    expect(byHand?.textContent).toContain('不能单独导出');
  });

  it('says a failed export in words and keeps the list', async () => {
    const user = userEvent.setup();
    fakeServer(({ path }) => {
      if (path === '/api/v1/handoffs/region') return jsonAnswer(LIST);
      if (path === '/api/v1/handoffs/region.csv') return problemAnswer(503, 'busy');
      return jsonAnswer([]);
    });
    captureDownloads();
    renderAt('/handoffs', <RegionHandoffsScreen scope={SCOPE} />);
    await screen.findAllByTestId('handoff-township');

    await user.click(screen.getByRole('button', { name: '导出全部名单（CSV）' }));
    expect((await screen.findByRole('alert')).textContent).toBe('下载失败。服务器出错（503），请稍后再试。');
    expect(screen.getAllByTestId('handoff-person')).toHaveLength(4);
  });

  it('says in words that a city outside the scope is refused', async () => {
    handoffServer((query) =>
      query.get('city') === '长沙市' ? problemAnswer(403, "长沙市 is outside this admin's scope.") : jsonAnswer(LIST),
    );
    renderAt('/handoffs?city=长沙市', <RegionHandoffsScreen scope={SCOPE} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      "本账号无权进行此操作：长沙市 is outside this admin's scope.",
    );
  });

  it('renders completely in English: only the data stay Chinese', async () => {
    setLanguage('en');
    handoffServer();
    renderAt('/handoffs', <RegionHandoffsScreen scope={SCOPE} />);
    await screen.findAllByTestId('handoff-township');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Region's hand-off list");
    expect(screen.getByTestId('handoffs-total').textContent).toBe(
      '4 persons in all · Found at each checkpoint: 娄底东收费站: 2 persons, 双峰北收费站: 2 persons',
    );
    expect(screen.getByRole('button', { name: 'Export the list of 双峰县三塘铺镇 (CSV)' })).toBeTruthy();
    const data = [
      '娄底东收费站',
      '双峰北收费站',
      '湖南省',
      '娄底市',
      '双峰县',
      '三塘铺镇',
      '黄河村',
      '荷叶镇',
      '新化县',
      '洋溪镇',
      '某村',
      '湘K12345',
      '人c1',
      '人c2',
      '人c3',
      '人c4',
    ];
    let text = document.body.textContent;
    for (const name of data) text = text.replaceAll(name, '');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });
});
