// Changing the lead PIN from a tablet (ADR 030): on an enrolled tablet the server makes the change, with a lead
// session bought by the current PIN, so that it reaches every tablet of the checkpoint; a tablet without a server
// changes only its own.
import type { CheckpointLeadPin } from '../domain/lead-pin.ts';
import { leadToken, setLeadCredentials } from './lead-credentials.ts';
import {
  changeLeadPinOnServer,
  LeadSessionNeededError,
  NoServerLeadPinError,
  openLeadSession,
  WrongLeadPinError,
  type LeadServer,
} from './lead-pin-client.ts';
import type { LeadPinCachePort, LeadPinSync } from './lead-pin-sync.ts';
import { SyncHttpError, SyncNetworkError, SyncRequestRejectedError } from './transport.ts';

export type ServerPinChange =
  /** Changed on the server and taken here; every lead session of the checkpoint has ended. */
  | { kind: 'changed'; pin: CheckpointLeadPin }
  /** Needs the server, which cannot be reached now: nothing changed. */
  | { kind: 'needs-server' }
  /** The server's PIN is another than the one typed as current (changed elsewhere); the tablet now holds it. */
  | { kind: 'pin-changed' }
  /** Too many wrong PINs from this tablet: nothing changed. */
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  /** The server refused the new PIN, in its words. */
  | { kind: 'refused'; detail: string | null }
  | { kind: 'failed'; detail: string | null };

export interface ServerPinChangeDeps {
  server: LeadServer;
  online: boolean;
  cache: Pick<LeadPinCachePort, 'adopt'>;
  leadPinSync: Pick<LeadPinSync, 'runNow'>;
  /** Epoch ms. */
  now: () => number;
}

async function sessionToken(current: string, deps: ServerPinChangeDeps): Promise<string> {
  const held = leadToken(deps.now());
  if (held !== null) return held;
  try {
    return (await openLeadSession(deps.server, current)).token;
  } catch (e) {
    if (!(e instanceof NoServerLeadPinError)) throw e;
    // The server has no PIN yet: hand it this tablet's first, then the current PIN opens a session like anywhere.
    await deps.leadPinSync.runNow();
    return (await openLeadSession(deps.server, current)).token;
  }
}

/** `current` has already been accepted by this tablet's PIN pad; `next` has passed the PIN rules. Never throws. */
export async function changeLeadPinWithServer(
  current: string,
  next: string,
  deps: ServerPinChangeDeps,
): Promise<ServerPinChange> {
  if (!deps.online) return { kind: 'needs-server' };
  try {
    let token = await sessionToken(current, deps);
    let changed: CheckpointLeadPin;
    try {
      changed = await changeLeadPinOnServer(deps.server, token, next);
    } catch (e) {
      // The session held in memory ended meanwhile (expired, or another change): buy one with the current PIN.
      if (!(e instanceof LeadSessionNeededError)) throw e;
      setLeadCredentials(null);
      token = await sessionToken(current, deps);
      changed = await changeLeadPinOnServer(deps.server, token, next);
    }
    // The server ended every lead session of the checkpoint with the change, the one just used too.
    setLeadCredentials(null);
    if (changed.hash !== null && changed.setAt !== null) {
      await deps.cache.adopt({ ...changed, hash: changed.hash, setAt: changed.setAt });
    }
    return { kind: 'changed', pin: changed };
  } catch (e) {
    if (e instanceof WrongLeadPinError) {
      await deps.leadPinSync.runNow().catch(() => undefined);
      return { kind: 'pin-changed' };
    }
    if (e instanceof SyncNetworkError) return { kind: 'needs-server' };
    if (e instanceof SyncRequestRejectedError) return { kind: 'refused', detail: e.detail };
    if (e instanceof SyncHttpError && e.status === 429) return { kind: 'rate-limited', retryAfterMs: e.retryAfterMs };
    if (e instanceof SyncHttpError) return { kind: 'failed', detail: e.detail };
    return { kind: 'failed', detail: e instanceof Error ? e.message : String(e) };
  }
}
