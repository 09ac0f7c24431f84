// The daily tally through HTTP on SQLite and PostgreSQL: what the batch stored, folded as tallyDay folds it; its CSV says the same.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dailyTallySchema } from '../../contract/tally.ts';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import { tallyDay, type DailyTally } from '../../domain/tally.ts';
import { parseCsv } from '../../../tests/support/domain/parse-csv.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';

forEachStore('tally routes', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const ownCheck = (overrides?: Partial<VehicleCheck>, device?: TestDevice): VehicleCheck =>
    t.ownCheck(overrides, device);
  const post = (checks: VehicleCheck[], device?: TestDevice): Promise<BatchResult[]> => t.postChecks(checks, device);

  async function getTally(query: string, headers: { authorization: string } = t.device.headers) {
    const response = await t.inject({ method: 'GET', url: `/api/v1/tallies/daily?${query}`, headers });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json<unknown>() };
  }

  /** tallyDay over the checks at their highest rev, with the flags the server derives (as toIngest does). */
  function expectedTally(checks: readonly VehicleCheck[], date: string, generatedAt: string): DailyTally {
    const withServerFlags = checks.map((check) => {
      const { serverFlags } = toIngest(check);
      return { ...check, persons: check.persons.map((p, i) => ({ ...p, flags: serverFlags[i] ?? [] })) };
    });
    return tallyDay(withServerFlags, {
      checkpointId: t.checkpointId,
      date,
      timeZone: 'Asia/Shanghai',
      province: '湖南',
      city: '娄底',
      generatedAt,
    });
  }

  it('answers the day of the stored checks exactly as tallyDay counts them, for the device and for an admin', async () => {
    const second = await t.enrollDevice();
    const base = makeServerCheck();
    const amended = ownCheck({ completedAt: '2026-11-28T10:00:00+08:00' });
    const checks = [
      ownCheck({ completedAt: '2026-11-28T00:00:00+08:00' }),
      ownCheck({ completedAt: '2026-11-28T15:59:59Z', team: 'B' }), // 23:59:59 in Shanghai
      ownCheck({ completedAt: '2026-11-27T15:59:59Z' }), // the day before
      ownCheck({ completedAt: '2026-11-28T16:00:00Z' }), // the day after
      amended,
      ownCheck(
        {
          team: 'B',
          completedAt: '2026-11-28T14:20:00+08:00',
          vehicle: { ...base.vehicle, type: 'bus', origin: { province: '广东省', city: '深圳市' } },
          persons: [
            makeServerPerson({ codeColor: 'yellow', flags: [], disposition: 'sample-on-site' }),
            makeServerPerson({
              role: 'passenger',
              temperatures: [37.8, 37.6],
              vaccineDoses: 0,
              disposition: 'fever-clinic',
            }),
            makeServerPerson({ role: 'passenger', itineraryStar: true, disposition: 'push-destination' }),
          ],
          disposition: 'fever-clinic',
        },
        second,
      ),
      ownCheck({
        completedAt: '2026-11-28T09:00:00+08:00',
        vehicle: { ...base.vehicle, type: 'truck', origin: { province: '湖南', city: '长沙' } },
      }),
    ];
    const revision2 = {
      ...amended,
      rev: 2,
      persons: [makeServerPerson({ test: { status: 'none', sampledAt: null }, disposition: 'turn-back' })],
      disposition: 'turn-back' as const,
    };
    const fromFirst = checks.filter((c) => c.deviceId === t.device.deviceId);
    const fromSecond = checks.filter((c) => c.deviceId === second.deviceId);
    const created = [...(await post(fromFirst)), ...(await post(fromSecond, second))];
    expect(created.map((r) => r.status)).toEqual(checks.map(() => 'created'));
    expect(await post([revision2])).toEqual([{ id: revision2.id, status: 'updated' }]);
    const all = [...checks, revision2];

    const asDevice = await getTally('date=2026-11-28');
    expect(asDevice.status).toBe(200);
    const tally = dailyTallySchema.parse(asDevice.body);
    expect(tally).toEqual(expectedTally(all, '2026-11-28', tally.generatedAt));
    // The figures a lead would read, to be sure the comparison is not of two empty days.
    expect(tally.vehicles).toBe(5);
    expect(tally.persons).toBe(7);
    expect(tally.devices).toBe(2);
    expect(tally.vehiclesByOrigin).toEqual({ local: 3, 'in-province': 1, 'out-of-province': 1 });
    expect(tally.vehicleDispositions['turn-back']).toBe(1);
    expect(tally.flags).toMatchObject({
      'yellow-code': 1,
      fever: 1,
      unvaccinated: 1,
      'itinerary-star': 1,
      'no-valid-test': 1,
    });
    expect(tally.byTeam).toEqual({ A: { vehicles: 3, persons: 3 }, B: { vehicles: 2, persons: 4 } });
    expect(tally.newestCompletedAt).toBe('2026-11-28T15:59:59Z');
    expect(Date.parse(tally.generatedAt)).not.toBeNaN();

    const asAdmin = await getTally(`date=2026-11-28&checkpointId=${t.checkpointId}`, t.admin.headers);
    expect(asAdmin.status).toBe(200);
    expect({ ...(asAdmin.body as DailyTally), generatedAt: tally.generatedAt }).toEqual(tally);

    const dayAfter = dailyTallySchema.parse((await getTally('date=2026-11-29')).body);
    expect(dayAfter).toEqual(expectedTally(all, '2026-11-29', dayAfter.generatedAt));
    expect(dayAfter.vehicles).toBe(1);
    expect(dayAfter.byHour[0]).toEqual({ hour: 0, vehicles: 1, persons: 1 });
  });

  it("counts the server's flags, not the tablet's claim", async () => {
    await post([
      ownCheck({ persons: [makeServerPerson({ codeColor: 'red', flags: ['yellow-code'], disposition: 'hand-over' })] }),
    ]);
    const tally = dailyTallySchema.parse((await getTally('date=2026-11-28')).body);
    expect(tally.flags['red-code']).toBe(1);
    expect(tally.flags['yellow-code']).toBe(0);
  });

  it("keeps each checkpoint's day to itself", async () => {
    const { checkpoint: other } = await t.store.checkpoints.create({ name: '长沙南', province: '湖南', city: '长沙' });
    const otherDevice = await t.enrollDevice(other.id);
    await post([makeServerCheck({ checkpointId: other.id, deviceId: otherDevice.deviceId })], otherDevice);
    await post([ownCheck(), ownCheck()]);

    const own = dailyTallySchema.parse((await getTally('date=2026-11-28')).body);
    expect(own.vehicles).toBe(2);
    const theirs = dailyTallySchema.parse(
      (await getTally(`date=2026-11-28&checkpointId=${other.id}`, t.admin.headers)).body,
    );
    expect(theirs).toMatchObject({ checkpointId: other.id, vehicles: 1, devices: 1 });
    // Seen from 长沙, a 娄底 car is in-province.
    expect(theirs.vehiclesByOrigin).toEqual({ local: 0, 'in-province': 1, 'out-of-province': 0 });

    const refused = await getTally(`date=2026-11-28&checkpointId=${other.id}`);
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('application/problem+json');
    expect(JSON.stringify(refused.body)).not.toContain('vehicles');
  });

  it('answers a day without checks with zeros', async () => {
    const tally = dailyTallySchema.parse((await getTally('date=2026-11-01')).body);
    expect(tally).toMatchObject({
      checkpointId: t.checkpointId,
      date: '2026-11-01',
      timezone: 'Asia/Shanghai',
      vehicles: 0,
      persons: 0,
      devices: 0,
      newestCompletedAt: null,
    });
    expect(tally.byHour).toHaveLength(24);
  });

  it.each([
    ['no date', ''],
    ['a date that is not YYYY-MM-DD', 'date=28.11.2026'],
    ['a day that is not in the calendar', 'date=2026-02-30'],
  ])('answers %s with a 400 problem', async (_label, query) => {
    const response = await getTally(query);
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, detail: expect.stringContaining('date') as unknown });
  });

  it('asks an admin to name the checkpoint, and answers 404 for one that does not exist', async () => {
    const unnamed = await getTally('date=2026-11-28', t.admin.headers);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ detail: expect.stringContaining('checkpointId') as unknown });
    const unknown = await getTally('date=2026-11-28&checkpointId=cp-nowhere', t.admin.headers);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
  });

  it('answers 401 without a token', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/tallies/daily?date=2026-11-28' });
    expect(response.statusCode).toBe(401);
  });
});

forEachStore('daily tally CSV', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (checks: VehicleCheck[]): Promise<BatchResult[]> => t.postChecks(checks);

  /** Label → the cells after it, within the section that starts with `section` (sections end at a blank row). */
  function section(rows: string[][], heading: string): Map<string, string[]> {
    const start = rows.findIndex((row) => row[0] === heading);
    expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
    const out = new Map<string, string[]>();
    for (const row of rows.slice(start + 1)) {
      if (row.length === 1 && row[0] === '') break;
      out.set(row[0]!, row.slice(1));
    }
    return out;
  }

  it('is the JSON tally of the same day, in UTF-8 with a BOM, CRLF and Chinese headers, as an attachment named 日报-date.csv', async () => {
    const base = makeServerCheck();
    await post([
      makeServerCheck({ checkpointId: t.checkpointId, deviceId: t.device.deviceId }),
      makeServerCheck({
        checkpointId: t.checkpointId,
        deviceId: t.device.deviceId,
        team: '夜班,"二组"', // a comma and quotes: quoted, read back whole
        completedAt: '2026-11-28T14:20:00+08:00',
        vehicle: { ...base.vehicle, type: 'bus', origin: { province: '广东省', city: '深圳市' } },
        persons: [
          makeServerPerson({ codeColor: 'yellow', disposition: 'sample-on-site' }),
          makeServerPerson({ role: 'passenger', temperatures: [37.8], disposition: 'fever-clinic' }),
        ],
        disposition: 'fever-clinic',
      }),
    ]);
    const json = dailyTallySchema.parse(
      (
        await t.inject({ method: 'GET', url: '/api/v1/tallies/daily?date=2026-11-28', headers: t.device.headers })
      ).json(),
    );
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/tallies/daily.csv?date=2026-11-28',
      headers: t.device.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="daily-2026-11-28.csv"; filename*=UTF-8''${encodeURIComponent('日报-2026-11-28.csv')}`,
    );
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body).not.toMatch(/[^\r]\n/u);

    const rows = parseCsv(response.body);
    const head = section(rows, '日期');
    expect(rows[0]).toEqual(['日期', '2026-11-28']);
    expect(Number(head.get('车辆总数')?.[0])).toBe(json.vehicles);
    expect(Number(head.get('人员总数')?.[0])).toBe(json.persons);
    expect(json).toMatchObject({ vehicles: 2, persons: 3 });
    const types = section(rows, '车型');
    expect(Number(types.get('客车')?.[0])).toBe(json.vehiclesByType.bus);
    expect(Number(types.get('小客车')?.[0])).toBe(json.vehiclesByType.car);
    expect(Number(section(rows, '来源').get('省外')?.[0])).toBe(json.vehiclesByOrigin['out-of-province']);
    const flags = section(rows, '异常');
    expect(flags.size).toBe(Object.keys(json.flags).length);
    expect(Number(flags.get('黄码')?.[0])).toBe(json.flags['yellow-code']);
    expect(Number(flags.get('体温异常')?.[0])).toBe(json.flags.fever);
    expect(json.flags.fever).toBe(1);
    expect(Number(section(rows, '人员处置').get('发热门诊')?.[0])).toBe(json.personDispositions['fever-clinic']);
    expect(Number(section(rows, '车辆处置').get('发热门诊')?.[0])).toBe(json.vehicleDispositions['fever-clinic']);
    const hours = section(rows, '每小时');
    expect(hours.size).toBe(24);
    expect(hours.get('14时')?.map(Number)).toEqual([json.byHour[14]!.vehicles, json.byHour[14]!.persons]);
    expect(hours.get('14时')?.map(Number)).toEqual([1, 2]);
    expect(response.body).toContain('"夜班,""二组""",1,2\r\n');
    expect(
      Object.fromEntries(
        [...section(rows, '班组')].map(([team, [v, p]]) => [team, { vehicles: Number(v), persons: Number(p) }]),
      ),
    ).toEqual(json.byTeam);
  });

  it('answers an admin for a named checkpoint, 401 without a token and 403 for another checkpoint', async () => {
    const asAdmin = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily.csv?date=2026-11-28&checkpointId=${t.checkpointId}`,
      headers: t.admin.headers,
    });
    expect(asAdmin.statusCode).toBe(200);
    expect(parseCsv(asAdmin.body)[1]).toEqual(['检查站', t.checkpointId]);
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/tallies/daily.csv?date=2026-11-28' });
    expect(anonymous.statusCode).toBe(401);
    const { checkpoint: other } = await t.store.checkpoints.create({ name: '长沙南', province: '湖南', city: '长沙' });
    const refused = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily.csv?date=2026-11-28&checkpointId=${other.id}`,
      headers: t.device.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });
});
