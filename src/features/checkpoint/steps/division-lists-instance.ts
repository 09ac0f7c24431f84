// The division lists the checkpoint flow reads (ADR 034): kept in IndexedDB, fetched from the app's own origin when
// missing. A context lets tests give the picker lists of their own.
import { createContext, useContext } from 'react';
import { divisionChunks } from '../../../db/db-instance.ts';
import { createDivisionLists, type DivisionLists } from '../../../sync/division-lists.ts';
import { createApiClient } from '../../../sync/transport.ts';

let appLists: DivisionLists | null = null;

function appDivisionLists(): DivisionLists {
  appLists ??= createDivisionLists({
    store: divisionChunks,
    app: createApiClient({ baseUrl: window.location.origin }),
    now: () => Date.now(),
  });
  return appLists;
}

export const DivisionListsContext = createContext<DivisionLists | null>(null);

export function useDivisionLists(): DivisionLists {
  return useContext(DivisionListsContext) ?? appDivisionLists();
}
