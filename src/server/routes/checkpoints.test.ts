// The command's checkpoints through HTTP, on SQLite and PostgreSQL: listed within the caller's scope, opened with an
// enrollment code that enrolls, renamed, archived (its tablets stop, its data stay), their enrollment code rotated.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AdminScope } from '../../domain/admin-scope.ts';
import { writeSampleDivisionDist } from '../../../tests/support/server/division-dist.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

const URL = '/api/v1/checkpoints';
const CHANGSHA = { name: '长沙西', province: '湖南', city: '长沙' };

interface Listed {
  id: string;
  name: string;
  province: string;
  city: string;
  timezone: string;
  archivedAt: string | null;
  devices: number;
  lastSyncAt: string | null;
}

forEachStore('checkpoint routes', ({ store, clock }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  let admins = 0;
  /** The headers of a signed-in admin of `scope` (a session made in the store, as a sign-in makes it). */
  async function adminOf(scope: AdminScope): Promise<{ authorization: string }> {
    admins += 1;
    const account = await t.store.adminAccounts.create({
      username: `admin${admins}`,
      password: 'correct horse battery',
      scope,
    });
    const { token } = await t.store.adminSessions.create(account.adminId);
    return { authorization: `Bearer ${token}` };
  }
  const loudiAdmin = () => adminOf({ kind: 'city', province: '湖南', city: '娄底' });

  const list = async (headers: { authorization: string }) => {
    const response = await t.inject({ method: 'GET', url: URL, headers });
    expect(response.statusCode).toBe(200);
    return response.json<Listed[]>();
  };
  const create = (headers: { authorization: string }, payload: object) =>
    t.inject({ method: 'POST', url: URL, headers, payload });
  const enroll = (enrollmentCode: string) =>
    t.inject({ method: 'POST', url: '/api/v1/devices', payload: { enrollmentCode, name: '2号平板' } });
  const detailOf = (response: LightMyRequestResponse) => response.json<{ detail: string }>().detail;

  it('lists the checkpoints of the caller’s scope: a city’s admin its city, an admin token all, a device its own', async () => {
    clock().advance(1_000);
    const { checkpoint: changsha } = await t.store.checkpoints.create(CHANGSHA);

    expect((await list(await loudiAdmin())).map((c) => c.id)).toEqual([t.checkpointId]);
    expect((await list(await adminOf({ kind: 'city', province: '湖南', city: '长沙' }))).map((c) => c.id)).toEqual([
      changsha.id,
    ]);
    // A scope written with the divisions' full names covers checkpoints written short, and the reverse.
    const fullNames = await adminOf({ kind: 'city', province: '湖南省', city: '娄底市' });
    expect((await list(fullNames)).map((c) => c.id)).toEqual([t.checkpointId]);
    expect((await list(await adminOf({ kind: 'province', province: '湖南省' }))).map((c) => c.id)).toEqual([
      t.checkpointId,
      changsha.id,
    ]);
    expect((await list(await adminOf({ kind: 'province', province: '广东' }))).map((c) => c.id)).toEqual([]);
    expect((await list(t.admin.headers)).map((c) => c.id)).toEqual([t.checkpointId, changsha.id]);
    const own = await list(t.device.headers);
    expect(own).toEqual([
      {
        id: t.checkpointId,
        name: '娄底东',
        province: '湖南',
        city: '娄底',
        timezone: 'Asia/Shanghai',
        countyCode: null,
        createdAt: '2026-11-28T00:00:00.000Z',
        archivedAt: null,
        devices: 1,
        // This very request, a second after the start.
        lastSeenAt: '2026-11-28T00:00:01.000Z',
        lastSyncAt: null,
      },
    ]);
    expect((await t.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });

  it('opens a checkpoint whose enrollment code, shown once, enrolls a tablet', async () => {
    const response = await create(await adminOf({ kind: 'province', province: '湖南' }), {
      ...CHANGSHA,
      timezone: 'Asia/Shanghai',
    });
    expect(response.statusCode).toBe(201);
    const { checkpointId, enrollmentCode } = response.json<{ checkpointId: string; enrollmentCode: string }>();
    expect(response.headers['location']).toBe(`${URL}/${checkpointId}`);

    const enrolled = await enroll(enrollmentCode);
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.json<{ checkpoint: { id: string; name: string } }>().checkpoint).toMatchObject({
      id: checkpointId,
      name: '长沙西',
    });
    const listed = (await list(t.admin.headers)).find((c) => c.id === checkpointId);
    expect(listed).toMatchObject({ ...CHANGSHA, timezone: 'Asia/Shanghai', devices: 1, archivedAt: null });
    // Nowhere is the code listed again.
    expect(JSON.stringify(await list(t.admin.headers))).not.toContain(enrollmentCode);
  });

  it('refuses a checkpoint outside the admin’s scope (403), and a device (403), creating nothing', async () => {
    const outside = await create(await loudiAdmin(), CHANGSHA);
    expect(outside.statusCode).toBe(403);
    expect(detailOf(outside)).toMatch(/outside this admin's scope/u);
    expect((await create(t.device.headers, CHANGSHA)).statusCode).toBe(403);
    clock().advance(1_000);
    expect((await create(await loudiAdmin(), { ...CHANGSHA, city: '娄底市' })).statusCode).toBe(201);
    expect((await list(t.admin.headers)).map((c) => c.city)).toEqual(['娄底', '娄底市']);
  });

  it('refuses a malformed or unknown county code, an unknown time zone and a missing name with 400 in words', async () => {
    const dist = writeSampleDivisionDist();
    const withLists = await openTestApp(t.store, { distDir: dist.dir });
    try {
      const post = (payload: object) =>
        withLists.inject({ method: 'POST', url: URL, headers: withLists.admin.headers, payload });
      const malformed = await post({ ...CHANGSHA, countyCode: '43130' });
      expect(malformed.statusCode).toBe(400);
      expect(detailOf(malformed)).toMatch(/countyCode/u);
      const unknown = await post({ ...CHANGSHA, countyCode: '431399' });
      expect(unknown.statusCode).toBe(400);
      expect(detailOf(unknown)).toMatch(/431399 is no county code/u);
      const zone = await post({ ...CHANGSHA, timezone: 'Mars/Olympus' });
      expect(zone.statusCode).toBe(400);
      expect(detailOf(zone)).toMatch(/unknown time zone/u);
      expect((await post({ province: '湖南', city: '长沙' })).statusCode).toBe(400);
      expect((await post({ ...CHANGSHA, name: '长沙\u0000西' })).statusCode).toBe(400);

      const known = await post({ ...CHANGSHA, countyCode: '431321' });
      expect(known.statusCode).toBe(201);
      const { checkpointId } = known.json<{ checkpointId: string }>();
      expect((await t.store.checkpoints.get(checkpointId))?.countyCode).toBe('431321');
    } finally {
      await withLists.close();
      dist.remove();
    }
  });

  it('renames a checkpoint and changes its time zone, within the admin’s scope', async () => {
    const patch = (headers: { authorization: string }, payload: object, id = t.checkpointId) =>
      t.inject({ method: 'PATCH', url: `${URL}/${id}`, headers, payload });
    const loudi = await loudiAdmin();
    const renamed = await patch(loudi, { name: '娄底东卡口' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: t.checkpointId, name: '娄底东卡口', timezone: 'Asia/Shanghai' });
    expect((await patch(loudi, { timezone: 'Asia/Urumqi' })).json()).toMatchObject({
      name: '娄底东卡口',
      timezone: 'Asia/Urumqi',
    });
    // The tablets are told the new name when they enroll; the listing shows it at once.
    expect((await list(t.device.headers))[0]).toMatchObject({ name: '娄底东卡口', timezone: 'Asia/Urumqi' });

    expect((await patch(loudi, { timezone: 'Mars/Olympus' })).statusCode).toBe(400);
    expect((await patch(loudi, { name: '' })).statusCode).toBe(400);
    expect((await patch(loudi, { name: '   ' })).statusCode).toBe(400);
    expect((await patch(loudi, { name: 'x' }, 'no-such-checkpoint')).statusCode).toBe(404);
    const { checkpoint: changsha } = await t.store.checkpoints.create(CHANGSHA);
    expect((await patch(loudi, { name: '我的' }, changsha.id)).statusCode).toBe(403);
    expect((await patch(t.device.headers, { name: '我的' })).statusCode).toBe(403);
    expect((await t.store.checkpoints.get(changsha.id))?.name).toBe('长沙西');
    expect((await t.store.checkpoints.get(t.checkpointId))?.name).toBe('娄底东卡口');
  });

  it('archives a checkpoint: its tablets and leads get 401, its code enrolls nothing, an admin still reads its data', async () => {
    const lead = await t.leadSession();
    const check = t.ownCheck();
    expect((await t.postChecks([check]))[0]?.status).toBe('created');
    const { enrollmentCode } = t;

    const archive = await t.inject({
      method: 'POST',
      url: `${URL}/${t.checkpointId}/archive`,
      headers: await loudiAdmin(),
    });
    expect(archive.statusCode).toBe(204);

    const batch = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: t.device.headers,
      payload: { checks: [t.ownCheck()] },
    });
    expect(batch.statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/v1/policy', headers: t.device.headers })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/v1/policy', headers: lead.headers })).statusCode).toBe(401);
    const leadBatch = await t.inject({
      method: 'POST',
      url: '/api/v1/vehicle-checks/batch',
      headers: lead.headers,
      payload: { checks: [t.ownCheck()] },
    });
    expect(leadBatch.statusCode).toBe(401);
    expect((await enroll(enrollmentCode)).statusCode).toBe(403);

    const tally = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily?date=2026-11-28&checkpointId=${t.checkpointId}`,
      headers: t.admin.headers,
    });
    expect(tally.statusCode).toBe(200);
    expect(tally.json<{ vehicles: number }>().vehicles).toBe(1);
    const listed = (await list(t.admin.headers))[0];
    expect(listed?.archivedAt).toBe('2026-11-28T00:00:00.000Z');
    // Archived, it keeps its tablets' last sync for the record.
    expect(listed?.lastSyncAt).toBe('2026-11-28T00:00:00.000Z');

    // Archiving again keeps the first time.
    clock().advance(60_000);
    const again = await t.inject({ method: 'POST', url: `${URL}/${t.checkpointId}/archive`, headers: t.admin.headers });
    expect(again.statusCode).toBe(204);
    expect((await list(t.admin.headers))[0]?.archivedAt).toBe('2026-11-28T00:00:00.000Z');
  });

  it('archives only within the admin’s scope and only what exists', async () => {
    const { checkpoint: changsha } = await t.store.checkpoints.create(CHANGSHA);
    const archive = async (id: string, headers: { authorization: string }) =>
      (await t.inject({ method: 'POST', url: `${URL}/${id}/archive`, headers })).statusCode;
    expect(await archive(changsha.id, await loudiAdmin())).toBe(403);
    expect(await archive(t.checkpointId, t.device.headers)).toBe(403);
    expect(await archive('no-such-checkpoint', t.admin.headers)).toBe(404);
    expect((await list(t.admin.headers)).map((c) => c.archivedAt)).toEqual([null, null]);
    // Its tablets still sync.
    expect((await t.postChecks([t.ownCheck()]))[0]?.status).toBe('created');
  });

  it('rotates the enrollment code: the old one enrolls nothing, the new one does; an archived checkpoint has none', async () => {
    const rotate = (id: string, headers: { authorization: string }) =>
      t.inject({ method: 'POST', url: `${URL}/${id}/enrollment-code`, headers });
    const loudi = await loudiAdmin();
    const rotated = await rotate(t.checkpointId, loudi);
    expect(rotated.statusCode).toBe(200);
    const { enrollmentCode } = rotated.json<{ enrollmentCode: string }>();
    expect(enrollmentCode).not.toBe(t.enrollmentCode);
    expect((await enroll(t.enrollmentCode)).statusCode).toBe(403);
    expect((await enroll(enrollmentCode)).statusCode).toBe(201);
    // Tablets enrolled before keep working.
    expect((await t.postChecks([t.ownCheck()]))[0]?.status).toBe('created');

    const { checkpoint: changsha } = await t.store.checkpoints.create(CHANGSHA);
    expect((await rotate(changsha.id, loudi)).statusCode).toBe(403);
    expect((await rotate(t.checkpointId, t.device.headers)).statusCode).toBe(403);
    expect((await rotate('no-such-checkpoint', t.admin.headers)).statusCode).toBe(404);

    await t.inject({ method: 'POST', url: `${URL}/${t.checkpointId}/archive`, headers: loudi });
    const archived = await rotate(t.checkpointId, loudi);
    expect(archived.statusCode).toBe(409);
    expect(detailOf(archived)).toMatch(/archived/u);
    expect((await enroll(enrollmentCode)).statusCode).toBe(403);
  });
});
