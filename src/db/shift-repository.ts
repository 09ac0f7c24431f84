// Shifts worked on this tablet: who is on duty since when, when the shift was closed and what was handed over.
import type { KakouDatabase, ShiftHandover, ShiftRow } from './database.ts';
import type { SettingsMap } from './settings-repository.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface ShiftRepository {
  /** Idempotent: starting the same shift id again keeps one row. */
  start(row: ShiftRow): Promise<void>;
  /** Closes an open shift; a shift already ended keeps its first end time. */
  end(id: string, now: number): Promise<void>;
  /** The latest started shift that is still open. */
  current(): Promise<ShiftRow | undefined>;
  get(id: string): Promise<ShiftRow | undefined>;
  /**
   * Closes the shift with its hand-over and signs the officer out, in one transaction: a shift is never left
   * ended without its hand-over, nor handed over while still signed in. A shift closed already keeps its first
   * end time and hand-over (a second tap, another tab).
   */
  closeWithHandover(id: string, handover: ShiftHandover, now: number): Promise<void>;
  /** Every shift of this tablet, the newest first. */
  list(): Promise<ShiftRow[]>;
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
    closeWithHandover: (id, handover, now) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.shifts, db.settings], async () => {
          const row = await db.shifts.get(id);
          if (row && row.endedAt === null) await db.shifts.put({ ...row, endedAt: now, handover });
          // Written only by the settings repository, with the type SettingsMap names for the key.
          const session = (await db.settings.get('session'))?.value as SettingsMap['session'] | undefined;
          // Only this shift's session: another officer may have signed in on another tab meanwhile.
          if (session?.shiftId === id) {
            await db.settings.put({ key: 'session', value: null });
          }
        }),
      ),
    list: () => withStorageErrors(() => db.shifts.orderBy('startedAt').reverse().toArray()),
  };
}
