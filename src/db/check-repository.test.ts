import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckRepository, type CheckRepository } from './check-repository.ts';
import type { KakouDatabase } from './database.ts';
import { UNENROLLED_CHECKPOINT_ID } from './settings-repository.ts';
import { StaleRevisionError, StorageFullError } from './storage-errors.ts';
import { makeVehicleCheck, openTestDatabase } from '../../tests/support/db/fixtures.ts';

const SHANGHAI = { timeZone: 'Asia/Shanghai', now: 1_795_000_000_000 };

let db: KakouDatabase;
let repo: CheckRepository;

beforeEach(() => {
  db = openTestDatabase();
  repo = createCheckRepository(db);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('saveCompleted', () => {
  it('stores the check as pending, queues it once and removes its draft', async () => {
    const check = makeVehicleCheck();
    await db.drafts.put({ id: check.id, updatedAt: 1, payload: { step: 'dispose' } });

    await repo.saveCompleted(check, SHANGHAI);

    expect(await repo.get(check.id)).toEqual({
      id: check.id,
      rev: 1,
      day: '2026-11-28',
      completedAt: check.completedAt,
      savedAt: SHANGHAI.now,
      syncState: 'pending',
      syncedAt: null,
      rejectReason: null,
      check,
    });
    expect(await db.outbox.toArray()).toEqual([{ seq: 1, checkId: check.id, rev: 1, queuedAt: SHANGHAI.now }]);
    expect(await db.drafts.get(check.id)).toBeUndefined();
  });

  it('writes nothing when the transaction fails after the check and outbox rows were written', async () => {
    const check = makeVehicleCheck();
    await db.drafts.put({ id: check.id, updatedAt: 1, payload: { step: 'dispose' } });
    // Removing the draft is the last step: by then the check is put and the outbox row added.
    db.drafts.hook('deleting', () => {
      throw new Error('disk went away');
    });

    await expect(repo.saveCompleted(check, SHANGHAI)).rejects.toThrow('disk went away');

    expect(await repo.get(check.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.drafts.get(check.id)).toMatchObject({ payload: { step: 'dispose' } });
  });

  it('keeps one outbox entry, for the newest rev, when a check is amended', async () => {
    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    await repo.saveCompleted({ ...check, rev: 2, notes: '复核' }, { ...SHANGHAI, now: SHANGHAI.now + 60_000 });

    const stored = await repo.get(check.id);
    expect(stored?.rev).toBe(2);
    expect(stored?.check.notes).toBe('复核');
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ checkId: check.id, rev: 2, queuedAt: SHANGHAI.now + 60_000 }),
    ]);
    expect(await repo.countPending()).toBe(1);
  });

  it('refuses a rev that is not newer than the stored one and leaves the stored check alone', async () => {
    const check = makeVehicleCheck({ rev: 2, notes: 'second' });
    await repo.saveCompleted(check, SHANGHAI);

    await expect(repo.saveCompleted({ ...check, notes: 'same rev' }, SHANGHAI)).rejects.toBeInstanceOf(
      StaleRevisionError,
    );
    await expect(repo.saveCompleted({ ...check, rev: 1, notes: 'older' }, SHANGHAI)).rejects.toMatchObject({
      checkId: check.id,
      storedRev: 2,
      attemptedRev: 1,
    });

    expect((await repo.get(check.id))?.check.notes).toBe('second');
    expect(await db.outbox.count()).toBe(1);
  });

  it('counts a check on the checkpoint-local day of completedAt, across midnight', async () => {
    const beforeMidnight = makeVehicleCheck({ completedAt: '2026-11-28T15:59:59Z' });
    const afterMidnight = makeVehicleCheck({ completedAt: '2026-11-28T16:30:00Z' });
    await repo.saveCompleted(beforeMidnight, SHANGHAI);
    await repo.saveCompleted(afterMidnight, SHANGHAI);

    expect((await repo.get(afterMidnight.id))?.day).toBe('2026-11-29');
    expect((await repo.listForDay('2026-11-28')).map((c) => c.id)).toEqual([beforeMidnight.id]);
    expect((await repo.listForDay('2026-11-29')).map((c) => c.id)).toEqual([afterMidnight.id]);
  });

  it('commits with strict durability, so a power cut cannot lose a save the officer was told about', async () => {
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');

    await repo.saveCompleted(makeVehicleCheck(), SHANGHAI);

    const writes = transaction.mock.calls.filter(([, mode]) => mode === 'readwrite');
    expect(writes).not.toHaveLength(0);
    for (const [, , options] of writes) expect(options).toEqual({ durability: 'strict' });
  });

  it('reports a full disk as StorageFullError and writes nothing', async () => {
    const check = makeVehicleCheck();
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    await expect(repo.saveCompleted(check, SHANGHAI)).rejects.toBeInstanceOf(StorageFullError);

    vi.restoreAllMocks();
    expect(await repo.get(check.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('listForDay', () => {
  it('lists the day newest first, comparing instants even when offsets differ', async () => {
    const first = makeVehicleCheck({ completedAt: '2026-11-28T08:00:00+08:00' });
    const third = makeVehicleCheck({ completedAt: '2026-11-28T09:30:00+08:00' });
    // 01:15Z is 09:15 in Shanghai: between the two, though it sorts last as text.
    const second = makeVehicleCheck({ completedAt: '2026-11-28T01:15:00Z' });
    for (const check of [first, third, second]) await repo.saveCompleted(check, SHANGHAI);

    expect((await repo.listForDay('2026-11-28')).map((c) => c.id)).toEqual([third.id, second.id, first.id]);
    expect(await repo.listForDay('2026-11-27')).toEqual([]);
  });
});

describe('listNewestForDay', () => {
  it('reads only the newest page of the day, newest first by instant, each with its sync state', async () => {
    const times = ['08:00:00+08:00', '09:30:00+08:00', '10:45:00+08:00', '11:05:00+08:00'];
    const [a, b, c, d] = times.map((time) => makeVehicleCheck({ completedAt: `2026-11-28T${time}` }));
    // 01:15Z is 09:15 in Shanghai: between a and b, though it sorts last as text.
    const utc = makeVehicleCheck({ completedAt: '2026-11-28T01:15:00Z' });
    for (const check of [a, b, c, d, utc]) await repo.saveCompleted(check!, SHANGHAI);
    await repo.markSynced([{ id: c!.id, rev: 1 }], SHANGHAI.now);

    const page = await repo.listNewestForDay('2026-11-28', 3);
    expect(page.map((row) => row.id)).toEqual([d!.id, c!.id, b!.id]);
    expect(page.map((row) => row.syncState)).toEqual(['pending', 'synced', 'pending']);
    expect((await repo.listNewestForDay('2026-11-28', 10)).map((row) => row.id)).toEqual([
      d!.id,
      c!.id,
      b!.id,
      utc.id,
      a!.id,
    ]);
    expect(await repo.listNewestForDay('2026-11-27', 10)).toEqual([]);
  });
});

describe('sync bookkeeping', () => {
  it('counts pending checks until they are acknowledged or rejected', async () => {
    const [a, b, c] = [makeVehicleCheck(), makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [a, b, c]) await repo.saveCompleted(check, SHANGHAI);
    expect(await repo.countPending()).toBe(3);

    expect(await repo.markSynced([{ id: a.id, rev: 1 }], SHANGHAI.now + 1_000)).toBe(1);
    await repo.markRejected(b.id, 1, 'another checkpoint', 'other-checkpoint');

    expect(await repo.countPending()).toBe(1);
    expect(await repo.get(a.id)).toMatchObject({ syncState: 'synced', syncedAt: SHANGHAI.now + 1_000 });
    expect(await repo.get(b.id)).toMatchObject({
      syncState: 'rejected',
      rejectReason: 'another checkpoint',
      rejectCode: 'other-checkpoint',
    });
    expect((await repo.listPending(10)).map((s) => s.id)).toEqual([c.id]);
  });

  it('lists pending checks in the order they were queued, up to the limit; an amendment goes to the back', async () => {
    const [a, b, c] = [makeVehicleCheck(), makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [a, b, c]) await repo.saveCompleted(check, SHANGHAI);
    await repo.saveCompleted({ ...a, rev: 2 }, SHANGHAI);

    expect((await repo.listPending(2)).map((s) => s.id)).toEqual([b.id, c.id]);
    expect((await repo.listPending(10)).map((s) => [s.id, s.rev])).toEqual([
      [b.id, 1],
      [c.id, 1],
      [a.id, 2],
    ]);
  });

  it('ignores an acknowledgement for an older rev than the one stored', async () => {
    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    // The officer amends while rev 1 is on the wire; the server then acknowledges rev 1.
    await repo.saveCompleted({ ...check, rev: 2 }, SHANGHAI);

    expect(await repo.markSynced([{ id: check.id, rev: 1 }], SHANGHAI.now)).toBe(0);
    expect(await repo.get(check.id)).toMatchObject({ rev: 2, syncState: 'pending', syncedAt: null });
    expect((await repo.listPending(10)).map((s) => s.rev)).toEqual([2]);

    expect(await repo.markSynced([{ id: check.id, rev: 2 }], SHANGHAI.now)).toBe(1);
    expect(await repo.countPending()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('settles exactly the acknowledged entries, wherever they are queued, and leaves the rest in order', async () => {
    const [a, b, c, d, e] = [
      makeVehicleCheck(),
      makeVehicleCheck(),
      makeVehicleCheck(),
      makeVehicleCheck(),
      makeVehicleCheck(),
    ];
    for (const check of [a, b, c, d, e]) await repo.saveCompleted(check, SHANGHAI);
    // Not one run of the queue: b stays between them.
    expect(
      await repo.markSynced(
        [
          { id: a.id, rev: 1 },
          { id: c.id, rev: 1 },
        ],
        SHANGHAI.now,
      ),
    ).toBe(2);
    expect((await repo.listPending(10)).map((s) => s.id)).toEqual([b.id, d.id, e.id]);

    // b amended goes to the back; the acknowledgement names d, then b at its new rev, but not e, now between them.
    await repo.saveCompleted({ ...b, rev: 2 }, SHANGHAI);
    expect(
      await repo.markSynced(
        [
          { id: d.id, rev: 1 },
          { id: b.id, rev: 2 },
        ],
        SHANGHAI.now,
      ),
    ).toBe(2);
    expect((await repo.listPending(10)).map((s) => s.id)).toEqual([e.id]);

    // A whole run from the head.
    const [f, g] = [makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [f, g]) await repo.saveCompleted(check, SHANGHAI);
    expect(
      await repo.markSynced(
        [
          { id: e.id, rev: 1 },
          { id: f.id, rev: 1 },
        ],
        SHANGHAI.now,
      ),
    ).toBe(2);
    expect((await repo.listPending(10)).map((s) => s.id)).toEqual([g.id]);
    expect(await repo.countPending()).toBe(1);
    for (const check of [a, b, c, d, e, f]) expect((await repo.get(check.id))?.syncState).toBe('synced');
  });

  it('ignores acknowledgements for checks it does not hold', async () => {
    expect(await repo.markSynced([{ id: makeVehicleCheck().id, rev: 1 }], SHANGHAI.now)).toBe(0);
  });

  it('keeps a rejected check and sends it again once the officer amends it', async () => {
    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    await repo.markRejected(check.id, 1, 'plate is not valid', 'invalid-check');
    expect(await repo.listPending(10)).toEqual([]);

    await repo.saveCompleted({ ...check, rev: 2 }, SHANGHAI);

    const amended = await repo.get(check.id);
    expect(amended).toMatchObject({ rev: 2, syncState: 'pending', rejectReason: null });
    expect(amended?.rejectCode ?? null).toBeNull();
    expect((await repo.listPending(10)).map((s) => s.rev)).toEqual([2]);
  });

  it('does not reject a newer rev than the one the server refused', async () => {
    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    await repo.saveCompleted({ ...check, rev: 2 }, SHANGHAI);

    await repo.markRejected(check.id, 1, 'stale content');

    expect(await repo.get(check.id)).toMatchObject({ rev: 2, syncState: 'pending', rejectReason: null });
  });
});

describe('rejected list', () => {
  it('lists the checks the server refused with its reason, newest first, and not the pending or synced ones', async () => {
    const older = makeVehicleCheck({ completedAt: '2026-11-28T08:00:00+08:00' });
    const newer = makeVehicleCheck({ completedAt: '2026-11-28T09:00:00+08:00' });
    const fine = makeVehicleCheck();
    for (const check of [older, newer, fine]) await repo.saveCompleted(check, SHANGHAI);
    await repo.markRejected(older.id, 1, 'belongs to another checkpoint');
    await repo.markRejected(newer.id, 1, 'same id and rev with different content');

    expect((await repo.listRejected()).map((s) => [s.id, s.rejectReason])).toEqual([
      [newer.id, 'same id and rev with different content'],
      [older.id, 'belongs to another checkpoint'],
    ]);
  });
});

describe('parked after server errors (ADR 028)', () => {
  const SERVER_WORDS = 'cannot store check: value too long for column plate';

  it('keeps a parked check with the server’s words, stops sending it and lists it with the refused ones', async () => {
    const [parked, refused, fine] = [makeVehicleCheck(), makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [parked, refused, fine]) await repo.saveCompleted(check, SHANGHAI);
    await repo.markRejected(refused.id, 1, 'belongs to another checkpoint', 'other-checkpoint');

    await repo.markParked(parked.id, 1, SERVER_WORDS, SHANGHAI.now + 5_000);

    expect(await repo.get(parked.id)).toMatchObject({
      syncState: 'rejected',
      rejectReason: SERVER_WORDS,
      rejectCode: null,
      parkedAt: SHANGHAI.now + 5_000,
      check: parked,
    });
    expect((await repo.listPending(10)).map((row) => row.id)).toEqual([fine.id]);
    expect(await repo.countPending()).toBe(1);
    const listed = await repo.listRejected();
    expect(listed.map((row) => [row.id, row.parkedAt ?? null]).sort()).toEqual(
      [
        [parked.id, SHANGHAI.now + 5_000],
        [refused.id, null],
      ].sort(),
    );
  });

  it('does not park a newer rev than the one the server failed on', async () => {
    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    await repo.saveCompleted({ ...check, rev: 2 }, SHANGHAI);

    await repo.markParked(check.id, 1, SERVER_WORDS, SHANGHAI.now);

    expect(await repo.get(check.id)).toMatchObject({ rev: 2, syncState: 'pending', rejectReason: null });
    expect((await repo.listPending(10)).map((row) => row.rev)).toEqual([2]);
  });

  it('queues a retried check again at the back, under the same rev, and no longer lists it', async () => {
    const [parked, other] = [makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [parked, other]) await repo.saveCompleted(check, SHANGHAI);
    await repo.markParked(parked.id, 1, SERVER_WORDS, SHANGHAI.now);
    const later = makeVehicleCheck();
    await repo.saveCompleted(later, SHANGHAI);

    // Asked twice (a double tap): queued once.
    expect(await repo.retryParked([parked.id, parked.id], SHANGHAI.now + 60_000)).toBe(1);

    expect(await repo.get(parked.id)).toMatchObject({
      rev: 1,
      syncState: 'pending',
      rejectReason: null,
      rejectCode: null,
      parkedAt: null,
    });
    expect((await repo.listPending(10)).map((row) => row.id)).toEqual([other.id, later.id, parked.id]);
    expect(await db.outbox.where('checkId').equals(parked.id).toArray()).toEqual([
      expect.objectContaining({ rev: 1, queuedAt: SHANGHAI.now + 60_000 }),
    ]);
    expect(await repo.listRejected()).toEqual([]);
    // Acknowledged like any queued check.
    expect(await repo.markSynced([{ id: parked.id, rev: 1 }], SHANGHAI.now + 61_000)).toBe(1);
    expect(await repo.get(parked.id)).toMatchObject({ syncState: 'synced' });
  });

  it('retries only parked checks: a refused, pending, synced or unknown check is left as it is', async () => {
    const [refused, pending, synced] = [makeVehicleCheck(), makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [refused, pending, synced]) await repo.saveCompleted(check, SHANGHAI);
    await repo.markRejected(refused.id, 1, 'plate is not valid', 'invalid-check');
    await repo.markSynced([{ id: synced.id, rev: 1 }], SHANGHAI.now);

    expect(
      await repo.retryParked([refused.id, pending.id, synced.id, makeVehicleCheck().id], SHANGHAI.now + 1_000),
    ).toBe(0);

    expect(await repo.get(refused.id)).toMatchObject({ syncState: 'rejected', rejectCode: 'invalid-check' });
    expect((await repo.listPending(10)).map((row) => row.id)).toEqual([pending.id]);
    expect(await repo.get(synced.id)).toMatchObject({ syncState: 'synced' });
  });

  it('reads a refusal stored before parking existed as refused, not parked', async () => {
    const check = makeVehicleCheck();
    // As an older build wrote it: no parkedAt at all.
    await db.checks.put({
      id: check.id,
      rev: 1,
      day: '2026-11-28',
      completedAt: check.completedAt,
      savedAt: SHANGHAI.now,
      syncState: 'rejected',
      syncedAt: null,
      rejectReason: 'same id and rev with different content',
      check,
    });

    expect((await repo.listRejected()).map((row) => [row.id, row.rejectReason])).toEqual([
      [check.id, 'same id and rev with different content'],
    ]);
    expect(await repo.retryParked([check.id], SHANGHAI.now)).toBe(0);
    expect(await repo.countPending()).toBe(0);
  });

  it('forgets the parking when the officer amends the check, or when the server later refuses it', async () => {
    const [amended, refusedLater] = [makeVehicleCheck(), makeVehicleCheck()];
    for (const check of [amended, refusedLater]) {
      await repo.saveCompleted(check, SHANGHAI);
      await repo.markParked(check.id, 1, SERVER_WORDS, SHANGHAI.now);
    }

    await repo.saveCompleted({ ...amended, rev: 2, notes: 'plate corrected' }, SHANGHAI);
    await repo.retryParked([refusedLater.id], SHANGHAI.now);
    await repo.markRejected(refusedLater.id, 1, 'invalid check: plate', 'invalid-check');

    const row = await repo.get(amended.id);
    expect(row).toMatchObject({ rev: 2, syncState: 'pending', rejectReason: null });
    expect(row?.parkedAt ?? null).toBeNull();
    expect(await repo.get(refusedLater.id)).toMatchObject({
      syncState: 'rejected',
      rejectCode: 'invalid-check',
      parkedAt: null,
    });
  });
});

describe('adoptPending', () => {
  const enrolled = { checkpointId: 'cp-real-07', deviceId: 'dev-server-9', timeZone: 'Asia/Urumqi' };

  it('stamps the enrolled ids onto checks saved before enrollment, keeping their rev and place in the queue', async () => {
    const first = makeVehicleCheck({
      checkpointId: UNENROLLED_CHECKPOINT_ID,
      deviceId: 'local-uuid',
      completedAt: '2026-11-28T01:30:00+08:00',
    });
    const second = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID, deviceId: 'local-uuid' });
    for (const check of [first, second]) await repo.saveCompleted(check, SHANGHAI);

    expect(await repo.adoptPending(enrolled)).toBe(2);

    const pending = await repo.listPending(10);
    expect(pending.map((s) => [s.id, s.rev, s.check.checkpointId, s.check.deviceId])).toEqual([
      [first.id, 1, 'cp-real-07', 'dev-server-9'],
      [second.id, 1, 'cp-real-07', 'dev-server-9'],
    ]);
    // Saved under the default zone (the 28th in Shanghai); the checkpoint's own zone puts 01:30 +08 on the 27th.
    expect(pending[0]?.day).toBe('2026-11-27');
  });

  it('gives checks saved under this checkpoint with an old device id a new rev, so the server updates rather than refuses', async () => {
    const underOldToken = makeVehicleCheck({ checkpointId: 'cp-real-07', deviceId: 'dev-server-1' });
    await repo.saveCompleted(underOldToken, SHANGHAI);

    expect(await repo.adoptPending(enrolled)).toBe(1);

    expect(await repo.get(underOldToken.id)).toMatchObject({ rev: 2, check: { rev: 2, deviceId: 'dev-server-9' } });
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ checkId: underOldToken.id, rev: 2 })]);
    // The repository's own acknowledgement rules hold for the new rev.
    expect(await repo.markSynced([{ id: underOldToken.id, rev: 2 }], SHANGHAI.now)).toBe(1);
  });

  it('leaves synced checks, rejected checks and another checkpoint’s checks alone', async () => {
    const synced = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID });
    const rejected = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID });
    const elsewhere = makeVehicleCheck({ checkpointId: 'cp-other' });
    for (const check of [synced, rejected, elsewhere]) await repo.saveCompleted(check, SHANGHAI);
    await repo.markSynced([{ id: synced.id, rev: 1 }], SHANGHAI.now);
    await repo.markRejected(rejected.id, 1, 'invalid');

    expect(await repo.adoptPending(enrolled)).toBe(0);

    for (const check of [synced, rejected, elsewhere]) expect((await repo.get(check.id))?.check).toEqual(check);
  });
});

describe('observePendingCount', () => {
  it('reports the pending count at once and again after each save and acknowledgement', async () => {
    const counts: number[] = [];
    const stop = repo.observePendingCount((count) => counts.push(count));
    await vi.waitFor(() => {
      expect(counts).toEqual([0]);
    });

    const check = makeVehicleCheck();
    await repo.saveCompleted(check, SHANGHAI);
    await vi.waitFor(() => {
      expect(counts).toEqual([0, 1]);
    });
    await repo.markSynced([{ id: check.id, rev: 1 }], SHANGHAI.now);
    await vi.waitFor(() => {
      expect(counts).toEqual([0, 1, 0]);
    });

    stop();
    await repo.saveCompleted(makeVehicleCheck(), SHANGHAI);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counts).toEqual([0, 1, 0]);
  });
});
