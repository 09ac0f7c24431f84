// Completed checks and their outbox: the save the officer is told about, and what sync reads and acknowledges.
import { boundedLiveQuery } from './bounded-live-query.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { localDay } from '../domain/time.ts';
import type { TallySource } from '../domain/tally.ts';
import type { KakouDatabase, OutboxEntry, StoredCheck } from './database.ts';
import { UNENROLLED_CHECKPOINT_ID } from './settings-repository.ts';
import { StaleRevisionError, toStorageError, withStorageErrors } from './storage-errors.ts';
import { tallySourcesForDay, updateTallySlots } from './tally-slots.ts';

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
  /**
   * The day's `limit` newest checks, newest first, found through the report's packed copy (ADR 013) so that only
   * those whole rows are read: a list of a 3,000-check day shows its first page without reading the other 2,900.
   */
  listNewestForDay(day: string, limit: number): Promise<StoredCheck[]>;
  /** What the day's report counts of each check stored for that day (ADR 013), in no particular order. */
  tallySourcesForDay(day: string): Promise<TallySource[]>;
  /** The day's checks with at least one flagged person, whole (registrations included): the hand-off list's input. */
  listFlaggedForDay(day: string): Promise<VehicleCheck[]>;
  /** Checks not yet acknowledged by the server (rejected ones are not pending: they wait for an amendment). */
  countPending(): Promise<number>;
  /** Pending checks in the order they were queued. */
  listPending(limit: number): Promise<StoredCheck[]>;
  /** Marks acknowledged revs synced and dequeues them; an ack for an older rev than stored is ignored. Returns how many were marked. */
  markSynced(acks: readonly CheckAcknowledgement[], now: number): Promise<number>;
  /**
   * The server refused this rev: keep the check, record why (its words, and its code when it sent one), stop resending
   * it until it is amended.
   */
  markRejected(id: string, rev: number, reason: string, code?: string | null): Promise<void>;
  /**
   * The server keeps failing on this rev (5xx) while it takes other checks (ADR 028): keep the check with the
   * server's words, stop sending it on its own, list it with the refused checks until the officer retries it.
   */
  markParked(id: string, rev: number, reason: string, now: number): Promise<void>;
  /**
   * The officer's retry: queues these parked checks again, at the back, under the same rev (the server never took
   * it). Checks that are not parked (pending, synced, refused by the server, amended since) are left as they are.
   * Returns how many were queued.
   */
  retryParked(ids: readonly string[], now: number): Promise<number>;
  /** Checks the server refused and checks parked after server errors, with the reason, newest completedAt first. */
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

/** The tablet stopped sending this check after server errors (ADR 028): the officer may retry it as it is. */
export function isParked(row: Pick<StoredCheck, 'syncState' | 'parkedAt'>): boolean {
  return row.syncState === 'rejected' && row.parkedAt !== undefined && row.parkedAt !== null;
}

/** ISO strings with different offsets do not sort as text, so order by the instant they name. */
function byCompletedAtDesc(
  a: Pick<StoredCheck, 'id' | 'completedAt'>,
  b: Pick<StoredCheck, 'id' | 'completedAt'>,
): number {
  return Date.parse(b.completedAt) - Date.parse(a.completedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface CheckRepositoryOptions {
  /**
   * A connection to the same database for acknowledgements (markSynced, markRejected). The app passes a relaxed
   * one: losing an acknowledgement to a power cut only sends the check again and the server answers
   * 'duplicate', while a strict commit of a 500-row update costs more than the HTTP exchange it records.
   */
  acknowledgeWith?: KakouDatabase;
}

/**
 * The outbox entries of these checks. One index lookup per id, issued together: IndexedDB pipelines them,
 * where anyOf() walks a cursor one step (one round trip) at a time — 500 steps cost ~150 ms in Chromium.
 */
async function outboxEntriesOf(db: KakouDatabase, checkIds: readonly string[]): Promise<OutboxEntry[]> {
  const lookups = await Promise.all(checkIds.map((checkId) => db.outbox.get({ checkId })));
  return lookups.filter((entry): entry is OutboxEntry => entry !== undefined);
}

/**
 * The queued entries of a batch being acknowledged. A batch is listed from the head of the outbox, so one read of
 * the head (a single getAll) finds its entries; only those not there — re-queued at the back by an amendment saved
 * meanwhile — are looked up one by one.
 */
async function queuedEntriesOfBatch(db: KakouDatabase, checkIds: readonly string[]): Promise<OutboxEntry[]> {
  const wanted = new Set(checkIds);
  const found = (await db.outbox.orderBy('seq').limit(wanted.size).toArray()).filter((entry) =>
    wanted.has(entry.checkId),
  );
  if (found.length === wanted.size) return found;
  const foundIds = new Set(found.map((entry) => entry.checkId));
  return [
    ...found,
    ...(await outboxEntriesOf(
      db,
      checkIds.filter((id) => !foundIds.has(id)),
    )),
  ];
}

/** Deletes outbox entries by seq: one range delete when they are consecutive (a whole batch from the head), else each. */
async function deleteQueued(db: KakouDatabase, seqs: readonly number[]): Promise<void> {
  const sorted = [...seqs].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return;
  // Distinct integers spanning exactly their count fill the range: nothing else lies inside it.
  if (last - first + 1 === sorted.length) await db.outbox.where(':id').between(first, last, true, true).delete();
  else await db.outbox.bulkDelete(sorted);
}

export function createCheckRepository(db: KakouDatabase, options: CheckRepositoryOptions = {}): CheckRepository {
  const ackDb = options.acknowledgeWith ?? db;

  /** Rows with the sync state they really have: pending while queued, else rejected or synced (SyncMark). */
  async function withEffectiveSyncState(rows: StoredCheck[]): Promise<StoredCheck[]> {
    if (rows.length === 0) return rows;
    const ids = rows.map((row) => row.id);
    const [queued, marks] = await Promise.all([outboxEntriesOf(db, ids), db.syncMarks.bulkGet(ids)]);
    const queuedIds = new Set(queued.map((entry) => entry.checkId));
    return rows.map((row, i): StoredCheck => {
      if (queuedIds.has(row.id)) return { ...row, syncState: 'pending', syncedAt: null };
      if (row.syncState === 'rejected') return row;
      return { ...row, syncState: 'synced', syncedAt: marks[i]?.syncedAt ?? row.syncedAt, rejectReason: null };
    });
  }

  return {
    saveCompleted: (check, { timeZone, now }) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.tallySlots, db.outbox, db.drafts], async () => {
          const stored = await db.checks.get(check.id);
          if (stored && stored.rev >= check.rev) throw new StaleRevisionError(check.id, stored.rev, check.rev);
          const day = localDay(check.completedAt, timeZone);
          await db.checks.put({
            id: check.id,
            rev: check.rev,
            day,
            completedAt: check.completedAt,
            savedAt: now,
            syncState: 'pending',
            syncedAt: null,
            rejectReason: null,
            check,
          });
          await updateTallySlots(db, {
            remove: stored ? [stored] : [],
            add: [{ day, completedAt: check.completedAt, check }],
          });
          // One entry per check: an amendment replaces the queued older rev (and goes to the back).
          await db.outbox.where('checkId').equals(check.id).delete();
          await db.outbox.add({ checkId: check.id, rev: check.rev, queuedAt: now });
          await db.drafts.delete(check.id);
        }),
      ),

    get: (id) =>
      withStorageErrors(() =>
        db.transaction('r', [db.checks, db.outbox, db.syncMarks], async () => {
          const row = await db.checks.get(id);
          return row ? (await withEffectiveSyncState([row]))[0] : undefined;
        }),
      ),

    listForDay: (day) =>
      withStorageErrors(() =>
        db.transaction('r', [db.checks, db.outbox, db.syncMarks], async () =>
          (await withEffectiveSyncState(await db.checks.where('day').equals(day).toArray())).sort(byCompletedAtDesc),
        ),
      ),

    listNewestForDay: (day, limit) =>
      withStorageErrors(() =>
        db.transaction('r', [db.tallySlots, db.checks, db.outbox, db.syncMarks], async () => {
          const newest = (await tallySourcesForDay(db, day)).sort(byCompletedAtDesc).slice(0, limit);
          const rows = await db.checks.bulkGet(newest.map((source) => source.id));
          return withEffectiveSyncState(rows.filter((row) => row !== undefined));
        }),
      ),

    tallySourcesForDay: (day) => withStorageErrors(() => tallySourcesForDay(db, day)),

    // The packed copy says which checks have a flagged person: only those whole rows are read, a few in a hundred.
    listFlaggedForDay: (day) =>
      withStorageErrors(() =>
        db.transaction('r', [db.tallySlots, db.checks], async () => {
          const flagged = (await tallySourcesForDay(db, day)).filter((source) =>
            source.persons.some((person) => person.flags.length > 0),
          );
          const rows = await db.checks.bulkGet(flagged.map((source) => source.id));
          return rows.flatMap((row) => (row ? [row.check] : []));
        }),
      ),

    // The outbox holds exactly one small row per pending check: counting it is far cheaper than scanning the
    // syncState index of the (large) check rows, and this count re-runs after every save and acknowledgement.
    countPending: () => withStorageErrors(() => db.outbox.count()),

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
        ackDb.transaction('rw', [ackDb.outbox, ackDb.syncMarks], async () => {
          // Set-wise and over small rows only: rewriting 500 large check rows per batch cost more than the whole
          // HTTP exchange (docs/benchmarks.md). The outbox entry carries the queued rev.
          const ackedRev = new Map(acks.map((ack) => [ack.id, ack.rev]));
          const queued = await queuedEntriesOfBatch(ackDb, [...ackedRev.keys()]);
          // An amendment saved while the batch was in flight is queued under a newer rev than the server has: keep it.
          const settled = queued.filter((entry) => ackedRev.get(entry.checkId) === entry.rev);
          if (settled.length === 0) return 0;
          await deleteQueued(
            ackDb,
            settled.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq])),
          );
          await ackDb.syncMarks.bulkPut(settled.map((entry) => ({ id: entry.checkId, rev: entry.rev, syncedAt: now })));
          return settled.length;
        }),
      ),

    markRejected: (id, rev, reason, code = null) =>
      withStorageErrors(() =>
        ackDb.transaction('rw', [ackDb.checks, ackDb.outbox], async () => {
          const stored = await ackDb.checks.get(id);
          if (stored?.rev !== rev) return;
          await ackDb.checks.update(id, {
            syncState: 'rejected',
            rejectReason: reason,
            rejectCode: code,
            parkedAt: null,
            syncedAt: null,
          });
          await ackDb.outbox.where('checkId').equals(id).delete();
        }),
      ),

    // Like a refusal, over the acknowledgement connection: losing a parking to a power cut only queues the check
    // again, and the engine finds it again.
    markParked: (id, rev, reason, now) =>
      withStorageErrors(() =>
        ackDb.transaction('rw', [ackDb.checks, ackDb.outbox], async () => {
          const stored = await ackDb.checks.get(id);
          // Amended meanwhile: the new rev is queued and has not failed yet.
          if (stored?.rev !== rev) return;
          await ackDb.checks.update(id, {
            syncState: 'rejected',
            rejectReason: reason,
            rejectCode: null,
            parkedAt: now,
            syncedAt: null,
          });
          await ackDb.outbox.where('checkId').equals(id).delete();
        }),
      ),

    // The officer's action, on the strict connection: a retry the officer was shown must not vanish.
    retryParked: (ids, now) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.outbox], async () => {
          const rows = await db.checks.bulkGet([...new Set(ids)]);
          let queued = 0;
          for (const row of rows) {
            if (!row || !isParked(row)) continue;
            await db.checks.update(row.id, {
              syncState: 'pending',
              rejectReason: null,
              rejectCode: null,
              parkedAt: null,
            });
            // One entry per check, as saveCompleted keeps it.
            await db.outbox.where('checkId').equals(row.id).delete();
            await db.outbox.add({ checkId: row.id, rev: row.rev, queuedAt: now });
            queued += 1;
          }
          return queued;
        }),
      ),

    listRejected: () =>
      withStorageErrors(async () =>
        (await db.checks.where('syncState').equals('rejected').toArray()).sort(byCompletedAtDesc),
      ),

    adoptPending: ({ checkpointId, deviceId, timeZone }) =>
      withStorageErrors(() =>
        db.transaction('rw', [db.checks, db.tallySlots, db.outbox], async () => {
          // Pending means queued: check rows keep 'pending' after an acknowledgement (see SyncMark).
          const queued = await db.outbox.toArray();
          const pending = (await db.checks.bulkGet(queued.map((entry) => entry.checkId))).filter(
            (row): row is StoredCheck => row !== undefined,
          );
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
            const day = localDay(check.completedAt, timeZone);
            await db.checks.put({ ...row, rev, check, day });
            await updateTallySlots(db, { remove: [row], add: [{ day, completedAt: check.completedAt, check }] });
            await db.outbox.where('checkId').equals(row.id).modify({ rev });
            adopted += 1;
          }
          return adopted;
        }),
      ),

    observePendingCount: (onCount, onError) => {
      const subscription = boundedLiveQuery(() => db.outbox.count()).subscribe(onCount, (e: unknown) =>
        onError?.(toStorageError(e)),
      );
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
