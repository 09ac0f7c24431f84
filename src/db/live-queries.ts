// React hooks that read IndexedDB live: the UI's only view of stored data (never copied into a store).
// Each returns undefined while the first read is in flight, then re-renders whenever the data changes.
import { useObservable } from 'dexie-react-hooks';
import { boundedLiveQuery } from './bounded-live-query.ts';
import type { TallySource } from '../domain/tally.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import type { DraftRow, ShiftRow, StoredCheck } from './database.ts';
import { checks, drafts, settings, shifts } from './db-instance.ts';
import type { SettingKey, SettingsMap } from './settings-repository.ts';

/** dexie-react-hooks' useLiveQuery over a query that a long shift of writes cannot fill up (bounded-live-query.ts). */
function useLive<T>(querier: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  return useObservable(() => boundedLiveQuery(querier), [...deps]);
}

/** The day's `limit` newest checks, newest first: a page of the list without reading the whole day. */
export function useNewestChecksForDay(day: string, limit: number): StoredCheck[] | undefined {
  return useLive(() => checks.listNewestForDay(day, limit), [day, limit]);
}

/** How many vehicles and persons this tablet checked that day. */
export interface DayCounts {
  vehicles: number;
  persons: number;
}

/**
 * The day's two counts for the start screen and the list, counted inside the query: a screen that stays up all shift
 * keeps two numbers, not a copy of every check of the day.
 */
export function useDayCounts(day: string): DayCounts | undefined {
  return useLive(async () => {
    const sources = await checks.tallySourcesForDay(day);
    return { vehicles: sources.length, persons: sources.reduce((sum, source) => sum + source.persons.length, 0) };
  }, [day]);
}

/** What the day's report counts of each check of the day (ADR 013): far cheaper to read than whole checks. */
export function useTallySourcesForDay(day: string): TallySource[] | undefined {
  return useLive(() => checks.tallySourcesForDay(day), [day]);
}

/** The day's checks with a flagged person, whole: the hand-off list of this tablet. */
export function useFlaggedChecksForDay(day: string): VehicleCheck[] | undefined {
  return useLive(() => checks.listFlaggedForDay(day), [day]);
}

export function usePendingCount(): number | undefined {
  return useLive(() => checks.countPending(), []);
}

/** Checks the server refused, newest first: kept, with the server's reason, until an amendment is accepted. */
export function useRejectedChecks(): StoredCheck[] | undefined {
  return useLive(() => checks.listRejected(), []);
}

/** null when there is no such check (or no id to look up). */
export function useStoredCheck(id: string | undefined): StoredCheck | null | undefined {
  return useLive(async () => (id === undefined ? null : ((await checks.get(id)) ?? null)), [id]);
}

/** null when the setting was never written. */
export function useSetting<K extends SettingKey>(key: K): SettingsMap[K] | null | undefined {
  return useLive(async () => (await settings.get(key)) ?? null, [key]);
}

/** null when no shift is open. */
export function useCurrentShift(): ShiftRow | null | undefined {
  return useLive(async () => (await shifts.current()) ?? null, []);
}

/** The checks of several local days (a shift across midnight), in no particular order. */
export function useChecksForDays(days: readonly string[]): StoredCheck[] | undefined {
  const key = days.join(',');
  return useLive(
    async () =>
      (
        await Promise.all(
          key
            .split(',')
            .filter((day) => day !== '')
            .map((day) => checks.listForDay(day)),
        )
      ).flat(),
    [key],
  );
}

/** null when this tablet has no such shift. */
export function useShift(id: string): ShiftRow | null | undefined {
  return useLive(async () => (await shifts.get(id)) ?? null, [id]);
}

/** Every shift of this tablet, the newest first. */
export function useShifts(): ShiftRow[] | undefined {
  return useLive(() => shifts.list(), []);
}

/** Drafts of checks in progress, most recently touched first. */
export function useDrafts(): DraftRow[] | undefined {
  return useLive(() => drafts.list(), []);
}
