// The report client's answers: a valid tally, or an error the report screen can put in words; never an unchecked body.
import { describe, expect, it, vi } from 'vitest';
import { tallyDay } from '../domain/tally.ts';
import { fetchDailyCsv, fetchDailyTally, fetchHandoffs, fetchReportFile } from './tally-client.ts';
import {
  SyncHttpError,
  SyncNetworkError,
  SyncProtocolError,
  SyncUnauthorizedError,
  type FetchLike,
} from './transport.ts';

const REQUEST = { baseUrl: 'http://10.0.0.5:8080', token: 'tok-123', date: '2026-11-28' };
const TALLY = tallyDay([], {
  checkpointId: 'cp-1',
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: '2026-11-28T20:00:00+08:00',
});

const answering = (response: Response | Error) =>
  vi.fn<FetchLike>(() => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response)));

describe('fetchDailyTally', () => {
  it('asks for the day with the bearer token and returns the validated tally', async () => {
    const fetch = answering(Response.json({ ...TALLY, vehicles: 7 }));
    const tally = await fetchDailyTally(REQUEST, fetch);
    expect(tally.vehicles).toBe(7);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://10.0.0.5:8080/api/v1/tallies/daily?date=2026-11-28');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-123');
  });

  it('refuses an answer that is not a tally of the day asked for', async () => {
    await expect(fetchDailyTally(REQUEST, answering(Response.json({ vehicles: 7 })))).rejects.toBeInstanceOf(
      SyncProtocolError,
    );
    await expect(
      fetchDailyTally(REQUEST, answering(Response.json({ ...TALLY, date: '2026-11-27' }))),
    ).rejects.toBeInstanceOf(SyncProtocolError);
  });

  it('tells no answer, a refused token and a server error apart', async () => {
    await expect(fetchDailyTally(REQUEST, answering(new TypeError('Failed to fetch')))).rejects.toBeInstanceOf(
      SyncNetworkError,
    );
    await expect(fetchDailyTally(REQUEST, answering(new Response(null, { status: 401 })))).rejects.toBeInstanceOf(
      SyncUnauthorizedError,
    );
    const error = await fetchDailyTally(REQUEST, answering(new Response(null, { status: 503 }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncHttpError);
    expect((error as SyncHttpError).status).toBe(503);
  });
});

describe('a refusal on any report call', () => {
  const busy = () =>
    answering(
      new Response(
        JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'busy with uploads' }),
        {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '12' },
        },
      ),
    );

  it.each([
    ['the tally', (fetch: FetchLike) => fetchDailyTally(REQUEST, fetch)],
    ['the hand-off list', (fetch: FetchLike) => fetchHandoffs(REQUEST, fetch)],
    ['the XLSX', (fetch: FetchLike) => fetchReportFile(REQUEST, 'daily.xlsx', fetch)],
    ['the hand-off CSV', (fetch: FetchLike) => fetchReportFile(REQUEST, 'handoffs.csv', fetch)],
    ['the hand-off XLSX', (fetch: FetchLike) => fetchReportFile(REQUEST, 'handoffs.xlsx', fetch)],
  ])('carries the problem detail and Retry-After for %s', async (_what, call) => {
    const error = await call(busy()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({
      status: 503,
      detail: 'busy with uploads',
      retryAfterMs: 12_000,
      problem: { title: 'Service Unavailable', status: 503, detail: 'busy with uploads' },
    });
  });

  it('gives the refused token’s problem detail too', async () => {
    const revoked = answering(
      Response.json({ title: 'Unauthorized', status: 401, detail: 'the token was revoked' }, { status: 401 }),
    );
    await expect(fetchDailyTally(REQUEST, revoked)).rejects.toMatchObject({
      name: 'SyncUnauthorizedError',
      detail: 'the token was revoked',
    });
  });
});

describe('fetchDailyCsv', () => {
  it('returns the CSV file as sent, byte-order mark included', async () => {
    const body = '\uFEFF日期\r\n2026-11-28\r\n';
    const fetch = answering(new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8' } }));
    const blob = await fetchDailyCsv(REQUEST, fetch);
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(fetch.mock.calls[0]![0]).toBe('http://10.0.0.5:8080/api/v1/tallies/daily.csv?date=2026-11-28');
  });

  it('fails on an error status instead of saving the error page', async () => {
    await expect(fetchDailyCsv(REQUEST, answering(new Response('<html>', { status: 502 })))).rejects.toBeInstanceOf(
      SyncHttpError,
    );
  });
});

describe('fetchReportFile', () => {
  it('asks for the XLSX and the hand-off CSV and XLSX at their paths, typing an untyped answer as the file it is', async () => {
    const fetch = answering(new Response(new Uint8Array([0x50, 0x4b, 0x03, 0x04])));
    const xlsx = await fetchReportFile(REQUEST, 'daily.xlsx', fetch);
    expect(fetch.mock.calls[0]![0]).toBe('http://10.0.0.5:8080/api/v1/tallies/daily.xlsx?date=2026-11-28');
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.size).toBe(4);

    const csvFetch = answering(new Response('\uFEFF县区\r\n'));
    await fetchReportFile(REQUEST, 'handoffs.csv', csvFetch);
    expect(csvFetch.mock.calls[0]![0]).toBe('http://10.0.0.5:8080/api/v1/handoffs.csv?date=2026-11-28');

    const handoffXlsxFetch = answering(new Response(new Uint8Array([0x50, 0x4b, 0x03, 0x04])));
    const handoffXlsx = await fetchReportFile(REQUEST, 'handoffs.xlsx', handoffXlsxFetch);
    expect(handoffXlsxFetch.mock.calls[0]![0]).toBe('http://10.0.0.5:8080/api/v1/handoffs.xlsx?date=2026-11-28');
    expect(handoffXlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});

describe('fetchHandoffs', () => {
  const LIST = {
    checkpointId: 'cp-1',
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
            plate: '湘K12345',
            flags: ['fever'],
            disposition: 'fever-clinic',
            name: '李四',
            idNumber: '11010519491231002X',
            phone: '13800138000',
          },
        ],
      },
    ],
  };

  it('returns the validated list of the day asked for', async () => {
    const fetch = answering(Response.json(LIST));
    expect(await fetchHandoffs(REQUEST, fetch)).toEqual(LIST);
    expect(fetch.mock.calls[0]![0]).toBe('http://10.0.0.5:8080/api/v1/handoffs?date=2026-11-28');
  });

  it('refuses another day’s list or a body that is not a list', async () => {
    await expect(
      fetchHandoffs(REQUEST, answering(Response.json({ ...LIST, date: '2026-11-27' }))),
    ).rejects.toBeInstanceOf(SyncProtocolError);
    await expect(fetchHandoffs(REQUEST, answering(Response.json({ groups: 'none' })))).rejects.toBeInstanceOf(
      SyncProtocolError,
    );
  });
});
