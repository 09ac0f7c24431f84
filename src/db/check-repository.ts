// Completed checks and their outbox: the save the officer is told about, and what sync reads and acknowledges.
import { liveQuery } from 'dexie';
import type { VehicleCheck } from '../contract/vehicle-check.ts';
import { localDay } from '../domain/time.ts';
import type { KakouDatabase, StoredCheck } from './database.ts';
import { UNENROLLED_CHECKPOINT_ID } from './settings-repository.ts';
import { StaleRevisionError, toStorageError, withStorageErrors } from './storage-errors.ts';

export interface CheckAcknowledgement {
  id: string;
  rev: number;
}

/** Who the tablet is once enrolled: the ids the server issued and the checkpoint's time zone. */
export interface EnrolledIdentity {
  checkpointId: string;
  deviceId: string;
  timeZone: string;
}

export interface CheckRepository {
  /**
   * Stores a completed (or amended) check, queues it for sync and drops its draft, in one transaction.
   * Resolves once committed; throws StaleRevisionError when the stored rev is not older.
   */
  saveCompleted(check: VehicleCheck, options: { timeZone: string; now: number }): Promise<void>;
  get(id: string): Promise<StoredCheck | undefined>;
  /** Newest completedAt first. */
  listForDay(day: string): Promise<StoredCheck[]>;
  /** Checks not yet acknowledged by the server (rejected ones are not pending: they wait for an amendment). */
  countPending(): Promise<number>;
  /** Pending checks in the order they were queued. */
  listPending(limit: number): Promise<StoredCheck[]>;
  /** Marks acknowledged revs synced and dequeues them; an ack for an older rev than stored is ignored. Returns how many were marked. */
  markSynced(acks: readonly CheckAcknowledgement[], now: number): Promise<number>;
  /** The server refused this rev: keep the check, record why, stop resending it until it is amended. */
  markRejected(id: string, rev: number, reason: string): Promise<void>;
  /** Checks the server refused, with its reason, newest completedAt first. */
  listRejected(): Promise<StoredCheck[]>;
  /**
   * Stamps the enrolled ids onto pending checks that do not carry them yet, keeping their place in the queue:
   * checks saved before enrollment (checkpoint 'unenrolled'), and checks of the same checkpoint saved under a
   * device id this tablet had before it was enrolled again. Returns how many were adopted.
   */
  adoptPending(identity: EnrolledIdentity): Promise<number>;
  /** Calls back with the pending count now and whenever it changes (any tab). Returns the unsubscribe. */
  observePendingCount(onCount: (count: number) => void, onError?: (error: Error) => void): () => void;
}

/** ISO strings with different offsets do not sort as text, so order by the instant they name. */
function byCompletedAtDesc(a: StoredCheck, b: StoredCheck): number {
  return Date.parse(b.completedAt) - Date.parse(a.completedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createCheckRepository(db: KakouDatabase): CheckRepository {
  return {
    saveCompleted: (check, { timeZone, now }) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.outbox, db.drafts], async () => {
          const stored = await db.checks.get(check.id);
          if (stored && stored.rev >= check.rev) throw new StaleRevisionError(check.id, stored.rev, check.rev);
          await db.checks.put({
            id: check.id,
            rev: check.rev,
            day: localDay(check.completedAt, timeZone),
            completedAt: check.completedAt,
            savedAt: now,
            syncState: 'pending',
            syncedAt: null,
            rejectReason: null,
            check,
          });
          // One entry per check: an amendment replaces the queued older rev (and goes to the back).
          await db.outbox.where('checkId').equals(check.id).delete();
          await db.outbox.add({ checkId: check.id, rev: check.rev, queuedAt: now });
          await db.drafts.delete(check.id);
        }),
      ),

    get: (id) => withStorageErrors(() => db.checks.get(id)),

    listForDay: (day) =>
      withStorageErrors(async () => (await db.checks.where('day').equals(day).toArray()).sort(byCompletedAtDesc)),

    countPending: () => withStorageErrors(() => db.checks.where('syncState').equals('pending').count()),

    listPending: (limit) =>
      withStorageErrors(() =>
        db.transaction('r', [db.outbox, db.checks], async () => {
          const queued = await db.outbox.orderBy('seq').limit(limit).toArray();
          const rows = await db.checks.bulkGet(queued.map((entry) => entry.checkId));
          return rows.filter((row): row is StoredCheck => row?.syncState === 'pending');
        }),
      ),

    markSynced: (acks, now) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.outbox], async () => {
          let marked = 0;
          for (const ack of acks) {
            const stored = await db.checks.get(ack.id);
            // An amendment saved while the batch was in flight is newer than what the server has: keep it queued.
            if (stored?.rev !== ack.rev) continue;
            await db.checks.update(ack.id, { syncState: 'synced', syncedAt: now, rejectReason: null });
            await db.outbox.where('checkId').equals(ack.id).delete();
            marked += 1;
          }
          return marked;
        }),
      ),

    markRejected: (id, rev, reason) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.outbox], async () => {
          const stored = await db.checks.get(id);
          if (stored?.rev !== rev) return;
          await db.checks.update(id, { syncState: 'rejected', rejectReason: reason, syncedAt: null });
          await db.outbox.where('checkId').equals(id).delete();
        }),
      ),

    listRejected: () =>
      withStorageErrors(async () => (await db.checks.where('syncState').equals('rejected').toArray()).sort(byCompletedAtDesc)),

    adoptPending: ({ checkpointId, deviceId, timeZone }) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.outbox], async () => {
          const pending = await db.checks.where('syncState').equals('pending').toArray();
          let adopted = 0;
          for (const row of pending) {
            const saved = row.check;
            const unenrolled = saved.checkpointId === UNENROLLED_CHECKPOINT_ID;
            const underOldDevice = saved.checkpointId === checkpointId && saved.deviceId !== deviceId;
            if (!unenrolled && !underOldDevice) continue;
            // Under its old device id the check may already be on the server (an acknowledgement lost before the
            // token was revoked): a new rev makes the server update its copy instead of refusing the same id and
            // rev with different content. A check saved before any enrollment has never left the tablet.
            const rev = underOldDevice ? row.rev + 1 : row.rev;
            const check: VehicleCheck = { ...saved, checkpointId, deviceId, rev };
            await db.checks.put({ ...row, rev, check, day: localDay(check.completedAt, timeZone) });
            await db.outbox.where('checkId').equals(row.id).modify({ rev });
            adopted += 1;
          }
          return adopted;
        }),
      ),

    observePendingCount: (onCount, onError) => {
      const subscription = liveQuery(() => db.checks.where('syncState').equals('pending').count()).subscribe({
        next: onCount,
        error: (e: unknown) => onError?.(toStorageError(e)),
      });
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
