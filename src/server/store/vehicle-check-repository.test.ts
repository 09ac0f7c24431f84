import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { InvalidCursorError, StoreInputError } from './store-errors.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import {
  REJECT_DIFFERENT_CONTENT,
  REJECT_OTHER_CHECKPOINT,
  REJECT_UNKNOWN_CHECKPOINT,
  type IngestCheck,
} from './vehicle-check-repository.ts';

const statuses = (results: readonly BatchResult[]) => results.map((r) => r.status);

forEachStore('vehicle check repository', ({ kind, store, clock, openSibling }) => {
  async function newCheckpoint(name = '娄底东'): Promise<string> {
    return (await store().checkpoints.create({ name, province: '湖南', city: '娄底' })).checkpoint.id;
  }
  const ingest = (...checks: VehicleCheck[]) => store().vehicleChecks.ingest(checks.map((c) => toIngest(c)));
  async function stored(checkpointId: string) {
    return (await store().vehicleChecks.list({ checkpointId, limit: 1000 })).checks;
  }

  it('a new id is created and stored with the server’s own flags', async () => {
    const cp = await newCheckpoint();
    const feverish = makeServerCheck({ checkpointId: cp, persons: [makeServerPerson({ temperatures: [38.1] })] });
    expect(await ingest(feverish)).toEqual([{ id: feverish.id, status: 'created' }]);
    const [row] = await stored(cp);
    expect(row?.check).toEqual(feverish);
    expect(row?.serverFlags).toEqual([['fever']]);
    expect(row?.localDay).toBe('2026-11-28');
    expect(await store().vehicleChecks.count(cp)).toBe(1);
  });

  it('stores text with quotes, backslashes, braces, commas and the word NULL exactly as sent', async () => {
    const cp = await newCheckpoint();
    const awkward = makeServerCheck({
      checkpointId: cp,
      notes: 'NULL',
      persons: [
        makeServerPerson({
          registration: { name: '王"小\\二" {甲,乙}', idNumber: '11010519491231002X', phone: '13800138000' },
        }),
      ],
    });
    const plain = makeServerCheck({ checkpointId: cp, notes: '"},{\\' });
    expect(statuses(await ingest(awkward, plain))).toEqual(['created', 'created']);
    const byId = new Map((await stored(cp)).map((row) => [row.check.id, row.check]));
    expect(byId.get(awkward.id)).toEqual(awkward);
    expect(byId.get(plain.id)).toEqual(plain);
  });

  it('a higher rev of a known id updates it, keeping when it was first received', async () => {
    const cp = await newCheckpoint();
    const first = makeServerCheck({ checkpointId: cp });
    await ingest(first);
    clock().advance(60_000);
    const amended = { ...first, rev: 2, notes: 'driver came back with a test result' };
    expect(await ingest(amended)).toEqual([{ id: first.id, status: 'updated' }]);
    const [row] = await stored(cp);
    expect(row?.check).toEqual(amended);
    expect(row?.receivedAt).toBe(new Date(clock().now() - 60_000).toISOString());
    expect(row?.updatedAt).toBe(new Date(clock().now()).toISOString());
  });

  it('the same id, rev and content again is a duplicate and changes nothing', async () => {
    const cp = await newCheckpoint();
    const check = makeServerCheck({ checkpointId: cp });
    await ingest(check);
    const before = await stored(cp);
    clock().advance(60_000);
    expect(await ingest(check)).toEqual([{ id: check.id, status: 'duplicate' }]);
    expect(await stored(cp)).toEqual(before);
  });

  it('a lower rev than stored is stale and ignored', async () => {
    const cp = await newCheckpoint();
    const first = makeServerCheck({ checkpointId: cp });
    const amended = { ...first, rev: 2, notes: 'amended' };
    await ingest(amended);
    expect(await ingest(first)).toEqual([{ id: first.id, status: 'stale' }]);
    expect((await stored(cp))[0]?.check).toEqual(amended);
  });

  it('the same id and rev with different content is rejected, and the stored check kept', async () => {
    const cp = await newCheckpoint();
    const check = makeServerCheck({ checkpointId: cp });
    await ingest(check);
    const forged = { ...check, disposition: 'turn-back' as const };
    expect(await ingest(forged)).toEqual([
      { id: check.id, status: 'rejected', code: 'conflicting-content', error: REJECT_DIFFERENT_CONTENT },
    ]);
    expect((await stored(cp))[0]?.check).toEqual(check);
  });

  it('another checkpoint’s id is rejected even with a higher rev, and left untouched', async () => {
    const mine = await newCheckpoint('娄底东');
    const theirs = await newCheckpoint('双峰');
    const check = makeServerCheck({ checkpointId: mine });
    await ingest(check);
    const hijack = { ...check, checkpointId: theirs, rev: 5 };
    expect(await ingest(hijack)).toEqual([
      { id: check.id, status: 'rejected', code: 'other-checkpoint', error: REJECT_OTHER_CHECKPOINT },
    ]);
    expect((await stored(mine))[0]?.check).toEqual(check);
    expect(await stored(theirs)).toEqual([]);
  });

  it('a check for an unknown checkpoint is rejected without blocking the rest of the batch', async () => {
    const cp = await newCheckpoint();
    const orphan = makeServerCheck({ checkpointId: 'no-such-checkpoint' });
    const good = makeServerCheck({ checkpointId: cp });
    expect(await ingest(orphan, good)).toEqual([
      { id: orphan.id, status: 'rejected', code: 'unknown-checkpoint', error: REJECT_UNKNOWN_CHECKPOINT },
      { id: good.id, status: 'created' },
    ]);
  });

  it('answers every status in one batch, in request order', async () => {
    const cp = await newCheckpoint();
    const other = await newCheckpoint('双峰');
    const known = makeServerCheck({ checkpointId: cp });
    const newer = makeServerCheck({ checkpointId: cp, rev: 3 });
    const foreign = makeServerCheck({ checkpointId: other });
    await ingest(known, newer, foreign);
    const batch = [
      { ...known, rev: 2 },
      makeServerCheck({ checkpointId: cp }),
      { ...newer, rev: 2 },
      known,
      { ...newer, notes: 'different' },
      { ...foreign, checkpointId: cp },
    ];
    expect(statuses(await ingest(...batch))).toEqual(['updated', 'created', 'stale', 'stale', 'rejected', 'rejected']);
  });

  it('a second copy of an id in the same batch is judged against the first', async () => {
    const cp = await newCheckpoint();
    const a = makeServerCheck({ checkpointId: cp });
    const b = makeServerCheck({ checkpointId: cp });
    const c = makeServerCheck({ checkpointId: cp });
    const d = makeServerCheck({ checkpointId: cp });
    const results = await ingest(a, a, b, { ...b, rev: 2 }, { ...c, rev: 2 }, c, d, { ...d, notes: 'changed' });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [a.id, 'created'],
      [a.id, 'duplicate'],
      [b.id, 'created'],
      [b.id, 'updated'],
      [c.id, 'created'],
      [c.id, 'stale'],
      [d.id, 'created'],
      [d.id, 'rejected'],
    ]);
    const revs = new Map((await stored(cp)).map((s) => [s.check.id, s.check.rev]));
    expect(revs).toEqual(
      new Map([
        [a.id, 1],
        [b.id, 2],
        [c.id, 2],
        [d.id, 1],
      ]),
    );
  });

  it('stores a full batch of 500', async () => {
    const cp = await newCheckpoint();
    const batch = Array.from({ length: 500 }, () => makeServerCheck({ checkpointId: cp }));
    const results = await ingest(...batch);
    expect(results.map((r) => r.id)).toEqual(batch.map((c) => c.id));
    expect(new Set(statuses(results))).toEqual(new Set(['created']));
    expect(await store().vehicleChecks.count(cp)).toBe(500);
  });

  it('a batch resent three times leaves exactly one row per id, at its highest rev', async () => {
    const cp = await newCheckpoint();
    const firsts = Array.from({ length: 60 }, () => makeServerCheck({ checkpointId: cp }));
    // A third of the ids travel twice: the original and an amendment queued behind it.
    const batch = [...firsts, ...firsts.slice(0, 20).map((c) => ({ ...c, rev: 2, notes: 'amended' }))];
    const answers = [await ingest(...batch), await ingest(...batch), await ingest(...batch)];
    expect(statuses(answers[0] ?? [])).toEqual([
      ...Array<string>(60).fill('created'),
      ...Array<string>(20).fill('updated'),
    ]);
    for (const resent of answers.slice(1)) {
      expect(statuses(resent)).toEqual([
        ...Array<string>(20).fill('stale'),
        ...Array<string>(40).fill('duplicate'),
        ...Array<string>(20).fill('duplicate'),
      ]);
    }
    const rows = await stored(cp);
    expect(rows).toHaveLength(60);
    expect(await store().vehicleChecks.count(cp)).toBe(60);
    const amended = new Set(firsts.slice(0, 20).map((c) => c.id));
    for (const row of rows) expect(row.check.rev).toBe(amended.has(row.check.id) ? 2 : 1);
  });

  it('four servers ingesting the same batch at once store each id once, and exactly one of them sees it created', async () => {
    const cp = await newCheckpoint();
    const batch = Array.from({ length: 500 }, () => toIngest(makeServerCheck({ checkpointId: cp })));
    // PostgreSQL: four stores with their own connection pools, as four server processes would be.
    // SQLite: one process's store (a second in-process connection would block the event loop in busy_timeout).
    const stores =
      kind === 'postgres'
        ? [store(), await openSibling(), await openSibling(), await openSibling()]
        : [store(), store(), store(), store()];
    const answers = await Promise.all(stores.map((s) => s.vehicleChecks.ingest(batch)));
    for (const [i, check] of batch.entries()) {
      const seen = answers.map((results) => results[i]);
      expect(seen.every((r) => r?.id === check.check.id)).toBe(true);
      expect(seen.filter((r) => r?.status === 'created')).toHaveLength(1);
      expect(seen.filter((r) => r?.status === 'duplicate')).toHaveLength(3);
    }
    expect(await store().vehicleChecks.count(cp)).toBe(500);
  });

  it('four servers racing different revs of the same checks end at the highest rev', async () => {
    const cp = await newCheckpoint();
    const base = Array.from({ length: 200 }, () => makeServerCheck({ checkpointId: cp }));
    const stores =
      kind === 'postgres'
        ? [store(), await openSibling(), await openSibling(), await openSibling()]
        : [store(), store(), store(), store()];
    const answers = await Promise.all(
      stores.map((s, i) =>
        s.vehicleChecks.ingest(base.map((c) => toIngest({ ...c, rev: i + 1, notes: `rev ${i + 1}` }))),
      ),
    );
    for (const results of answers) {
      expect(results.every((r) => ['created', 'updated', 'stale'].includes(r.status))).toBe(true);
    }
    const rows = await stored(cp);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.check.rev === 4 && r.check.notes === 'rev 4')).toBe(true);
  });

  it('pages through a checkpoint’s checks in completion order with a cursor', async () => {
    const cp = await newCheckpoint();
    const other = await newCheckpoint('双峰');
    const startMs = Date.parse('2026-11-28T08:00:00+08:00');
    // Pairs share a completion second, so the id must break ties for the cursor to lose nothing.
    const checks = Array.from({ length: 25 }, (_, i) =>
      makeServerCheck({ checkpointId: cp, completedAt: new Date(startMs + Math.floor(i / 2) * 60_000).toISOString() }),
    );
    await ingest(...[...checks].reverse(), makeServerCheck({ checkpointId: other }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store().vehicleChecks.list({ checkpointId: cp, limit: 10, cursor });
      seen.push(...page.checks.map((c) => c.check.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    const expected = [...checks]
      .sort((a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt) || (a.id < b.id ? -1 : 1))
      .map((c) => c.id);
    expect(seen).toEqual(expected);
  });

  it('filters by completion time (from inclusive, to exclusive) and by checkpoint, or none for admins', async () => {
    const cp = await newCheckpoint();
    const other = await newCheckpoint('双峰');
    const early = makeServerCheck({ checkpointId: cp, completedAt: '2026-11-28T07:00:00+08:00' });
    const onTime = makeServerCheck({ checkpointId: cp, completedAt: '2026-11-28T08:00:00+08:00' });
    const late = makeServerCheck({ checkpointId: cp, completedAt: '2026-11-28T09:00:00+08:00' });
    const elsewhere = makeServerCheck({ checkpointId: other, completedAt: '2026-11-28T08:30:00+08:00' });
    await ingest(early, onTime, late, elsewhere);
    const ids = async (query: Parameters<ReturnType<typeof store>['vehicleChecks']['list']>[0]) =>
      (await store().vehicleChecks.list(query)).checks.map((c) => c.check.id);
    const fromMs = Date.parse(onTime.completedAt);
    const toMs = Date.parse(late.completedAt);
    expect(await ids({ checkpointId: cp, fromMs, toMs, limit: 10 })).toEqual([onTime.id]);
    expect(await ids({ checkpointId: null, fromMs, toMs, limit: 10 })).toEqual([onTime.id, elsewhere.id]);
    expect(await ids({ checkpointId: null, limit: 10 })).toHaveLength(4);
    expect(await store().vehicleChecks.count()).toBe(4);
    expect(await store().vehicleChecks.count(other)).toBe(1);
  });

  it('refuses a cursor it did not hand out and a page size below one', async () => {
    const cp = await newCheckpoint();
    for (const cursor of [
      'garbage',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
      // A cursor's id is a check's UUID: anything else never reaches a query (PostgreSQL refuses a NUL in text).
      Buffer.from(JSON.stringify([1, 'a\u0000'])).toString('base64url'),
      Buffer.from(JSON.stringify([1, 'x'.repeat(40)])).toString('base64url'),
    ]) {
      await expect(store().vehicleChecks.list({ checkpointId: cp, limit: 10, cursor })).rejects.toThrow(
        InvalidCursorError,
      );
    }
    await expect(store().vehicleChecks.list({ checkpointId: cp, limit: 0 })).rejects.toThrow(StoreInputError);
  });

  // Defence in depth (ADR 027): the schema refuses such values before they reach the store; should one slip past it,
  // the store's refusal rejects that check alone and the rest of its batch is stored.
  describe('a check whose value the store refuses', () => {
    /** What the route would hand the store for a check the schema never saw: `change` applied after validation. */
    const unvalidated = (check: VehicleCheck, change: (item: IngestCheck) => IngestCheck) => change(toIngest(check));
    const talliesOf = async (ids: string[]) =>
      (await store().db.selectFrom('check_tallies').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

    it('is rejected as unprocessable-check alone: the checks before and after it are stored, each once', async () => {
      const cp = await newCheckpoint();
      const before = makeServerCheck({ checkpointId: cp });
      const refused = makeServerCheck({ checkpointId: cp });
      const after = makeServerCheck({ checkpointId: cp });
      // NaN is no column value: SQLite binds it as NULL and refuses it (NOT NULL), PostgreSQL refuses it as a bigint.
      const batch = [
        toIngest(before),
        unvalidated(refused, (item) => ({ ...item, completedAtMs: Number.NaN })),
        toIngest(after),
      ];
      const results = await store().vehicleChecks.ingest(batch);
      expect(results[0]).toEqual({ id: before.id, status: 'created' });
      expect(results[1]).toMatchObject({ id: refused.id, status: 'rejected', code: 'unprocessable-check' });
      expect(results[1]?.error).toMatch(
        kind === 'sqlite' ? /SQLite SQLITE_CONSTRAINT_NOTNULL/u : /PostgreSQL 2[23]\w{3}/u,
      );
      expect(results[2]).toEqual({ id: after.id, status: 'created' });
      expect((await stored(cp)).map((row) => row.check.id).sort()).toEqual([before.id, after.id].sort());
      expect((await talliesOf([before.id, refused.id, after.id])).sort()).toEqual([before.id, after.id].sort());
      // Sent again, the stored ones are duplicates and the refused one is refused again: nothing is stored twice.
      expect(statuses(await store().vehicleChecks.ingest(batch))).toEqual(['duplicate', 'rejected', 'duplicate']);
      expect(await store().vehicleChecks.count(cp)).toBe(2);
    });

    it('a NUL in text or a rev past int4: PostgreSQL refuses that check alone, SQLite keeps what it is given', async () => {
      const cp = await newCheckpoint();
      const good = makeServerCheck({ checkpointId: cp });
      const nulTeam = makeServerCheck({ checkpointId: cp });
      const hugeRev = makeServerCheck({ checkpointId: cp });
      const results = await store().vehicleChecks.ingest([
        unvalidated(nulTeam, (item) => ({ ...item, check: { ...item.check, team: 'A\u0000' } })),
        toIngest(good),
        unvalidated(hugeRev, (item) => ({ ...item, check: { ...item.check, rev: 3_000_000_000 } })),
      ]);
      expect(results[1]).toEqual({ id: good.id, status: 'created' });
      if (kind === 'postgres') {
        expect(results[0]).toMatchObject({ status: 'rejected', code: 'unprocessable-check', error: /PostgreSQL 22/u });
        expect(results[2]).toMatchObject({
          status: 'rejected',
          code: 'unprocessable-check',
          error: /PostgreSQL 22003/u,
        });
        expect(await store().vehicleChecks.count(cp)).toBe(1);
      } else {
        expect(statuses(results)).toEqual(['created', 'created', 'created']);
        expect(await store().vehicleChecks.count(cp)).toBe(3);
      }
    });

    it('a failure that is not a refused value still fails the batch, storing none of it', async () => {
      const cp = await newCheckpoint();
      const good = makeServerCheck({ checkpointId: cp });
      const broken = unvalidated(makeServerCheck({ checkpointId: cp }), (item) => ({
        ...item,
        // Not a value the database refuses but a bug of the caller's: it must surface, not pass as a rejection.
        check: { ...item.check, persons: undefined as unknown as VehicleCheck['persons'] },
      }));
      await expect(store().vehicleChecks.ingest([toIngest(good), broken])).rejects.toThrow();
      expect(await store().vehicleChecks.count(cp)).toBe(0);
    });
  });
});
