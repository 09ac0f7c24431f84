// The hand-off list of a day: the server's (all tablets) when it answers, else this tablet's own from its stored checks.
import { useMemo } from 'react';
import { useFlaggedChecksForDay, useSetting } from '../../db/live-queries.ts';
import { handoffList, type HandoffList } from '../../domain/handoffs.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { serverAccessOf } from './use-local-tally.ts';
import { useServerHandoffs, type ServerAccess, type ServerAnswer } from './use-server-tally.ts';

export interface DayHandoffs {
  access: ServerAccess | null;
  server: ServerAnswer<HandoffList>;
  /** The list shown: the server's when it answered, else the tablet's; null while loading. */
  shown: { source: 'server' | 'local'; list: HandoffList } | null;
}

export function useDayHandoffs(date: string, refreshSerial: number, fetch?: FetchLike): DayHandoffs {
  const device = useSetting('device');
  const access = serverAccessOf(device);
  const server = useServerHandoffs(access, date, refreshSerial, fetch);
  const stored = useFlaggedChecksForDay(date);
  const local = useMemo(() => {
    if (!device || stored === undefined) return null;
    // A stored row is the check at its highest rev on this tablet; flags are as the tablet derived them.
    return handoffList(stored, { checkpointId: device.checkpointId, date });
  }, [device, stored, date]);

  let shown: DayHandoffs['shown'] = null;
  if (server.state === 'ready') shown = { source: 'server', list: server.data };
  else if (server.state !== 'loading' && local) shown = { source: 'local', list: local };
  return { access, server, shown };
}
