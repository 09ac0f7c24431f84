// The shift configuration endpoints through HTTP, on SQLite and PostgreSQL: defaults, versioned edits by a lead or an
// admin, conflicts, scope, and the history of who changed it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CheckpointConfigUpdate } from '../../contract/checkpoint-config.ts';
import type { CheckpointConfigHistory } from '../../domain/config-history.ts';
import { SHIFT_PRESETS } from '../../domain/shift-config-rules.ts';
import { DEFAULT_CHECKPOINT_CONFIG, type CheckpointConfig } from '../../domain/shift-schedule.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

const URL = '/api/v1/checkpoint-config';

const threeShifts = (baseVersion: number): CheckpointConfigUpdate => ({
  teams: ['一班', '二班', '三班', '四班'],
  shifts: SHIFT_PRESETS.threeShifts.shifts.map((slot) => ({ ...slot })),
  rotationAnchor: '2026-11-01',
  baseVersion,
});

forEachStore('checkpoint configuration routes', ({ store, openSibling }) => {
  let t: TestApp;
  /** A lead session of the app's device: edits need one (or an admin). */
  let lead: { authorization: string };
  beforeEach(async () => {
    t = await openTestApp(store());
    lead = (await t.leadSession()).headers;
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (headers = t.device.headers, query = '') => t.inject({ method: 'GET', url: `${URL}${query}`, headers });
  const put = (payload: object, headers = lead, query = '') =>
    t.inject({ method: 'PUT', url: `${URL}${query}`, headers, payload });

  it('serves the default (three teams, 24-hour rotation) as version 0 until a lead saves one', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.json<CheckpointConfig>()).toEqual(DEFAULT_CHECKPOINT_CONFIG);
  });

  it("saves a lead's edit as version 1, then 2, and every tablet of the checkpoint reads it", async () => {
    const first = await put(threeShifts(0));
    expect(first.statusCode).toBe(200);
    expect(first.json<CheckpointConfig>()).toMatchObject({
      version: 1,
      teams: ['一班', '二班', '三班', '四班'],
      updatedAt: '2026-11-28T00:00:00.000Z',
    });
    const second = await put({ ...threeShifts(1), teams: ['A', 'B', 'C'] });
    expect(second.json<CheckpointConfig>()).toMatchObject({ version: 2, teams: ['A', 'B', 'C'] });
    const other = await t.enrollDevice();
    const read = await get(other.headers);
    expect(read.json<CheckpointConfig>()).toEqual({
      teams: ['A', 'B', 'C'],
      shifts: threeShifts(1).shifts,
      rotationAnchor: '2026-11-01',
      version: 2,
      updatedAt: '2026-11-28T00:00:00.000Z',
    });
  });

  it('stores team names as they will be shown: full-width letters folded, spaces trimmed', async () => {
    const response = await put({ ...threeShifts(0), teams: [' Ａ ', 'B'] });
    expect(response.json<CheckpointConfig>().teams).toEqual(['A', 'B']);
  });

  it('answers 409 naming the stored version when the edit was made on an older one, and keeps the stored one', async () => {
    expect((await put(threeShifts(0))).statusCode).toBe(200);
    const stale = await put({ ...threeShifts(0), teams: ['X', 'Y'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/u);
    const body = stale.json<{ detail: string; currentVersion: number }>();
    expect(body.currentVersion).toBe(1);
    expect(body.detail).toMatch(/version 1 is stored now/u);
    expect((await get()).json<CheckpointConfig>().teams).toEqual(['一班', '二班', '三班', '四班']);
    // A base ahead of the server is as wrong as one behind it.
    expect((await put(threeShifts(7))).json<{ currentVersion: number }>().currentVersion).toBe(1);
  });

  it('lets exactly one of two concurrent edits from the same base win, across two server processes', async () => {
    const sibling = await openTestApp(await openSibling());
    // The sibling app made its own checkpoint; edit this one through an admin token of the shared database.
    const adminQuery = `?checkpointId=${t.checkpointId}`;
    for (const base of [0, 1]) {
      const [a, b] = await Promise.all([
        put({ ...threeShifts(base), teams: ['甲', '乙'] }),
        sibling.inject({
          method: 'PUT',
          url: `${URL}${adminQuery}`,
          headers: sibling.admin.headers,
          payload: { ...threeShifts(base), teams: ['丙', '丁'] },
        }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const winner = (a.statusCode === 200 ? a : b).json<CheckpointConfig>();
      expect(winner.version).toBe(base + 1);
      expect((await get()).json<CheckpointConfig>()).toEqual(winner);
    }
    await sibling.close();
  });

  it('refuses a configuration that breaks its rules with a reason a person can act on', async () => {
    const dupes = await put({ ...threeShifts(0), teams: ['A', 'a'] });
    expect(dupes.statusCode).toBe(400);
    expect(dupes.json<{ detail: string }>().detail).toBe('teams[1] repeats an earlier team.');
    const order = await put({
      ...threeShifts(0),
      shifts: [
        { name: '夜班', start: '22:00' },
        { name: '早班', start: '06:00' },
      ],
    });
    expect(order.json<{ detail: string }>().detail).toMatch(/shifts\[1\] must start later/u);
    const clock = await put({ ...threeShifts(0), shifts: [{ name: '早班', start: '25:00' }] });
    expect(clock.statusCode).toBe(400);
    expect(clock.json<{ detail: string }>().detail).toMatch(/body\.shifts\.0\.start: a time as HH:MM/u);
    const noBase = await put({ ...threeShifts(0), baseVersion: undefined });
    expect(noBase.json<{ detail: string }>().detail).toMatch(/baseVersion/u);
    expect((await get()).json<CheckpointConfig>().version).toBe(0);
  });

  it('keeps each checkpoint to its own configuration: devices 403 elsewhere, admins name the checkpoint', async () => {
    const { checkpoint: other } = await t.store.checkpoints.create({ name: '邵阳北', province: '湖南', city: '邵阳' });
    expect((await get(t.device.headers, `?checkpointId=${other.id}`)).statusCode).toBe(403);
    expect((await put(threeShifts(0), lead, `?checkpointId=${other.id}`)).statusCode).toBe(403);
    expect((await get(t.admin.headers)).statusCode).toBe(400);
    expect((await get(t.admin.headers, '?checkpointId=nowhere')).statusCode).toBe(404);
    expect(
      (await put(threeShifts(0), t.admin.headers, `?checkpointId=${other.id}`)).json<CheckpointConfig>().version,
    ).toBe(1);
    expect((await get()).json<CheckpointConfig>().version).toBe(0);
    expect((await t.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });

  it('refuses an edit with a device token alone: a lead must unlock; the tablet still reads it', async () => {
    const refused = await put(threeShifts(0), t.device.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(refused.json<{ detail: string }>().detail).toMatch(/lead must unlock/u);
    expect((await get(t.device.headers)).json<CheckpointConfig>().version).toBe(0);
  });

  it('keeps each accepted version with whether a lead (and on which tablet) or an admin made it', async () => {
    await put(threeShifts(0));
    await put({ ...threeShifts(1), teams: ['A', 'B'] }, t.admin.headers, `?checkpointId=${t.checkpointId}`);
    expect((await put(threeShifts(0))).statusCode).toBe(409);

    const history = await t.inject({ method: 'GET', url: `${URL}/history`, headers: lead });
    expect(history.statusCode).toBe(200);
    const { checkpointId, changes } = history.json<CheckpointConfigHistory>();
    expect(checkpointId).toBe(t.checkpointId);
    expect(changes.map(({ version, madeBy, deviceId, teams }) => ({ version, madeBy, deviceId, teams }))).toEqual([
      { version: 2, madeBy: 'admin', deviceId: null, teams: ['A', 'B'] },
      { version: 1, madeBy: 'lead', deviceId: t.device.deviceId, teams: threeShifts(0).teams },
    ]);
    expect(changes[0]?.updatedAt).toBe('2026-11-28T00:00:00.000Z');

    const admin = await t.inject({
      method: 'GET',
      url: `${URL}/history?checkpointId=${t.checkpointId}&limit=1`,
      headers: t.admin.headers,
    });
    expect(admin.json<CheckpointConfigHistory>().changes.map((change) => change.version)).toEqual([2]);
    const device = await t.inject({ method: 'GET', url: `${URL}/history`, headers: t.device.headers });
    expect(device.statusCode).toBe(403);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths[URL] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths[`${URL}/history`] ?? {})).toEqual(['get']);
  });
});
