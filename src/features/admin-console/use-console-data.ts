// A console screen's data: loaded with the client, reloaded on demand or when what it reads changes, a failure kept to
// be said in words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminClient } from '../../sync/admin-client.ts';
import { noteConsoleError } from './console-errors.ts';
import { useAdminClient } from './use-admin-client.ts';

export type ConsoleData<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

/**
 * `load` is written inline by each screen; `dependencies` are the plain values it reads (a date, a checkpoint id): when
 * one changes, it loads again.
 */
export function useConsoleData<T>(
  load: (client: AdminClient) => Promise<T>,
  dependencies: readonly (string | number | boolean | null | undefined)[],
): [ConsoleData<T>, () => void] {
  const client = useAdminClient();
  const key = JSON.stringify(dependencies);
  const [data, setData] = useState<ConsoleData<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    if (client === null) return undefined;
    let current = true;
    latestLoad.current(client).then(
      (value) => {
        if (current) setData({ state: 'ready', value });
      },
      (error: unknown) => {
        noteConsoleError(error);
        if (current) setData({ state: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [client, key, round]);

  const reload = useCallback(() => {
    setRound((n) => n + 1);
  }, []);
  return [data, reload];
}
