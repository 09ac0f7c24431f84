// The lead's open screens lock on their own after ten idle minutes, and a touch restarts the ten minutes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
});
