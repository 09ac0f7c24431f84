// The batch upload and the paging endpoint through HTTP, on SQLite and PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';

forEachStore('vehicle-check routes', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  /** A check of the test app's checkpoint, made on its device. */
  const ownCheck = (overrides?: Partial<VehicleCheck>, device?: TestDevice): VehicleCheck =>
    t.ownCheck(overrides, device);

  async function post(checks: unknown[], device: { headers: { authorization: string } } = t.device) {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: device.headers,
      payload: { checks },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ results: BatchResult[] }>().results;
  }

  /** Pages as a lead of the app's device unless other headers are given: a device token alone may not page. */
  async function listAll(given?: { authorization: string }, query = '') {
    const headers = given ?? (await t.leadSession()).headers;
    const response = await t.inject({ method: 'GET', url: `/api/v1/vehicle-checks?limit=500${query}`, headers });
    return {
      status: response.statusCode,
      body: response.json<{ checks: { check: VehicleCheck; serverFlags: string[][] }[]; nextCursor: string | null }>(),
    };
  }

  it('answers created, duplicate, updated, stale and rejected, one result per check in order', async () => {
    const first = ownCheck();
    const second = ownCheck();
    expect(await post([first, second])).toEqual([
      { id: first.id, status: 'created' },
      { id: second.id, status: 'created' },
    ]);
    const amended = { ...first, rev: 2, notes: 'test result shown later' };
    const conflicting = { ...second, notes: 'same rev, other content' };
    expect(await post([second, amended, first, conflicting])).toEqual([
      { id: second.id, status: 'duplicate' },
      { id: first.id, status: 'updated' },
      { id: first.id, status: 'stale' },
      {
        id: second.id,
        status: 'rejected',
        code: 'conflicting-content',
        error: 'same id and rev with different content',
      },
    ]);
    const { body } = await listAll();
    expect(body.checks.map((c) => [c.check.id, c.check.rev, c.check.notes]).sort()).toEqual(
      [
        [first.id, 2, 'test result shown later'],
        [second.id, 1, ''],
      ].sort(),
    );
  });

  it('stores a check exactly once however often the same batch is resent', async () => {
    const checks = Array.from({ length: 20 }, () => ownCheck());
    const answers = await Promise.all([post(checks), post(checks), post(checks)]);
    const createdPerId = new Map<string, number>();
    for (const results of answers) {
      for (const r of results) {
        expect(['created', 'duplicate']).toContain(r.status);
        if (r.status === 'created') createdPerId.set(r.id, (createdPerId.get(r.id) ?? 0) + 1);
      }
    }
    expect([...createdPerId.values()]).toEqual(Array.from({ length: 20 }, () => 1));
    expect(await t.store.vehicleChecks.count(t.checkpointId)).toBe(20);
  });

  it("stores the server's own flags, not the tablet's claim", async () => {
    const check = ownCheck({ persons: [makeServerPerson({ codeColor: 'yellow', flags: [] })] });
    expect(await post([check])).toEqual([{ id: check.id, status: 'created' }]);
    const { body } = await listAll();
    expect(body.checks[0]?.serverFlags).toEqual([['yellow-code']]);
    expect(body.checks[0]?.check.persons[0]?.flags).toEqual([]);
  });

  it("rejects a device's check for another checkpoint and never stores it", async () => {
    const other = await t.store.checkpoints.create({ name: '邵阳北', province: '湖南', city: '邵阳' });
    const foreign = makeServerCheck({ checkpointId: other.checkpoint.id, deviceId: t.device.deviceId });
    const own = ownCheck();
    expect(await post([foreign, own])).toEqual([
      { id: foreign.id, status: 'rejected', code: 'other-checkpoint', error: 'belongs to another checkpoint' },
      { id: own.id, status: 'created' },
    ]);
    expect(await t.store.vehicleChecks.count(other.checkpoint.id)).toBe(0);
  });

  it('rejects a check whose id another checkpoint already stored, leaving that one as it was', async () => {
    const other = await t.store.checkpoints.create({ name: '邵阳北', province: '湖南', city: '邵阳' });
    const otherDevice = await t.enrollDevice(other.checkpoint.id);
    const theirs = makeServerCheck({ checkpointId: other.checkpoint.id, deviceId: otherDevice.deviceId });
    expect(await post([theirs], otherDevice)).toEqual([{ id: theirs.id, status: 'created' }]);
    const hijack = ownCheck({ id: theirs.id, rev: 5 });
    expect(await post([hijack])).toEqual([
      { id: theirs.id, status: 'rejected', code: 'other-checkpoint', error: 'belongs to another checkpoint' },
    ]);
    const { body } = await listAll((await t.leadSession(otherDevice)).headers);
    expect(body.checks.map((c) => c.check)).toEqual([theirs]);
  });

  it('rejects a check made on another device of the same checkpoint under this token', async () => {
    const sibling = await t.enrollDevice();
    const check = ownCheck({}, sibling);
    const [result] = await post([check]);
    expect(result).toMatchObject({ id: check.id, status: 'rejected', code: 'other-device' });
    expect(result?.error).toContain('deviceId');
  });

  it('rejects an invalid check with the field named, without blocking the others', async () => {
    const good = ownCheck();
    const badColour = { ...ownCheck(), persons: [{ ...makeServerPerson(), codeColor: 'purple' }] };
    const badType = { ...ownCheck(), rev: 'two' };
    const results = await post([badColour, good, badType]);
    expect(results[0]).toMatchObject({ id: badColour.id, status: 'rejected', code: 'invalid-check' });
    expect(results[0]?.error).toMatch(/persons\.0\.codeColor/u);
    expect(results[1]).toEqual({ id: good.id, status: 'created' });
    expect(results[2]).toMatchObject({ id: badType.id, status: 'rejected', code: 'invalid-check' });
    expect(results[2]?.error).toMatch(/\brev\b/u);
    expect(await t.store.vehicleChecks.count(t.checkpointId)).toBe(1);
  });

  it('keeps what a person record says was not observed, takes checks from before it as they are, refuses a star on a card not seen', async () => {
    // A check from a tablet before itinerarySeen: the star answer as it was recorded.
    const older = ownCheck();
    expect(older.persons[0]).not.toHaveProperty('itinerarySeen');
    const unseen = ownCheck({
      persons: [makeServerPerson({ scan: 'none', itinerarySeen: false, idChecked: false })],
    });
    // Built past the schema (ownCheck parses): what another system might send.
    const starOnUnseen = {
      ...ownCheck(),
      persons: [makeServerPerson({ itinerarySeen: false, itineraryStar: true, itineraryCities: ['上海'] })],
    };
    const results = await post([older, unseen, starOnUnseen]);
    expect(results.slice(0, 2)).toEqual([
      { id: older.id, status: 'created' },
      { id: unseen.id, status: 'created' },
    ]);
    expect(results[2]).toMatchObject({ id: starOnUnseen.id, status: 'rejected', code: 'invalid-check' });
    expect(results[2]?.error).toMatch(/persons\.0\.itineraryStar/u);
    expect(results[2]?.error).toMatch(/persons\.0\.itineraryCities/u);

    const { body } = await listAll();
    const stored = new Map(body.checks.map((c) => [c.check.id, c]));
    expect(stored.get(older.id)?.check).toEqual(older);
    expect(stored.get(unseen.id)?.check.persons[0]).toMatchObject({ itinerarySeen: false, idChecked: false });
    // A card not seen is not a star, and not counted as one.
    expect(stored.get(unseen.id)?.serverFlags).toEqual([[]]);
  });

  it('rejects a check judged under a policy version the server does not have', async () => {
    const check = ownCheck({ policyVersion: 99 });
    expect(await post([check])).toEqual([
      { id: check.id, status: 'rejected', code: 'unknown-policy-version', error: 'unknown policyVersion 99' },
    ]);
  });

  it('lets an admin upload for any checkpoint, but not for one that does not exist', async () => {
    const check = ownCheck();
    const nowhere = makeServerCheck({ checkpointId: 'no-such-checkpoint' });
    expect(await post([check, nowhere], t.admin)).toEqual([
      { id: check.id, status: 'created' },
      { id: nowhere.id, status: 'rejected', code: 'unknown-checkpoint', error: 'unknown checkpoint' },
    ]);
  });

  it('takes a full batch of 500 in one request', async () => {
    const checks = Array.from({ length: 500 }, () => ownCheck());
    const results = await post(checks);
    expect(results.map((r) => r.status)).toEqual(checks.map(() => 'created'));
    expect(results.map((r) => r.id)).toEqual(checks.map((c) => c.id));
  });

  it('pages through checks by completedAt with a cursor, within from/to', async () => {
    const at = (minute: number) => `2026-11-28T08:${String(minute).padStart(2, '0')}:00+08:00`;
    const checks = Array.from({ length: 7 }, (_, i) => ownCheck({ startedAt: at(i), completedAt: at(i + 1) }));
    await post(checks);
    const seen: string[] = [];
    let cursor: string | null = null;
    const { headers } = await t.leadSession();
    do {
      const query: string = `/api/v1/vehicle-checks?limit=2&from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(7))}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await t.inject({ method: 'GET', url: query, headers });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ checks: { check: VehicleCheck }[]; nextCursor: string | null }>();
      expect(page.checks.length).toBeLessThanOrEqual(2);
      seen.push(...page.checks.map((c) => c.check.completedAt));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([at(2), at(3), at(4), at(5), at(6)]);
  });

  it("never shows a device another checkpoint's checks", async () => {
    const other = await t.store.checkpoints.create({ name: '邵阳北', province: '湖南', city: '邵阳' });
    const otherDevice = await t.enrollDevice(other.checkpoint.id);
    await post([makeServerCheck({ checkpointId: other.checkpoint.id, deviceId: otherDevice.deviceId })], otherDevice);
    await post([ownCheck()]);

    const asked = await listAll(undefined, `&checkpointId=${other.checkpoint.id}`);
    expect(asked.status).toBe(403);
    expect(JSON.stringify(asked.body)).not.toContain(otherDevice.deviceId);

    const mine = await listAll();
    expect(mine.body.checks.map((c) => c.check.checkpointId)).toEqual([t.checkpointId]);

    const admin = await listAll(t.admin.headers, `&checkpointId=${other.checkpoint.id}`);
    expect(admin.body.checks.map((c) => c.check.checkpointId)).toEqual([other.checkpoint.id]);
    expect((await listAll(t.admin.headers)).body.checks).toHaveLength(2);
  });

  it("keeps the checkpoint's history from a device token alone: a lead must unlock", async () => {
    await post([ownCheck()]);
    const response = await t.inject({ method: 'GET', url: '/api/v1/vehicle-checks', headers: t.device.headers });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(response.json<{ detail: string }>().detail).toMatch(/lead must unlock/u);
    expect(response.body).not.toContain(t.device.deviceId);
  });

  it('answers a made-up cursor or a bad date with a 400 problem', async () => {
    const { headers } = await t.leadSession();
    const cursor = await t.inject({
      method: 'GET',
      url: '/api/v1/vehicle-checks?cursor=bm9wZQ',
      headers,
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(cursor.json<{ detail: string }>().detail).toMatch(/cursor/u);
    const from = await t.inject({
      method: 'GET',
      url: '/api/v1/vehicle-checks?from=yesterday',
      headers,
    });
    expect(from.statusCode).toBe(400);
    expect(from.json<{ detail: string }>().detail).toMatch(/querystring\.from/u);
  });
});
