// The tablet's client for the checkpoint's daily report on the server (api.md "Tallies and exports"): the JSON tally, the
// hand-off list, and the files a lead downloads (daily CSV and XLSX, hand-off CSV).
import { z } from 'zod';
import { handoffListSchema } from '../contract/handoff.ts';
import { dailyTallySchema } from '../contract/tally.ts';
import type { HandoffList } from '../domain/handoffs.ts';
import type { DailyTally } from '../domain/tally.ts';
import { REQUEST_TIMEOUT_MS, SyncHttpError, SyncNetworkError, SyncProtocolError, SyncUnauthorizedError, type FetchLike } from './transport.ts';

export interface TallyRequest {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  /** 'YYYY-MM-DD', the checkpoint's local day. */
  date: string;
}

// A detached window.fetch called as a method of another object throws "Illegal invocation".
const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

async function get(path: string, request: TallyRequest, fetch: FetchLike): Promise<Response> {
  const url = `${request.baseUrl}${path}?date=${encodeURIComponent(request.date)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${request.token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'request failed';
    throw new SyncNetworkError(`could not reach ${new URL(url).host}: ${reason}`, { cause: e });
  }
  if (response.ok) return response;
  const ErrorClass = response.status === 401 ? SyncUnauthorizedError : SyncHttpError;
  throw new ErrorClass(response.status, null, null);
}

/** GET /api/v1/tallies/daily: the day merged across the checkpoint's tablets. Throws the transport's Sync*Error classes. */
export async function fetchDailyTally(request: TallyRequest, fetch: FetchLike = defaultFetch): Promise<DailyTally> {
  const response = await get('/api/v1/tallies/daily', request, fetch);
  let body: unknown;
  try {
    body = await response.json();
  } catch (e) {
    throw new SyncProtocolError('tally: the answer is not JSON', { cause: e });
  }
  const parsed = dailyTallySchema.safeParse(body);
  if (!parsed.success) throw new SyncProtocolError(`tally: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.date !== request.date) throw new SyncProtocolError(`tally: asked for ${request.date}, got ${parsed.data.date}`);
  return parsed.data;
}

/** GET /api/v1/handoffs: the day's flagged persons by destination, with their full registration. */
export async function fetchHandoffs(request: TallyRequest, fetch: FetchLike = defaultFetch): Promise<HandoffList> {
  const response = await get('/api/v1/handoffs', request, fetch);
  let body: unknown;
  try {
    body = await response.json();
  } catch (e) {
    throw new SyncProtocolError('hand-off list: the answer is not JSON', { cause: e });
  }
  const parsed = handoffListSchema.safeParse(body);
  if (!parsed.success) throw new SyncProtocolError(`hand-off list: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.date !== request.date) throw new SyncProtocolError(`hand-off list: asked for ${request.date}, got ${parsed.data.date}`);
  return parsed.data;
}

/** The files of api.md "Tallies and exports", with the type each is saved as whatever a proxy said. */
export const REPORT_FILES = {
  'daily.csv': { path: '/api/v1/tallies/daily.csv', type: 'text/csv;charset=utf-8' },
  'daily.xlsx': { path: '/api/v1/tallies/daily.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  'handoffs.csv': { path: '/api/v1/handoffs.csv', type: 'text/csv;charset=utf-8' },
} as const;
export type ReportFile = keyof typeof REPORT_FILES;

/** One of the report's files as the server sends it (the CSV's BOM and CRLF are the server's). */
export async function fetchReportFile(request: TallyRequest, file: ReportFile, fetch: FetchLike = defaultFetch): Promise<Blob> {
  const { path, type } = REPORT_FILES[file];
  const response = await get(path, request, fetch);
  const blob = await response.blob();
  return blob.type === '' ? new Blob([blob], { type }) : blob;
}

/** GET /api/v1/tallies/daily.csv: the report as the file a shift lead opens in Excel or WPS. */
export const fetchDailyCsv = (request: TallyRequest, fetch: FetchLike = defaultFetch): Promise<Blob> =>
  fetchReportFile(request, 'daily.csv', fetch);
