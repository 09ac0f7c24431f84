// Retention on the tablet: synced checks leave after the policy's retentionDays, their registration (name, ID
// number, phone) already at half of it — the rule itself is src/domain/retention.ts, shared with the server. Age
// counts from the server's acknowledgement: a check the server has not acknowledged in its stored rev (queued in
// the outbox, or rejected) is never touched, whatever its age; drafts are not this module's.
import { hasRegistration, retentionCutoffs, withoutRegistrations } from '../domain/retention.ts';
import type { KakouDatabase, StoredCheck, SyncMark } from './database.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { withStorageErrors } from './storage-errors.ts';
import { updateTallySlots } from './tally-slots.ts';

export interface RetentionResult {
  /** Checks kept whose registrations were cleared by this run. */
  registrationsCleared: number;
  /** Checks removed (row and acknowledgement) by this run. */
  checksRemoved: number;
}

export interface Retention {
  /** One read-write transaction; `now` in epoch ms. */
  apply(options: { now: number; retentionDays: number }): Promise<RetentionResult>;
}

interface Candidate {
  row: StoredCheck;
  syncedAt: number;
}

function withoutRegistration(row: StoredCheck): StoredCheck {
  return { ...row, check: withoutRegistrations(row.check) };
}

export function createRetention(db: KakouDatabase): Retention {
  const settings = createSettingsRepository(db);

  /**
   * The checks of these acknowledgements that the server holds as stored: not queued (an amendment after the
   * sync is pending), not rejected, and acknowledged in the stored rev. Pipelined index gets, as in markSynced.
   */
  async function settled(marks: readonly SyncMark[]): Promise<Candidate[]> {
    const ids = marks.map((mark) => mark.id);
    const [queued, rows] = await Promise.all([
      Promise.all(ids.map((checkId) => db.outbox.get({ checkId }))),
      db.checks.bulkGet(ids),
    ]);
    return marks.flatMap((mark, i): Candidate[] => {
      const row = rows[i];
      if (!row || queued[i] !== undefined || row.syncState === 'rejected' || mark.rev < row.rev) return [];
      return [{ row, syncedAt: mark.syncedAt }];
    });
  }

  /** Rows acknowledged under schema version 1 carry syncedAt themselves and have no SyncMark. */
  async function legacySynced(): Promise<Candidate[]> {
    const rows = await db.checks.where('syncState').equals('synced').toArray();
    const queued = await Promise.all(rows.map((row) => db.outbox.get({ checkId: row.id })));
    return rows.flatMap((row, i): Candidate[] =>
      queued[i] === undefined && row.syncedAt !== null ? [{ row, syncedAt: row.syncedAt }] : [],
    );
  }

  return {
    apply: ({ now, retentionDays }) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.tallySlots, db.outbox, db.syncMarks, db.settings], async () => {
          const { pastRetentionBefore: removeBefore, tabletRegistrationsBefore: clearBefore } = retentionCutoffs(
            { retentionDays },
            now,
          );
          // Registrations acknowledged before this were cleared by an earlier run: only the newer ones are read,
          // not half the retention's worth of large rows at every start-up. A mark written later (an amendment
          // synced again) has a later syncedAt. A watermark ahead of now comes from a clock set back: start over.
          const stored = (await settings.get('retention'))?.registrationsClearedBefore ?? 0;
          const clearFrom = stored > now ? 0 : stored;

          const [expiredMarks, recentMarks, legacy] = await Promise.all([
            db.syncMarks.where('syncedAt').below(removeBefore).toArray(),
            clearFrom < clearBefore
              ? db.syncMarks
                  .where('syncedAt')
                  .between(Math.max(clearFrom, removeBefore), clearBefore, true, false)
                  .toArray()
              : Promise.resolve([]),
            legacySynced(),
          ]);
          const expired = [...(await settled(expiredMarks)), ...legacy.filter((c) => c.syncedAt < removeBefore)];
          const toClear = [
            ...(await settled(recentMarks)),
            ...legacy.filter((c) => c.syncedAt >= removeBefore && c.syncedAt < clearBefore),
          ].filter((c) => hasRegistration(c.row.check));

          const removedIds = expired.map((c) => c.row.id);
          await db.checks.bulkDelete(removedIds);
          await updateTallySlots(db, { remove: expired.map((c) => c.row) });
          await db.syncMarks.bulkDelete(removedIds);
          await db.checks.bulkPut(toClear.map((c) => withoutRegistration(c.row)));
          await settings.set('retention', { registrationsClearedBefore: Math.max(clearFrom, clearBefore) });
          return { registrationsCleared: toClear.length, checksRemoved: removedIds.length };
        }),
      ),
  };
}
