// Whether the lead's screens are open on this tablet right now: transient by design (a reload locks them), locked again
// after LEAD_IDLE_LOCK_MS without a touch on a lead screen, and — when the PIN also bought a lead session on the server
// (ADR 030) — no longer than that session: its token lives here in memory (src/sync/lead-credentials.ts), never stored.
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';
import {
  currentLeadCredentials,
  setLeadCredentials,
  subscribeLeadCredentials,
  type LeadCredentials,
} from '../sync/lead-credentials.ts';

/** A lead who walks away from the tablet leaves it open at most this long. */
export const LEAD_IDLE_LOCK_MS = 10 * 60_000;

/** The server's lead session bought with the PIN, and how to end it there when the lead locks. */
export interface LeadServerSession extends LeadCredentials {
  end: (token: string) => Promise<void>;
}

interface LeadSessionState {
  /** Epoch ms at which the lead's screens lock again; null while locked. */
  unlockedUntil: number | null;
}

const leadSession = createStore<LeadSessionState>(() => ({ unlockedUntil: null }));
let lockTimer: ReturnType<typeof setTimeout> | null = null;
let endOnServer: ((token: string) => Promise<void>) | null = null;

/** The idle deadline, but never past the server session's end: its token would be refused from then on. */
function capped(untilMs: number): number {
  const credentials = currentLeadCredentials();
  return credentials === null ? untilMs : Math.min(untilMs, credentials.expiresAt);
}

function schedule(untilMs: number, nowMs: number): void {
  if (lockTimer !== null) clearTimeout(lockTimer);
  lockTimer = setTimeout(lockLead, Math.max(0, untilMs - nowMs));
  leadSession.setState({ unlockedUntil: untilMs });
}

/** After the right PIN; `server` when the server also took it (null: the lead works from this tablet's data). */
export function unlockLead(nowMs = Date.now(), server: LeadServerSession | null = null): void {
  endOnServer = server?.end ?? null;
  setLeadCredentials(server === null ? null : { token: server.token, expiresAt: server.expiresAt });
  schedule(capped(nowMs + LEAD_IDLE_LOCK_MS), nowMs);
}

/** Any touch or key on a lead screen while unlocked: the idle time starts again. */
export function touchLead(nowMs = Date.now()): void {
  const { unlockedUntil } = leadSession.getState();
  if (unlockedUntil === null) return;
  // A tablet asleep freezes timers: time that passed while it slept still counts.
  if (unlockedUntil <= nowMs) {
    lockLead();
    return;
  }
  schedule(capped(nowMs + LEAD_IDLE_LOCK_MS), nowMs);
}

export function lockLead(): void {
  if (lockTimer !== null) clearTimeout(lockTimer);
  lockTimer = null;
  leadSession.setState({ unlockedUntil: null });
  const credentials = currentLeadCredentials();
  const end = endOnServer;
  endOnServer = null;
  if (credentials === null) return;
  setLeadCredentials(null);
  // The token would lapse on its own within 15 minutes; ending it now is a courtesy the lead does not wait for.
  end?.(credentials.token).catch(() => undefined);
}

// The server ended the lead session (a PIN change here or elsewhere, an expiry a call found): the lead's screens close
// with it, and the next unlock buys a new one.
let hadCredentials = false;
subscribeLeadCredentials(() => {
  const has = currentLeadCredentials() !== null;
  if (hadCredentials && !has && leadSession.getState().unlockedUntil !== null) lockLead();
  hadCredentials = has;
});

function unlockedNow(): boolean {
  const { unlockedUntil } = leadSession.getState();
  return unlockedUntil !== null && unlockedUntil > Date.now();
}

function subscribe(listener: () => void): () => void {
  return leadSession.subscribe(listener);
}

export function isLeadUnlocked(): boolean {
  return unlockedNow();
}

/** True while the lead's screens are open; re-renders when they lock or unlock. */
export function useLeadUnlocked(): boolean {
  return useSyncExternalStore(subscribe, unlockedNow, unlockedNow);
}
