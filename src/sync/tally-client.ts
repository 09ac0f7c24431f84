// The tablet's client for the checkpoint's daily report on the server (api.md "Tallies and exports"): the JSON tally and its CSV.
import { z } from 'zod';
import { dailyTallySchema, type DailyTally } from '../contract/tally.ts';
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

/** GET /api/v1/tallies/daily.csv: the report as the file a shift lead opens in Excel or WPS. */
export async function fetchDailyCsv(request: TallyRequest, fetch: FetchLike = defaultFetch): Promise<Blob> {
  const response = await get('/api/v1/tallies/daily.csv', request, fetch);
  const blob = await response.blob();
  // The BOM and CRLF are the server's; the type is set so the saved file opens as CSV whatever the proxy said.
  return blob.type === '' ? new Blob([blob], { type: 'text/csv;charset=utf-8' }) : blob;
}
