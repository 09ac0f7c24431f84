// Whether the lead's screens are open on this tablet right now: transient by design (a reload locks them),
// and locked again after LEAD_IDLE_LOCK_MS without a touch on a lead screen.
import { useSyncExternalStore } from 'react';
import { createStore } from 'zustand/vanilla';

/** A lead who walks away from the tablet leaves it open at most this long. */
export const LEAD_IDLE_LOCK_MS = 10 * 60_000;

interface LeadSessionState {
  /** Epoch ms at which the lead's screens lock again; null while locked. */
  unlockedUntil: number | null;
}

const leadSession = createStore<LeadSessionState>(() => ({ unlockedUntil: null }));
let lockTimer: ReturnType<typeof setTimeout> | null = null;

function schedule(untilMs: number, nowMs: number): void {
  if (lockTimer !== null) clearTimeout(lockTimer);
  lockTimer = setTimeout(lockLead, untilMs - nowMs);
  leadSession.setState({ unlockedUntil: untilMs });
}

/** After the right PIN. */
export function unlockLead(nowMs = Date.now()): void {
  schedule(nowMs + LEAD_IDLE_LOCK_MS, nowMs);
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
  schedule(nowMs + LEAD_IDLE_LOCK_MS, nowMs);
}

export function lockLead(): void {
  if (lockTimer !== null) clearTimeout(lockTimer);
  lockTimer = null;
  leadSession.setState({ unlockedUntil: null });
}

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
