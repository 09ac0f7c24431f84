// Shifts worked on this tablet: who is on duty since when, and when the shift was closed.
import type { KakouDatabase, ShiftRow } from './database.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface ShiftRepository {
  /** Idempotent: starting the same shift id again keeps one row. */
  start(row: ShiftRow): Promise<void>;
  /** Closes an open shift; a shift already ended keeps its first end time. */
  end(id: string, now: number): Promise<void>;
  /** The latest started shift that is still open. */
  current(): Promise<ShiftRow | undefined>;
  get(id: string): Promise<ShiftRow | undefined>;
}

export function createShiftRepository(db: KakouDatabase): ShiftRepository {
  return {
    start: (row) =>
      withStorageErrors(async () => {
        await db.shifts.put(row);
      }),
    end: (id, now) =>
      withStorageErrors(async () => {
        await db.shifts
          .where('id')
          .equals(id)
          .filter((row) => row.endedAt === null)
          .modify({ endedAt: now });
      }),
    current: () =>
      withStorageErrors(() =>
        db.shifts
          .orderBy('startedAt')
          .reverse()
          .filter((row) => row.endedAt === null)
          .first(),
      ),
    get: (id) => withStorageErrors(() => db.shifts.get(id)),
  };
}
