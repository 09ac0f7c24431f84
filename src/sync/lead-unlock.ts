// Unlocking with the server (ADR 030): once the PIN pad has accepted a PIN offline, the same PIN buys a lead session
// when the server can be reached; whatever the server answers, the tablet knows what to do with it.
import type { LeadCredentials } from './lead-credentials.ts';
import { NoServerLeadPinError, openLeadSession, WrongLeadPinError, type LeadServer } from './lead-pin-client.ts';
import type { LeadPinSync } from './lead-pin-sync.ts';
import { SyncHttpError, SyncNetworkError } from './transport.ts';

/**
 * The PIN pad waits this long for the server before opening on the tablet alone: it checks a PIN in well under a
 * second, and a lead should not stand at a pad waiting on a network that is not there.
 */
export const LEAD_UNLOCK_TIMEOUT_MS = 8_000;

const HTTP_TOO_MANY = 429;

export type ServerUnlock =
  /** The server took the PIN: a lead token for the lead's calls. */
  | { kind: 'session'; credentials: LeadCredentials }
  /**
   * The lead's screens open on the tablet's own data only: no server (not enrolled, offline, unreachable, failing), or
   * it refuses this tablet for now (too many wrong PINs).
   */
  | { kind: 'local-only'; reason: 'not-enrolled' | 'offline' | 'unreachable' | 'rate-limited' | 'failed' }
  /** The checkpoint's PIN is another than this tablet held (changed elsewhere); the tablet now holds the new one. */
  | { kind: 'pin-changed' };

export interface ServerUnlockDeps {
  /** The enrolled server and the device's token; null when the tablet has none. */
  server: LeadServer | null;
  online: boolean;
  /** Hands the tablet's PIN to a server that has none, or takes the server's. */
  leadPinSync: Pick<LeadPinSync, 'runNow'>;
}

function whenRefused(e: unknown): ServerUnlock {
  if (e instanceof SyncNetworkError) return { kind: 'local-only', reason: 'unreachable' };
  if (e instanceof SyncHttpError && e.status === HTTP_TOO_MANY) return { kind: 'local-only', reason: 'rate-limited' };
  return { kind: 'local-only', reason: 'failed' };
}

/** Never throws: every failure is an answer the gate acts on. `pin` has already opened the pad offline. */
export async function openServerLeadSession(pin: string, deps: ServerUnlockDeps): Promise<ServerUnlock> {
  const { server } = deps;
  if (server === null) return { kind: 'local-only', reason: 'not-enrolled' };
  if (!deps.online) return { kind: 'local-only', reason: 'offline' };
  const withTimeout: LeadServer = { timeoutMs: LEAD_UNLOCK_TIMEOUT_MS, ...server };
  try {
    return { kind: 'session', credentials: await openLeadSession(withTimeout, pin) };
  } catch (e) {
    if (e instanceof WrongLeadPinError) {
      // The pad took the PIN, the server did not: the tablet's copy is old. Take the server's for the next try.
      try {
        await deps.leadPinSync.runNow();
      } catch {
        // The next sync takes it.
      }
      return { kind: 'pin-changed' };
    }
    if (!(e instanceof NoServerLeadPinError)) return whenRefused(e);
  }
  // The server has no PIN yet: this tablet's becomes the checkpoint's, unless another tablet's got there first.
  try {
    if ((await deps.leadPinSync.runNow()) === 'adopted') return { kind: 'pin-changed' };
    return { kind: 'session', credentials: await openLeadSession(withTimeout, pin) };
  } catch (e) {
    return e instanceof WrongLeadPinError ? { kind: 'pin-changed' } : whenRefused(e);
  }
}
