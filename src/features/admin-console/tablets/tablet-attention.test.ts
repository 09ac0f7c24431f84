// Which tablets the console marks: holding checks since a sync over two hours ago, never a revoked one or one that
// said it holds none.
import { describe, expect, it } from 'vitest';
import type { DeviceListing } from '../../../contract/admin-console.ts';
import { needsAttention, PENDING_ATTENTION_MS } from './tablet-attention.ts';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const tablet = (overrides: Partial<DeviceListing>): DeviceListing => ({
  deviceId: 'dev-1',
  name: '1号平板',
  checkpointId: 'cp-1',
  enrolledAt: '2026-12-01T00:00:00Z',
  lastSeenAt: null,
  lastSyncAt: new Date(NOW - PENDING_ATTENTION_MS - 60_000).toISOString(),
  appVersion: '0.1.0+abc1234',
  pendingChecks: 12,
  revokedAt: null,
  ...overrides,
});

describe('needsAttention', () => {
  it('marks a tablet that still held checks at a sync more than two hours ago', () => {
    expect(needsAttention(tablet({}), NOW)).toBe(true);
  });

  it('leaves a tablet that synced within two hours, or said nothing was left, or never reported', () => {
    expect(needsAttention(tablet({ lastSyncAt: new Date(NOW - 60 * 60_000).toISOString() }), NOW)).toBe(false);
    expect(needsAttention(tablet({ pendingChecks: 0 }), NOW)).toBe(false);
    expect(needsAttention(tablet({ pendingChecks: null, lastSyncAt: null }), NOW)).toBe(false);
  });

  it('never marks a revoked tablet: there is nobody to call about it', () => {
    expect(needsAttention(tablet({ revokedAt: '2026-12-05T08:00:00Z' }), NOW)).toBe(false);
  });
});
