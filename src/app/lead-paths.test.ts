// The lead's paths: every route under the lead's roots is gated, and nothing else.
import { describe, expect, it } from 'vitest';
import { isLeadPath } from './lead-paths.ts';

describe('isLeadPath', () => {
  it.each(['/report', '/report/print', '/handoffs', '/handoffs/print', '/lead/config', '/lead'])(
    '%s is the lead’s',
    (path) => {
      expect(isLeadPath(path)).toBe(true);
    },
  );

  it.each(['/', '/checks', '/settings', '/reports', '/leader', '/shift/history', '/shift/abc/handover'])(
    '%s is not',
    (path) => {
      expect(isLeadPath(path)).toBe(false);
    },
  );
});
