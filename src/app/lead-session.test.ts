// The lead's open screens lock on their own after ten idle minutes, and a touch restarts the ten minutes; with a
// lead session from the server, never past its end, and locking ends it (its token lives in memory only).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLeadCredentials, leadToken, setLeadCredentials } from '../sync/lead-credentials.ts';
import { isLeadUnlocked, LEAD_IDLE_LOCK_MS, lockLead, touchLead, unlockLead } from './lead-session.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-28T08:00:00Z') });
});

afterEach(() => {
  lockLead();
  vi.useRealTimers();
});

describe('lead session', () => {
  it('is locked until unlocked, and locks again after ten minutes without a touch', () => {
    expect(isLeadUnlocked()).toBe(false);
    unlockLead();
    expect(isLeadUnlocked()).toBe(true);
    vi.advanceTimersByTime(LEAD_IDLE_LOCK_MS - 1000);
    expect(isLeadUnlocked()).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(isLeadUnlocked()).toBe(false);
  });

  it('restarts the ten minutes on each touch', () => {
    unlockLead();
    vi.advanceTimersByTime(9 * 60_000);
    touchLead();
    vi.advanceTimersByTime(9 * 60_000);
    expect(isLeadUnlocked()).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(isLeadUnlocked()).toBe(false);
  });

  it('does not reopen on a touch once locked, and the lock button locks at once', () => {
    unlockLead();
    lockLead();
    touchLead();
    expect(isLeadUnlocked()).toBe(false);
  });

  it("holds the server session's token while open, never past its end, and ends it on the server when locked", () => {
    const end = vi.fn(() => Promise.resolve());
    const nowMs = Date.now();
    unlockLead(nowMs, { token: 'lead-1', expiresAt: nowMs + 15 * 60_000, end });
    expect(leadToken(nowMs)).toBe('lead-1');
    // Touched every few minutes: idle never, yet closed when the server's 15 minutes end.
    for (let touches = 0; touches < 4; touches += 1) {
      vi.advanceTimersByTime(3 * 60_000);
      touchLead();
    }
    expect(isLeadUnlocked()).toBe(true);
    vi.advanceTimersByTime(3 * 60_000);
    expect(isLeadUnlocked()).toBe(false);
    expect(currentLeadCredentials()).toBeNull();
    expect(end).toHaveBeenCalledWith('lead-1');
  });

  it('closes when the server session ends elsewhere (a PIN change), and stays open without one', () => {
    unlockLead(Date.now(), { token: 'lead-2', expiresAt: Date.now() + 15 * 60_000, end: () => Promise.resolve() });
    setLeadCredentials(null);
    expect(isLeadUnlocked()).toBe(false);

    unlockLead();
    expect(currentLeadCredentials()).toBeNull();
    vi.advanceTimersByTime(LEAD_IDLE_LOCK_MS - 1000);
    expect(isLeadUnlocked()).toBe(true);
  });
});
