// The console's client for the signed-in session: the server is the one that served the console (the page's origin).
import { useMemo } from 'react';
import { createAdminClient, type AdminClient } from '../../sync/admin-client.ts';
import { useConsoleSession } from './console-session.ts';

/** null while nobody is signed in (the frame shows the sign-in screen then). */
export function useAdminClient(): AdminClient | null {
  const { session } = useConsoleSession();
  const token = session?.token ?? null;
  return useMemo(
    () => (token === null ? null : createAdminClient({ baseUrl: window.location.origin, token })),
    [token],
  );
}
