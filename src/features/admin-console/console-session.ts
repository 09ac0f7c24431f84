// The admin's signed-in session in this browser tab (ADR 038): kept in sessionStorage, so a reload keeps it and closing
// the tab signs out of this browser, never left behind in a shared computer's storage; dropped when it expires or the
// server refuses its token. A small external store so any screen can read it and sign out.
import { useSyncExternalStore } from 'react';
import { adminSessionSchema, type AdminSession } from '../../contract/admin-console.ts';

const STORAGE_KEY = 'kakou.adminSession';

/** Why the console asks to sign in again: said on the sign-in screen. */
export type SignedOutReason = 'expired' | 'refused' | 'signed-out' | null;

interface SessionState {
  session: AdminSession | null;
  reason: SignedOutReason;
}

const listeners = new Set<() => void>();
let state: SessionState = { session: read(), reason: null };

function read(): AdminSession | null {
  try {
    const stored = globalThis.sessionStorage.getItem(STORAGE_KEY);
    if (stored === null) return null;
    const parsed = adminSessionSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    // No storage (a private window that refuses it) or a damaged entry: signing in again is the answer.
    return null;
  }
}

function write(session: AdminSession | null): void {
  try {
    if (session === null) globalThis.sessionStorage.removeItem(STORAGE_KEY);
    else globalThis.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Kept in memory only: a reload asks to sign in again.
  }
}

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function startSession(session: AdminSession): void {
  write(session);
  set({ session, reason: null });
}

export function endSession(reason: Exclude<SignedOutReason, null>): void {
  write(null);
  set({ session: null, reason });
}

/** The session while it lasts: one past its expiry (on this computer's clock) is ended as expired. */
export function currentSession(nowMs: number = Date.now()): AdminSession | null {
  const { session } = state;
  if (session !== null && Date.parse(session.expiresAt) <= nowMs) {
    endSession('expired');
    return null;
  }
  return session;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = (): SessionState => state;

export function useConsoleSession(): SessionState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
