// The hand-off list of a day: the server's (all tablets) when it answers, else this tablet's own from its stored checks.
// The server's carries every registration of the checkpoint: it is read with the lead session's token (ADR 030).
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { divisionChunks } from '../../db/db-instance.ts';
import { useFlaggedChecksForDay, useSetting } from '../../db/live-queries.ts';
import type { DivisionLookup } from '../../domain/divisions.ts';
import { handoffList, type HandoffList } from '../../domain/handoffs.ts';
import { useOnline } from '../../platform/use-online.ts';
import { currentLeadCredentials, setLeadCredentials, subscribeLeadCredentials } from '../../sync/lead-credentials.ts';
import { createDivisionLists, type DivisionLists } from '../../sync/division-lists.ts';
import { createApiClient, type FetchLike } from '../../sync/transport.ts';
import { serverAccessOf } from './use-local-tally.ts';
import { useServerHandoffs, type ServerAccess, type ServerAnswer } from './use-server-tally.ts';

export interface DayHandoffs {
  /** The server with the lead's token; null without a server or a lead session. */
  access: ServerAccess | null;
  server: ServerAnswer<HandoffList>;
  /** The list shown: the server's when it answered, else the tablet's; null while loading. */
  shown: { source: 'server' | 'local'; list: HandoffList } | null;
}

let divisionLists: DivisionLists | null = null;

/** The division lists this tablet keeps (ADR 034): the own list matches older free-text records by exact names. */
function tabletDivisionLists(): DivisionLists {
  divisionLists ??= createDivisionLists({
    store: divisionChunks,
    app: createApiClient({ baseUrl: window.location.origin }),
    now: () => Date.now(),
  });
  return divisionLists;
}

export function useDayHandoffs(date: string, refreshSerial: number, fetch?: FetchLike): DayHandoffs {
  const device = useSetting('device');
  const online = useOnline();
  const lead = useSyncExternalStore(subscribeLeadCredentials, currentLeadCredentials, currentLeadCredentials);
  const enrolled = serverAccessOf(device);
  const access = enrolled !== null && lead !== null ? { baseUrl: enrolled.baseUrl, token: lead.token } : null;
  const fetched = useServerHandoffs(access, date, refreshSerial, fetch);
  // Unlocked without the server (offline then): say so once online, rather than "not enrolled".
  const server: ServerAnswer<HandoffList> =
    enrolled !== null && access === null ? (online ? { state: 'lead-needed' } : { state: 'offline' }) : fetched;
  const sessionRefused = fetched.state === 'failed' && fetched.reason === 'unauthorized' && access !== null;
  useEffect(() => {
    // The server ended the lead session (expired, or the PIN changed): the lead's screens lock, and unlocking again
    // buys a new one.
    if (sessionRefused) setLeadCredentials(null);
  }, [sessionRefused]);
  const stored = useFlaggedChecksForDay(date);
  const [lookup, setLookup] = useState<DivisionLookup | null>(null);
  useEffect(() => {
    if (stored === undefined || stored.length === 0) return undefined;
    const run = { live: true };
    tabletDivisionLists()
      .lookupFor(stored.map((check) => check.vehicle.destination))
      .then(
        (found) => {
          if (run.live) setLookup(found);
        },
        () => undefined,
      );
    return () => {
      run.live = false;
    };
  }, [stored]);
  const local = useMemo(() => {
    if (!device || stored === undefined) return null;
    // A stored row is the check at its highest rev on this tablet; flags are as the tablet derived them. Groups go by
    // division code; older free-text records join the code their exact names match, when the lists are at hand.
    return handoffList(stored, { checkpointId: device.checkpointId, date }, lookup);
  }, [device, stored, date, lookup]);

  let shown: DayHandoffs['shown'] = null;
  if (server.state === 'ready') shown = { source: 'server', list: server.data };
  else if (server.state !== 'loading' && local) shown = { source: 'local', list: local };
  return { access, server, shown };
}
