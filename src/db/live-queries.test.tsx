import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { checks, db, settings, shifts } from './db-instance.ts';
import { useCurrentShift, useNewestChecksForDay, usePendingCount, useSetting, useStoredCheck } from './live-queries.ts';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';

const SHANGHAI = { timeZone: 'Asia/Shanghai', now: 1_795_000_000_000 };

// The hooks read the app's singleton: empty it so each case starts from a fresh tablet.
beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('live queries', () => {
  it('shows a saved check in the day list and the pending count without a reload', async () => {
    const list = renderHook(() => useNewestChecksForDay('2026-11-28', 10));
    const pending = renderHook(() => usePendingCount());
    await waitFor(() => {
      expect(list.result.current).toEqual([]);
      expect(pending.result.current).toBe(0);
    });

    const check = makeVehicleCheck();
    await act(() => checks.saveCompleted(check, SHANGHAI));

    await waitFor(() => {
      expect(list.result.current?.map((c) => c.id)).toEqual([check.id]);
      expect(pending.result.current).toBe(1);
    });

    await act(async () => {
      await checks.markSynced([{ id: check.id, rev: 1 }], SHANGHAI.now);
    });
    await waitFor(() => {
      expect(pending.result.current).toBe(0);
    });
  });

  it('tells a missing check (null) apart from one still loading (undefined)', async () => {
    const check = makeVehicleCheck();
    const initialProps: { id: string | undefined } = { id: check.id };
    const { result, rerender } = renderHook(({ id }) => useStoredCheck(id), { initialProps });
    expect(result.current).toBeUndefined();
    await waitFor(() => {
      expect(result.current).toBeNull();
    });

    await act(() => checks.saveCompleted(check, SHANGHAI));
    await waitFor(() => {
      expect(result.current?.rev).toBe(1);
    });

    rerender({ id: undefined });
    await waitFor(() => {
      expect(result.current).toBeNull();
    });
  });

  it('follows settings and the open shift as they change', async () => {
    const teams = renderHook(() => useSetting('teams'));
    const shift = renderHook(() => useCurrentShift());
    await waitFor(() => {
      expect(teams.result.current).toBeNull();
      expect(shift.result.current).toBeNull();
    });

    await act(async () => {
      await settings.set('teams', ['A', 'B']);
      await shifts.start({ id: 's1', officerId: 'o', officerName: '李警官', team: 'A', startedAt: 1, endedAt: null });
    });
    await waitFor(() => {
      expect(teams.result.current).toEqual(['A', 'B']);
      expect(shift.result.current?.id).toBe('s1');
    });

    await act(() => shifts.end('s1', 2));
    await waitFor(() => {
      expect(shift.result.current).toBeNull();
    });
  });
});
