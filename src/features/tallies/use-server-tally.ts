// The whole checkpoint's tally of one day from the server, fetched when the tablet is enrolled and online.
import { useEffect, useState } from 'react';
import type { DailyTally } from '../../contract/tally.ts';
import { useOnline } from '../../hooks/use-online.ts';
import { fetchDailyTally } from '../../sync/tally-client.ts';
import { SyncHttpError, SyncNetworkError, SyncUnauthorizedError, type FetchLike } from '../../sync/transport.ts';

export type ServerTally =
  | { state: 'not-enrolled' }
  | { state: 'offline' }
  | { state: 'loading' }
  | { state: 'ready'; tally: DailyTally; fetchedAt: number }
  | { state: 'failed'; reason: 'unreachable' | 'unauthorized' | 'invalid'; status: null }
  | { state: 'failed'; reason: 'http'; status: number };

export interface ServerAccess {
  baseUrl: string;
  token: string;
}

function failure(error: unknown): ServerTally {
  if (error instanceof SyncUnauthorizedError) return { state: 'failed', reason: 'unauthorized', status: null };
  if (error instanceof SyncHttpError) return { state: 'failed', reason: 'http', status: error.status };
  if (error instanceof SyncNetworkError) return { state: 'failed', reason: 'unreachable', status: null };
  return { state: 'failed', reason: 'invalid', status: null };
}

/** `refreshSerial`: bump it to fetch again. */
export function useServerTally(access: ServerAccess | null, date: string, refreshSerial: number, fetch?: FetchLike): ServerTally {
  const online = useOnline();
  const [result, setResult] = useState<{ key: string; value: ServerTally } | null>(null);
  const baseUrl = access?.baseUrl ?? null;
  const token = access?.token ?? null;
  const key = `${baseUrl ?? ''}|${date}|${refreshSerial}`;

  useEffect(() => {
    if (baseUrl === null || token === null || !online) return undefined;
    let current = true;
    fetchDailyTally({ baseUrl, token, date }, fetch).then(
      (tally) => {
        if (current) setResult({ key, value: { state: 'ready', tally, fetchedAt: Date.now() } });
      },
      (error: unknown) => {
        if (current) setResult({ key, value: failure(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [baseUrl, token, date, online, key, fetch]);

  if (baseUrl === null || token === null) return { state: 'not-enrolled' };
  if (!online) return { state: 'offline' };
  // A result for another day (or before a refresh) is not shown as this one's.
  return result?.key === key ? result.value : { state: 'loading' };
}
