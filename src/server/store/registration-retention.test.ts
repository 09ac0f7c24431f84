// Retention on the server, on SQLite and PostgreSQL: registrations past the policy's retention leave the stored checks;
// the checks, their flags, the day's tallies and everything recent stay as they were.
import { expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { DAY_MS } from '../../domain/retention.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { sumDay } from './day-sums.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

const HOUR_MS = 60 * 60 * 1000;
const NAMES = ['张三', '李四', '王五'];

forEachStore('registration retention', ({ store, clock }) => {
  async function newCheckpoint(): Promise<string> {
    return (await store().checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' })).checkpoint.id;
  }

  /** A car whose yellow-code passenger was registered under `name`, completed at `completedAtMs`. */
  function registeredCheck(checkpointId: string, completedAtMs: number, name: string): VehicleCheck {
    return makeServerCheck({
      checkpointId,
      startedAt: new Date(completedAtMs - 40_000).toISOString(),
      completedAt: new Date(completedAtMs).toISOString(),
      persons: [
        makeServerPerson(),
        makeServerPerson({
          role: 'passenger',
          codeColor: 'yellow',
          flags: ['yellow-code'],
          disposition: 'turn-back',
          registration: { name, idNumber: '11010519491231002X', phone: '13800138000' },
        }),
      ],
      disposition: 'turn-back',
    });
  }

  const ingest = (...checks: VehicleCheck[]) => store().vehicleChecks.ingest(checks.map((check) => toIngest(check)));

  async function rows() {
    return store()
      .db.selectFrom('vehicle_checks')
      .select(['id', 'body', 'has_registration', 'server_flags', 'content_hash'])
      .orderBy('id')
      .execute();
  }

  async function tallies() {
    return store().db.selectFrom('check_tallies').selectAll().orderBy('id').execute();
  }

  const daySum = (checkpointId: string, date: string) =>
    sumDay(store().db, store().dialect, {
      checkpointId,
      date,
      timeZone: 'Asia/Shanghai',
      province: '湖南',
      city: '娄底',
      generatedAt: '2027-01-07T00:00:00.000Z',
    });

  it('strips the registrations of checks completed 40 days ago; counts, flags and tallies stay; recent checks are untouched', async () => {
    const cp = await newCheckpoint();
    const oldDay = '2026-11-28';
    const old = NAMES.map((name, i) => registeredCheck(cp, clock().now() + (i + 1) * HOUR_MS, name));
    const oldUnregistered = makeServerCheck({ checkpointId: cp });
    await ingest(...old, oldUnregistered);
    clock().advance(40 * DAY_MS);
    const recent = registeredCheck(cp, clock().now() - 2 * DAY_MS, '赵六');
    await ingest(recent);

    const rowsBefore = await rows();
    const talliesBefore = await tallies();
    const oldDayBefore = await daySum(cp, oldDay);
    expect(oldDayBefore.vehicles).toBe(4);
    expect(rowsBefore.map((row) => row.has_registration).sort()).toEqual([0, 1, 1, 1, 1]);

    expect(await store().retention.apply()).toEqual({ checks: 3, registrations: 3, retentionDays: 28 });

    const rowsAfter = await rows();
    expect(rowsAfter).toHaveLength(5);
    for (const row of rowsAfter.filter((r) => r.id !== recent.id)) {
      // Gone from the stored text itself, not only from what the API shows.
      for (const name of NAMES) expect(row.body).not.toContain(name);
      expect(row.body).not.toContain('11010519491231002X');
      expect(row.has_registration).toBe(0);
    }
    // Flags, content hashes and the tally rows are exactly as before.
    expect(rowsAfter.map(({ id, server_flags, content_hash }) => ({ id, server_flags, content_hash }))).toEqual(
      rowsBefore.map(({ id, server_flags, content_hash }) => ({ id, server_flags, content_hash })),
    );
    expect(await tallies()).toEqual(talliesBefore);
    expect(await daySum(cp, oldDay)).toEqual(oldDayBefore);

    const listed = (await store().vehicleChecks.list({ checkpointId: cp, limit: 10 })).checks;
    for (const check of old) {
      const kept = listed.find((stored) => stored.check.id === check.id);
      expect(kept?.check).toEqual({
        ...check,
        persons: check.persons.map((person) => ({ ...person, registration: null })),
      });
      expect(kept?.serverFlags).toEqual([[], ['yellow-code']]);
    }
    expect(listed.find((stored) => stored.check.id === recent.id)?.check).toEqual(recent);

    // A second run finds nothing left to do.
    expect(await store().retention.apply()).toEqual({ checks: 0, registrations: 0, retentionDays: 28 });
  });

  it('stores a check that syncs late (completed 40 days ago, arriving now) without its registration; a resend is a duplicate', async () => {
    const cp = await newCheckpoint();
    const late = registeredCheck(cp, clock().now() - 40 * DAY_MS, '张三');
    expect(await ingest(late)).toEqual([{ id: late.id, status: 'created' }]);
    const [row] = await rows();
    expect(row?.body).not.toContain('张三');
    expect(row?.has_registration).toBe(0);
    // The server's flags were judged on the check as sent (its test was sampled long before, hence no-valid-test too).
    expect((JSON.parse(row?.server_flags ?? '[]') as string[][])[1]).toContain('yellow-code');
    // The tablet does not know the server stripped it, and may send it again: same rev, same content.
    expect(await ingest(late)).toEqual([{ id: late.id, status: 'duplicate' }]);

    const amended = { ...late, rev: 2, notes: '复核' };
    expect(await ingest(amended)).toEqual([{ id: late.id, status: 'updated' }]);
    const [stored] = (await store().vehicleChecks.list({ checkpointId: cp, limit: 10 })).checks;
    expect(stored?.check.notes).toBe('复核');
    expect(stored?.check.persons.map((person) => person.registration)).toEqual([null, null]);
    expect((await tallies()).map((tally) => tally.flag_yellow_code)).toEqual([1]);
    expect(await store().retention.apply()).toEqual({ checks: 0, registrations: 0, retentionDays: 28 });
  });

  it('works through a store larger than one batch', async () => {
    const cp = await newCheckpoint();
    const checks = Array.from({ length: 7 }, (_, i) => registeredCheck(cp, clock().now() + i * 60_000, `旅客${i}`));
    await ingest(...checks);
    clock().advance(29 * DAY_MS);

    expect(await store().retention.apply({ batchRows: 2 })).toEqual({ checks: 7, registrations: 7, retentionDays: 28 });
    expect((await rows()).every((row) => row.has_registration === 0)).toBe(true);
  });

  it('does nothing once the server is closing (the signal aborted)', async () => {
    const cp = await newCheckpoint();
    await ingest(registeredCheck(cp, clock().now(), '张三'));
    clock().advance(29 * DAY_MS);
    expect(await store().retention.apply({ signal: AbortSignal.abort() })).toEqual({
      checks: 0,
      registrations: 0,
      retentionDays: 28,
    });
    expect((await rows())[0]?.has_registration).toBe(1);
  });

  it("follows the current policy's retention", async () => {
    const cp = await newCheckpoint();
    const tenDaysOld = registeredCheck(cp, clock().now(), '张三');
    await ingest(tenDaysOld);
    clock().advance(10 * DAY_MS);
    expect((await store().retention.apply()).checks).toBe(0);

    const effectiveFrom = new Date(clock().now() - HOUR_MS).toISOString();
    await store().policies.publish({ ...DEFAULT_POLICY, version: undefined, effectiveFrom, retentionDays: 7 });
    expect(await store().retention.apply()).toEqual({ checks: 1, registrations: 1, retentionDays: 7 });
  });

  it('keeps every registration within retention', async () => {
    const cp = await newCheckpoint();
    await ingest(registeredCheck(cp, clock().now(), '张三'));
    clock().advance(27 * DAY_MS);
    expect((await store().retention.apply()).checks).toBe(0);
    expect((await rows())[0]?.body).toContain('张三');
  });
});
