// The whole checkpoint's figures of one day from the server — the tally, or the hand-off list — fetched when the
// tablet is enrolled and online, with the failure kept apart so the screen can say what went wrong.
import { useEffect, useState } from 'react';
import type { HandoffList } from '../../domain/handoffs.ts';
import type { DailyTally } from '../../domain/tally.ts';
import { useOnline } from '../../platform/use-online.ts';
import { fetchDailyTally, fetchHandoffs, type TallyRequest } from '../../sync/tally-client.ts';
import { SyncHttpError, SyncNetworkError, SyncUnauthorizedError, type FetchLike } from '../../sync/transport.ts';

export type ServerAnswer<T> =
  | { state: 'not-enrolled' }
  | { state: 'offline' }
  /** The server keeps it for a lead session, and the lead's screens were opened without one (ADR 030). */
  | { state: 'lead-needed' }
  | { state: 'loading' }
  | { state: 'ready'; data: T; fetchedAt: number }
  | { state: 'failed'; reason: 'unreachable' | 'unauthorized' | 'invalid'; status: null }
  | { state: 'failed'; reason: 'http'; status: number };

export type ServerTally = ServerAnswer<DailyTally>;

export interface ServerAccess {
  baseUrl: string;
  token: string;
}

type Load<T> = (request: TallyRequest, fetch?: FetchLike) => Promise<T>;

function failure(error: unknown): ServerAnswer<never> {
  if (error instanceof SyncUnauthorizedError) return { state: 'failed', reason: 'unauthorized', status: null };
  if (error instanceof SyncHttpError) return { state: 'failed', reason: 'http', status: error.status };
  if (error instanceof SyncNetworkError) return { state: 'failed', reason: 'unreachable', status: null };
  return { state: 'failed', reason: 'invalid', status: null };
}

/** `refreshSerial`: bump it to fetch again. `load` must be a module-level function (it keys the effect). */
function useServerAnswer<T>(
  access: ServerAccess | null,
  date: string,
  refreshSerial: number,
  load: Load<T>,
  fetch?: FetchLike,
): ServerAnswer<T> {
  const online = useOnline();
  const [result, setResult] = useState<{ key: string; value: ServerAnswer<T> } | null>(null);
  const baseUrl = access?.baseUrl ?? null;
  const token = access?.token ?? null;
  const key = `${baseUrl ?? ''}|${date}|${refreshSerial}`;

  useEffect(() => {
    if (baseUrl === null || token === null || !online) return undefined;
    let current = true;
    load({ baseUrl, token, date }, fetch).then(
      (data) => {
        if (current) setResult({ key, value: { state: 'ready', data, fetchedAt: Date.now() } });
      },
      (error: unknown) => {
        if (current) setResult({ key, value: failure(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [baseUrl, token, date, online, key, load, fetch]);

  if (baseUrl === null || token === null) return { state: 'not-enrolled' };
  if (!online) return { state: 'offline' };
  // A result for another day (or before a refresh) is not shown as this one's.
  return result?.key === key ? result.value : { state: 'loading' };
}

export function useServerTally(
  access: ServerAccess | null,
  date: string,
  refreshSerial: number,
  fetch?: FetchLike,
): ServerTally {
  return useServerAnswer(access, date, refreshSerial, fetchDailyTally, fetch);
}

export function useServerHandoffs(
  access: ServerAccess | null,
  date: string,
  refreshSerial: number,
  fetch?: FetchLike,
): ServerAnswer<HandoffList> {
  return useServerAnswer(access, date, refreshSerial, fetchHandoffs, fetch);
}
