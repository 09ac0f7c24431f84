// The tablet's client for the checkpoint's daily report on the server (docs/api.md "Tallies and exports"): the JSON
// tally, the hand-off list, and the files a lead downloads (daily and hand-off lists as CSV and XLSX). Its requests go through
// the transport's one HTTP client, so a failure carries the server's problem details and Retry-After.
import { handoffListSchema } from '../contract/handoff.ts';
import { dailyTallySchema } from '../contract/tally.ts';
import type { HandoffList } from '../domain/handoffs.ts';
import { XLSX_CONTENT_TYPE } from '../domain/sheet.ts';
import type { DailyTally } from '../domain/tally.ts';
import { createApiClient, SyncProtocolError, type ApiCall, type FetchLike } from './transport.ts';

export interface TallyRequest {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  /** 'YYYY-MM-DD', the checkpoint's local day. */
  date: string;
}

function dayCall(path: string, request: TallyRequest): ApiCall {
  return { method: 'GET', path, query: { date: request.date } };
}

const apiFor = (request: TallyRequest, fetch: FetchLike | undefined) =>
  createApiClient({ baseUrl: request.baseUrl, token: request.token, ...(fetch ? { fetch } : {}) });

/** GET /api/v1/tallies/daily: the day merged across the checkpoint's tablets. Throws the transport's Sync*Error classes. */
export async function fetchDailyTally(request: TallyRequest, fetch?: FetchLike): Promise<DailyTally> {
  const tally = await apiFor(request, fetch).json(dayCall('/api/v1/tallies/daily', request), dailyTallySchema, 'tally');
  if (tally.date !== request.date) throw new SyncProtocolError(`tally: asked for ${request.date}, got ${tally.date}`);
  return tally;
}

/** GET /api/v1/handoffs: the day's flagged persons by destination, with their full registration. */
export async function fetchHandoffs(request: TallyRequest, fetch?: FetchLike): Promise<HandoffList> {
  const list = await apiFor(request, fetch).json(
    dayCall('/api/v1/handoffs', request),
    handoffListSchema,
    'hand-off list',
  );
  if (list.date !== request.date)
    throw new SyncProtocolError(`hand-off list: asked for ${request.date}, got ${list.date}`);
  return list;
}

/** The files of docs/api.md "Tallies and exports", with the type each is saved as whatever a proxy said. */
export const REPORT_FILES = {
  'daily.csv': { path: '/api/v1/tallies/daily.csv', type: 'text/csv;charset=utf-8' },
  'daily.xlsx': { path: '/api/v1/tallies/daily.xlsx', type: XLSX_CONTENT_TYPE },
  'handoffs.csv': { path: '/api/v1/handoffs.csv', type: 'text/csv;charset=utf-8' },
  'handoffs.xlsx': { path: '/api/v1/handoffs.xlsx', type: XLSX_CONTENT_TYPE },
} as const;
export type ReportFile = keyof typeof REPORT_FILES;

/** One of the report's files as the server sends it (the CSV's BOM and CRLF are the server's). */
export async function fetchReportFile(request: TallyRequest, file: ReportFile, fetch?: FetchLike): Promise<Blob> {
  const { path, type } = REPORT_FILES[file];
  const response = await apiFor(request, fetch).send(dayCall(path, request));
  const blob = await response.blob();
  return blob.type === '' ? new Blob([blob], { type }) : blob;
}

/** GET /api/v1/tallies/daily.csv: the report as the file a shift lead opens in Excel or WPS. */
export const fetchDailyCsv = (request: TallyRequest, fetch?: FetchLike): Promise<Blob> =>
  fetchReportFile(request, 'daily.csv', fetch);
