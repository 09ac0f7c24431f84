// The hand-off list as a lead reads it: flagged persons by destination, masked, from the server (with the lead
// session's token) or this tablet.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db, divisionChunks, settings } from '../../db/db-instance.ts';
import { COUNTY_INDEX_KEY, DIVISION_DATA, townshipChunkKey, villageChunkKey } from '../../domain/division-data.ts';
import type { Destination } from '../../domain/vehicle-check.ts';
import {
  HUANGHE,
  SANTANGPU,
  SHUANGFENG,
  sampleCountyIndex,
  sampleTownships43,
  sampleVillages4313,
} from '../../../tests/support/domain/sample-divisions.ts';
import { makePersonCheck, makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { HANDOFF_CSV_HEADER } from '../../domain/handoff-csv.ts';
import type { HandoffList } from '../../domain/handoffs.ts';
import { FORMULA_PAYLOADS, asWorkbookText, neutralised } from '../../../tests/support/domain/formula-payloads.ts';
import { parseCsvBlob } from '../../../tests/support/domain/parse-csv.ts';
import { formulaCells, readXlsx, type ReadCell } from '../../../tests/support/domain/read-xlsx.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { currentLeadCredentials, setLeadCredentials } from '../../sync/lead-credentials.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { HandoffsScreen } from './handoffs-screen.tsx';
import {
  TEST_DEVICE as DEVICE,
  TEST_ENROLLED_DEVICE as ENROLLED,
  TEST_NOW_MS as NOW_MS,
  TEST_SERVER as SERVER,
  TEST_TIME_ZONE as TIME_ZONE,
  captureDownloads,
} from '../../../tests/support/features/tallies/report-device.ts';

const ID_NUMBER = '11010519491231002X';
const text = (value: string): ReadCell => ({ kind: 'text', value });
/** The lead session the PIN pad bought from the server. */
const LEAD = { token: 'lead-tok', expiresAt: NOW_MS + 15 * 60_000 };

const SERVER_LIST: HandoffList = {
  checkpointId: 'cp-hn-lou-01',
  date: '2026-11-28',
  groups: [
    {
      county: '双峰县',
      township: '三塘铺镇',
      village: '三塘村',
      persons: [
        {
          checkId: 'c-1',
          completedAt: '2026-11-28T09:30:00+08:00',
          plate: '粤B12345',
          flags: ['fever', 'no-valid-test'],
          disposition: 'fever-clinic',
          name: '李四',
          idNumber: ID_NUMBER,
          phone: '13800138000',
        },
      ],
    },
    {
      county: '涟源市',
      township: '',
      village: '',
      persons: [
        {
          checkId: 'c-2',
          completedAt: '2026-11-28T11:05:00+08:00',
          plate: null,
          flags: ['yellow-code'],
          disposition: 'push-destination',
          name: null,
          idNumber: null,
          phone: null,
        },
      ],
    },
  ],
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  setLanguage('zh-CN');
  window.history.replaceState(null, '', '/handoffs?date=2026-11-28');
  await Promise.all(db.tables.map((table) => table.clear()));
  setLeadCredentials(LEAD);
});

afterEach(() => {
  setLeadCredentials(null);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('HandoffsScreen', () => {
  it('lists the server’s flagged persons by destination with ID number and phone masked', async () => {
    await settings.set('device', ENROLLED);
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(json(SERVER_LIST)));
    render(<HandoffsScreen fetch={fetch} />);

    const groups = await screen.findAllByTestId('handoff-group');
    expect(groups.map((group) => within(group).getByRole('heading').textContent)).toEqual([
      '双峰县 › 三塘铺镇 › 三塘村 （1 人）',
      '涟源市 › （未填） › （未填） （1 人）',
    ]);
    const [first, second] = screen.getAllByTestId('handoff-person');
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['09:30', '粤B12345', '体温异常、无有效核酸', '发热门诊', '李四', '110105********002X', '138****8000']);
    expect(
      within(second!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['11:05', '无车牌', '黄码', '登记推送目的地', '未登记', '—', '—']);
    expect(document.body.textContent).not.toContain(ID_NUMBER);
    expect(document.body.textContent).not.toContain('13800138000');
    expect(screen.getByTestId('handoffs-total').textContent).toBe('共 2 人');
    expect(screen.getByTestId('handoffs-source').getAttribute('data-source')).toBe('server');
    expect(fetch.mock.calls[0]?.[0]).toBe(`${SERVER}/api/v1/handoffs?date=2026-11-28`);
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('authorization')).toBe(`Bearer ${LEAD.token}`);
  });

  it('unlocked without the server, lists this tablet’s own, says why, and asks the server nothing', async () => {
    setLeadCredentials(null);
    await settings.set('device', ENROLLED);
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(json(SERVER_LIST)));
    render(<HandoffsScreen fetch={fetch} />);
    await waitFor(() => {
      expect(screen.getByTestId('handoffs-server-state').textContent).toMatch(/未连接服务器时解锁/u);
    });
    expect((await screen.findByTestId('handoffs-source')).getAttribute('data-source')).toBe('local');
    expect(screen.getByRole('button', { name: '导出本机 CSV' })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('ends the lead session when the server no longer takes its token', async () => {
    await settings.set('device', ENROLLED);
    const fetch = vi.fn<FetchLike>(() => Promise.resolve(json({ status: 401, detail: 'expired' }, 401)));
    render(<HandoffsScreen fetch={fetch} />);
    await waitFor(() => {
      expect(currentLeadCredentials()).toBeNull();
    });
  });

  it('downloads the server’s CSV as 交接名单-<date>.csv', async () => {
    await settings.set('device', ENROLLED);
    const { names: downloads } = captureDownloads();
    const fetch = vi.fn<FetchLike>((url) =>
      Promise.resolve(
        url.includes('handoffs.csv')
          ? new Response('\uFEFF县区\r\n', { headers: { 'content-type': 'text/csv' } })
          : json(SERVER_LIST),
      ),
    );
    render(<HandoffsScreen fetch={fetch} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: '导出 CSV' }));
    await waitFor(() => {
      expect(downloads).toEqual(['交接名单-2026-11-28.csv']);
    });
  });

  it('downloads the server’s workbook as 交接名单-<date>.xlsx beside the CSV', async () => {
    await settings.set('device', ENROLLED);
    const { names: downloads } = captureDownloads();
    const fetch = vi.fn<FetchLike>((url) =>
      Promise.resolve(
        url.includes('handoffs.xlsx')
          ? new Response(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), {
              headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
            })
          : json(SERVER_LIST),
      ),
    );
    render(<HandoffsScreen fetch={fetch} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: '导出 Excel' }));
    await waitFor(() => {
      expect(downloads).toEqual(['交接名单-2026-11-28.xlsx']);
    });
    expect(fetch.mock.calls.map(([url]) => url)).toContain(`${SERVER}/api/v1/handoffs.xlsx?date=2026-11-28`);
  });

  it('offline, lists this tablet’s own flagged persons and says so', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    await checks.saveCompleted(
      makeVehicleCheck({
        completedAt: '2026-11-28T10:15:00+08:00',
        persons: [
          makePersonCheck(),
          makePersonCheck({
            role: 'passenger',
            flags: ['red-code'],
            codeColor: 'red',
            disposition: 'hand-over',
            registration: { name: '王五', idNumber: ID_NUMBER, phone: '13900139000' },
          }),
        ],
        disposition: 'hand-over',
      }),
      { timeZone: TIME_ZONE, now: NOW_MS },
    );
    const fetch = vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')));
    render(<HandoffsScreen fetch={fetch} />);

    const rows = await screen.findAllByTestId('handoff-person');
    expect(rows).toHaveLength(1);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['10:15', '湘K12345', '红码', '移交', '王五', '110105********002X', '139****9000']);
    expect(screen.getByTestId('handoffs-source').textContent).toBe('数据来源：仅本机记录。');
    expect(screen.getByTestId('handoffs-export-offline')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '导出 CSV' })).toBeNull();
    expect(fetch).not.toHaveBeenCalled();

    // The grid workers still get their file: this tablet's list, named as such, in the server's CSV layout.
    const { names: downloads, blobs } = captureDownloads();
    await userEvent.setup().click(screen.getByRole('button', { name: '导出本机 CSV' }));
    expect(downloads).toEqual(['交接名单-2026-11-28-本机.csv']);
    const csv = await parseCsvBlob(blobs[0]!);
    expect(csv[0]).toEqual([...HANDOFF_CSV_HEADER]);
    expect(csv.slice(1).map((row) => [row[3], row[4], row[5], row[7], row[8]])).toEqual([
      ['2026-11-28 10:15:00', '湘K12345', '红码', '王五', ID_NUMBER],
    ]);

    // And as the workbook, written on the tablet: the same columns, the ID number a whole text cell.
    await userEvent.setup().click(screen.getByRole('button', { name: '导出本机 Excel' }));
    await waitFor(() => {
      expect(downloads).toEqual(['交接名单-2026-11-28-本机.csv', '交接名单-2026-11-28-本机.xlsx']);
    });
    expect(blobs[1]?.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [sheet] = await readXlsx(blobs[1]!);
    expect(sheet?.name).toBe('交接名单');
    expect(sheet?.rows[0]).toEqual(HANDOFF_CSV_HEADER.map(text));
    expect(sheet?.rows[1]?.slice(3, 10)).toEqual(
      ['2026-11-28 10:15:00', '湘K12345', '红码', '移交', '王五', ID_NUMBER, '13900139000'].map(text),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('offline, lists one township for "三塘铺镇", "三塘铺" and a typo chosen from the lists, and older exact names with them', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    // The lists this tablet kept when it was last online (ADR 034).
    for (const [key, chunk] of [
      [COUNTY_INDEX_KEY, sampleCountyIndex],
      [townshipChunkKey('43'), sampleTownships43],
      [villageChunkKey('4313'), sampleVillages4313],
    ] as const) {
      await divisionChunks.put(key, DIVISION_DATA.version, chunk, NOW_MS);
    }
    const chosen = { countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code };
    const flaggedTo = async (minute: number, name: string, destination: Partial<Destination>) => {
      const base = makeVehicleCheck();
      await checks.saveCompleted(
        makeVehicleCheck({
          id: `00000000-0000-4000-8000-0000000000${String(minute).padStart(2, '0')}`,
          completedAt: `2026-11-28T10:${String(minute).padStart(2, '0')}:00+08:00`,
          vehicle: {
            ...base.vehicle,
            destination: { province: '湖南', city: '娄底', county: '', township: '', village: '', ...destination },
          },
          persons: [
            makePersonCheck({
              flags: ['yellow-code'],
              codeColor: 'yellow',
              disposition: 'turn-back',
              registration: { name, idNumber: ID_NUMBER, phone: '13900139000' },
            }),
          ],
          disposition: 'turn-back',
        }),
        { timeZone: TIME_ZONE, now: NOW_MS },
      );
    };
    await flaggedTo(11, '甲', { county: '双峰县', township: '三塘铺镇', village: '黄河村', ...chosen });
    await flaggedTo(12, '乙', { county: '双峰', township: '三塘铺', village: '黄河', ...chosen });
    await flaggedTo(13, '丙', { county: '双峰县', township: '三塘埔镇', village: '黄河村', ...chosen });
    await flaggedTo(14, '丁', { county: '双峰县', township: '三塘铺镇', village: '黄河村' }); // older free text, exact
    await flaggedTo(15, '戊', { county: '双峰县', township: '三塘铺', village: '黄河村' }); // free text, not exact
    render(<HandoffsScreen fetch={vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')))} />);

    await waitFor(() => {
      expect(
        screen.getAllByTestId('handoff-group').map((group) => within(group).getByRole('heading').textContent),
      ).toEqual(['双峰县 › 三塘铺 › 黄河村 （1 人）', '双峰县 › 三塘铺镇 › 黄河村 （4 人）']);
    });
    const names = screen
      .getAllByTestId('handoff-person')
      .map((row) => within(row).getAllByRole('cell')[4]?.textContent);
    expect(names).toEqual(['戊', '甲', '乙', '丙', '丁']);
  });

  it('offline, writes every text column a spreadsheet would run as neutralised CSV text and as text cells', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await settings.set('device', ENROLLED);
    // One flagged check per payload, each in a destination of its own, every text the list carries the payload.
    const saved = [];
    for (const [i, payload] of FORMULA_PAYLOADS.entries()) {
      const base = makeVehicleCheck();
      const check = makeVehicleCheck({
        id: `${payload}${base.id}`,
        completedAt: `2026-11-28T1${i}:00:00+08:00`,
        vehicle: {
          ...base.vehicle,
          plate: payload,
          destination: { province: '湖南', city: '娄底', county: payload, township: payload, village: payload },
        },
        persons: [
          makePersonCheck({
            flags: ['red-code'],
            codeColor: 'red',
            disposition: 'hand-over',
            registration: { name: payload, idNumber: payload, phone: payload },
          }),
        ],
        disposition: 'hand-over',
      });
      await checks.saveCompleted(check, { timeZone: TIME_ZONE, now: NOW_MS });
      saved.push({ payload, check });
    }
    render(<HandoffsScreen fetch={vi.fn<FetchLike>(() => Promise.reject(new TypeError('offline')))} />);
    expect(await screen.findAllByTestId('handoff-person')).toHaveLength(FORMULA_PAYLOADS.length);

    const { blobs } = captureDownloads();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '导出本机 CSV' }));
    await user.click(screen.getByRole('button', { name: '导出本机 Excel' }));
    await waitFor(() => {
      expect(blobs).toHaveLength(2);
    });
    const rowOf = (cells: readonly unknown[]) => Object.fromEntries(HANDOFF_CSV_HEADER.map((c, i) => [c, cells[i]]));
    const csv = (await parseCsvBlob(blobs[0]!)).slice(1).map(rowOf);
    const [sheet] = await readXlsx(blobs[1]!);
    expect(formulaCells(sheet ? [sheet] : [])).toEqual([]);
    const cells = (sheet?.rows ?? []).slice(1).map(rowOf);
    // Rows are in the list's order (by destination); find each payload's by its check's id.
    for (const { payload, check } of saved) {
      const [hostile, written] = [neutralised(payload), neutralised(check.id)];
      expect(csv.find((row) => row['检查编号'] === written)).toEqual({
        县区: hostile,
        乡镇: hostile,
        村社区: hostile,
        检查时间: expect.stringMatching(/^2026-11-28 1\d:00:00$/u) as unknown,
        车牌: hostile,
        异常: '红码',
        处置: '移交',
        姓名: hostile,
        身份证号: hostile,
        电话: hostile,
        检查编号: written,
      });
      const [value, id] = [text(asWorkbookText(payload)), text(asWorkbookText(check.id))];
      expect(cells.find((row) => JSON.stringify(row['检查编号']) === JSON.stringify(id))).toEqual({
        县区: value,
        乡镇: value,
        村社区: value,
        检查时间: { kind: 'text', value: expect.stringMatching(/^2026-11-28 1\d:00:00$/u) as unknown },
        车牌: value,
        异常: text('红码'),
        处置: text('移交'),
        姓名: value,
        身份证号: value,
        电话: value,
        检查编号: id,
      });
    }
  });

  it('goes to another day with its own day buttons, keeping the day in the address for print and back', async () => {
    await settings.set('device', DEVICE);
    await checks.saveCompleted(
      makeVehicleCheck({
        completedAt: '2026-11-27T18:40:00+08:00',
        persons: [
          makePersonCheck({
            flags: ['yellow-code'],
            codeColor: 'yellow',
            disposition: 'hand-over',
            registration: { name: '赵六', idNumber: ID_NUMBER, phone: '13900139000' },
          }),
        ],
        disposition: 'hand-over',
      }),
      { timeZone: TIME_ZONE, now: NOW_MS },
    );
    render(<HandoffsScreen />);
    expect((await screen.findByTestId('handoffs-none')).textContent).toBe('当天没有需要交接的人员。');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '后一天' }).disabled).toBe(true);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '前一天' }));
    const rows = await screen.findAllByTestId('handoff-person');
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toContain('赵六');
    expect(window.location.search).toBe('?date=2026-11-27');
    expect(screen.getByTestId<HTMLInputElement>('handoffs-date').value).toBe('2026-11-27');
    expect(screen.getByTestId('handoffs-print-link').getAttribute('href')).toBe('/handoffs/print?date=2026-11-27');

    await user.click(screen.getByRole('button', { name: '今天' }));
    expect(await screen.findByTestId('handoffs-none')).toBeTruthy();
    expect(window.location.search).toBe('');
  });

  it('says when nobody is to be handed off', async () => {
    await settings.set('device', DEVICE);
    render(<HandoffsScreen />);
    expect((await screen.findByTestId('handoffs-none')).textContent).toBe('当天没有需要交接的人员。');
  });

  it('speaks English when the lead does', async () => {
    setLanguage('en');
    await settings.set('device', ENROLLED);
    render(<HandoffsScreen fetch={vi.fn<FetchLike>(() => Promise.resolve(json(SERVER_LIST)))} />);
    const groups = await screen.findAllByTestId('handoff-group');
    expect(within(groups[1]!).getByRole('heading').textContent).toBe('涟源市 › (not given) › (not given) (1 person)');
    expect(
      screen
        .getAllByRole('columnheader')
        .slice(0, 7)
        .map((header) => header.textContent),
    ).toEqual(['Checked at', 'Plate', 'Findings', 'Disposition', 'Name', 'ID number', 'Phone']);
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export Excel' })).toBeTruthy();
  });
});
