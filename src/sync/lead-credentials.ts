// The lead session's bearer token on this tablet (ADR 030): held in memory only, never stored, so a reload, a lock or
// its 15 minutes end it. The app's lead session (src/app/lead-session.ts) sets and clears it; the lead's calls (the
// hand-off list, a configuration edit, a PIN change) read it here.
import { createStore } from 'zustand/vanilla';

export interface LeadCredentials {
  token: string;
  /** Epoch ms at which the server stops taking the token. */
  expiresAt: number;
}

const credentials = createStore<{ current: LeadCredentials | null }>(() => ({ current: null }));

export function setLeadCredentials(next: LeadCredentials | null): void {
  credentials.setState({ current: next });
}

/** As set, expired or not (see leadToken). Stable between changes, for useSyncExternalStore. */
export function currentLeadCredentials(): LeadCredentials | null {
  return credentials.getState().current;
}

/** The token while the server still takes it at `nowMs`; null without a lead session or past its end. */
export function leadToken(nowMs: number): string | null {
  const current = credentials.getState().current;
  return current !== null && current.expiresAt > nowMs ? current.token : null;
}

export function subscribeLeadCredentials(listener: () => void): () => void {
  return credentials.subscribe(listener);
}
