// The region's day through HTTP on SQLite and PostgreSQL: each checkpoint of the admin's scope exactly as its own daily
// tally says (its own local day), their total the sum of those, narrowed by place; its CSV and workbook say the same.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DailyTally } from '../../domain/tally.ts';
import type { RegionTally } from '../../domain/region-tally.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from '../../domain/vocabulary.ts';
import { parseCsv } from '../../../tests/support/domain/parse-csv.ts';
import { readXlsx, type ReadCell } from '../../../tests/support/domain/read-xlsx.ts';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';

const DAY = '2026-11-28';
const LOUDI_ADMIN = { username: 'loudi.admin', password: 'a long password 1' };

interface Site {
  id: string;
  name: string;
  province: string;
  city: string;
  device: TestDevice;
}

type Headers = { authorization: string };

forEachStore('region tally routes', ({ store, clock }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  /** A checkpoint opened a second after the one before, so the region lists them in this order (oldest first). */
  async function openSite(name: string, province: string, city: string, timezone?: string): Promise<Site> {
    clock().advance(1000);
    const { checkpoint } = await t.store.checkpoints.create({ name, province, city, timezone });
    return { id: checkpoint.id, name, province, city, device: await t.enrollDevice(checkpoint.id) };
  }

  async function post(site: Site, overrides: Partial<VehicleCheck>[]): Promise<void> {
    const checks = overrides.map((o) =>
      makeServerCheck({ checkpointId: site.id, deviceId: site.device.deviceId, ...o }),
    );
    const results = await t.postChecks(checks, site.device);
    expect(results.map((r) => r.status)).toEqual(checks.map(() => 'created'));
  }

  /**
   * Six checkpoints: two in 娄底 (one named '湖南省 娄底市'), one in 长沙, one in 广州, one in 喀什 on Asia/Urumqi
   * (UTC+6), an archived one in 娄底 with checks that day and an archived one without.
   */
  async function seedRegion() {
    const base = makeServerCheck();
    const east: Site = {
      id: t.checkpointId,
      name: '娄底东',
      province: '湖南',
      city: '娄底',
      device: t.device,
    };
    const west = await openSite('娄底西', '湖南省', '娄底市');
    const south = await openSite('长沙南', '湖南', '长沙');
    const kashgar = await openSite('喀什西', '新疆', '喀什', 'Asia/Urumqi');
    const guangzhou = await openSite('广州北', '广东', '广州');
    const closedBusy = await openSite('娄底北', '湖南', '娄底');
    const closedQuiet = await openSite('娄底旧', '湖南', '娄底');
    await post(east, [
      {},
      {
        completedAt: '2026-11-28T14:20:00+08:00',
        team: 'B',
        vehicle: { ...base.vehicle, type: 'bus', origin: { province: '广东省', city: '深圳市' } },
        persons: [
          makeServerPerson({ codeColor: 'yellow', disposition: 'sample-on-site' }),
          makeServerPerson({ role: 'passenger', temperatures: [37.8], vaccineDoses: 0, disposition: 'fever-clinic' }),
        ],
        disposition: 'fever-clinic',
      },
      { completedAt: '2026-11-27T23:59:59+08:00' }, // the day before
      { completedAt: '2026-11-28T23:59:59+08:00', team: 'B' },
    ]);
    await post(west, [
      { persons: [makeServerPerson({ codeColor: 'red', disposition: 'hand-over' })], disposition: 'hand-over' },
      {
        completedAt: '2026-11-28T09:10:00+08:00',
        vehicle: { ...base.vehicle, type: 'truck', origin: { province: '湖南', city: '长沙' } },
      },
    ]);
    await post(south, [{ team: '夜班' }, { completedAt: '2026-11-28T20:00:00+08:00' }]);
    await post(kashgar, [
      { completedAt: '2026-11-28T12:00:00+06:00' },
      // 23:30 in 喀什 is 01:30 of the 29th in Shanghai: still the 28th on its own clock.
      { completedAt: '2026-11-28T23:30:00+06:00', team: 'B' },
      // 01:30 of the 28th in Shanghai is 23:30 of the 27th in 喀什: not its 28th.
      { completedAt: '2026-11-28T01:30:00+08:00' },
    ]);
    await post(guangzhou, [{ vehicle: { ...base.vehicle, origin: { province: '广东', city: '广州' } } }]);
    await post(closedBusy, [{ completedAt: '2026-11-28T10:00:00+08:00' }]);
    await t.store.checkpoints.archive(closedBusy.id);
    await t.store.checkpoints.archive(closedQuiet.id);
    return { east, west, south, kashgar, guangzhou, closedBusy, closedQuiet };
  }

  async function getRegion(query: string, headers: Headers = t.admin.headers) {
    return t.inject({ method: 'GET', url: `/api/v1/tallies/region?${query}`, headers });
  }

  async function region(query: string, headers: Headers = t.admin.headers): Promise<RegionTally> {
    const response = await getRegion(query, headers);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RegionTally>();
  }

  async function daily(checkpointId: string): Promise<DailyTally> {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily?date=${DAY}&checkpointId=${checkpointId}`,
      headers: t.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json<DailyTally>();
  }

  async function signInLoudiAdmin(): Promise<Headers> {
    await t.store.adminAccounts.create({
      ...LOUDI_ADMIN,
      scope: { kind: 'city', province: '湖南', city: '娄底' },
    });
    const response = await t.inject({ method: 'POST', url: '/api/v1/sessions', payload: LOUDI_ADMIN });
    expect(response.statusCode).toBe(201);
    return { authorization: `Bearer ${response.json<{ token: string }>().token}` };
  }

  const names = (answer: RegionTally): string[] => answer.checkpoints.map((row) => row.name);

  it('lists each checkpoint as its own daily tally says, and a total that is the sum of them, figure for figure', async () => {
    const sites = await seedRegion();
    const answer = await region(`date=${DAY}`);
    const listed = [sites.east, sites.west, sites.south, sites.kashgar, sites.guangzhou, sites.closedBusy];
    expect(answer.date).toBe(DAY);
    expect(answer.checkpoints.map((row) => row.checkpointId)).toEqual(listed.map((site) => site.id));

    const dailies: DailyTally[] = [];
    for (const [index, site] of listed.entries()) {
      const own = await daily(site.id);
      dailies.push(own);
      const row = answer.checkpoints[index];
      expect({ ...row, generatedAt: own.generatedAt }).toEqual({
        ...own,
        name: site.name,
        province: site.province,
        city: site.city,
      });
    }
    // The figures themselves, so the comparison is not of empty days.
    expect(dailies.map((d) => d.vehicles)).toEqual([3, 2, 2, 2, 1, 1]);

    const sum = (pick: (tally: DailyTally) => number): number => dailies.reduce((total, d) => total + pick(d), 0);
    const { total } = answer;
    expect(total.vehicles).toBe(11);
    expect(total.vehicles).toBe(sum((d) => d.vehicles));
    expect(total.persons).toBe(sum((d) => d.persons));
    expect(total.devices).toBe(sum((d) => d.devices));
    expect(total.flaggedPersons).toBe(3);
    expect(total.flaggedPersons).toBe(sum((d) => d.flaggedPersons ?? 0));
    for (const type of VEHICLE_TYPES) expect(total.vehiclesByType[type]).toBe(sum((d) => d.vehiclesByType[type]));
    for (const origin of ORIGIN_CLASSES)
      expect(total.vehiclesByOrigin[origin]).toBe(sum((d) => d.vehiclesByOrigin[origin]));
    for (const flag of FLAGS) expect(total.flags[flag]).toBe(sum((d) => d.flags[flag]));
    for (const d of DISPOSITIONS) {
      expect(total.personDispositions[d]).toBe(sum((tally) => tally.personDispositions[d]));
      expect(total.vehicleDispositions[d]).toBe(sum((tally) => tally.vehicleDispositions[d]));
    }
    expect(total.byHour).toEqual(
      Array.from({ length: 24 }, (_, hour) => ({
        hour,
        vehicles: sum((d) => d.byHour[hour]?.vehicles ?? 0),
        persons: sum((d) => d.byHour[hour]?.persons ?? 0),
      })),
    );
    expect(total.byTeam).toEqual({
      A: { vehicles: 7, persons: 7 },
      B: { vehicles: 3, persons: 4 },
      夜班: { vehicles: 1, persons: 1 },
    });
    expect(total.flags).toMatchObject({ 'red-code': 1, 'yellow-code': 1, fever: 1, unvaccinated: 1 });
    expect(total.newestCompletedAt).toBe('2026-11-28T23:30:00+06:00');
    expect(total).not.toHaveProperty('checkpointId');
    expect(total).not.toHaveProperty('timezone');
  });

  it('counts a checkpoint in another zone on its own local day and hours', async () => {
    const { kashgar } = await seedRegion();
    const row = (await region(`date=${DAY}`)).checkpoints.find((r) => r.checkpointId === kashgar.id);
    expect(row).toMatchObject({ timezone: 'Asia/Urumqi', vehicles: 2, newestCompletedAt: '2026-11-28T23:30:00+06:00' });
    expect(row?.byHour[12]).toEqual({ hour: 12, vehicles: 1, persons: 1 });
    expect(row?.byHour[23]).toEqual({ hour: 23, vehicles: 1, persons: 1 });
    const dayBefore = (await region('date=2026-11-27')).checkpoints.find((r) => r.checkpointId === kashgar.id);
    expect(dayBefore).toMatchObject({ vehicles: 1 });
    expect(dayBefore?.byHour[23]).toEqual({ hour: 23, vehicles: 1, persons: 1 });
  });

  it('narrows to a province and a city, their names compared as places', async () => {
    await seedRegion();
    expect(names(await region(`date=${DAY}&province=${encodeURIComponent('湖南省')}`))).toEqual([
      '娄底东',
      '娄底西',
      '长沙南',
      '娄底北',
    ]);
    const loudi = await region(`date=${DAY}&city=${encodeURIComponent('娄底')}`);
    expect(names(loudi)).toEqual(['娄底东', '娄底西', '娄底北']);
    expect(loudi.total.vehicles).toBe(6);
    expect(
      names(await region(`date=${DAY}&province=${encodeURIComponent('湖南')}&city=${encodeURIComponent('长沙市')}`)),
    ).toEqual(['长沙南']);
    const nowhere = await region(`date=${DAY}&province=${encodeURIComponent('西藏')}`);
    expect(nowhere.checkpoints).toEqual([]);
    expect(nowhere.total).toMatchObject({ vehicles: 0, persons: 0, devices: 0, newestCompletedAt: null });
    expect(nowhere.total.byHour).toHaveLength(24);
  });

  it('shows a city’s admin its own city only, and refuses it another place', async () => {
    const { south } = await seedRegion();
    const headers = await signInLoudiAdmin();
    const own = await region(`date=${DAY}`, headers);
    expect(names(own)).toEqual(['娄底东', '娄底西', '娄底北']);
    expect(own.total.vehicles).toBe(6);
    expect(names(await region(`date=${DAY}&city=${encodeURIComponent('娄底市')}`, headers))).toEqual(names(own));
    for (const query of [`city=${encodeURIComponent('长沙')}`, `province=${encodeURIComponent('广东')}`]) {
      for (const path of ['/api/v1/tallies/region', '/api/v1/tallies/region.csv', '/api/v1/tallies/region.xlsx']) {
        const refused = await t.inject({ method: 'GET', url: `${path}?date=${DAY}&${query}`, headers });
        expect(refused.statusCode, `${path} ${query}`).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
        expect(refused.body).not.toContain('长沙南');
      }
    }
    const otherCity = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily?date=${DAY}&checkpointId=${south.id}`,
      headers,
    });
    expect(otherCity.statusCode).toBe(403);
  });

  it('writes the same table as a CSV: a row per checkpoint with its figures, then the total', async () => {
    await seedRegion();
    const json = await region(`date=${DAY}`);
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/region.csv?date=${DAY}`,
      headers: t.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="region-${DAY}.csv"; filename*=UTF-8''${encodeURIComponent(`区域日报-${DAY}.csv`)}`,
    );
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(['日期', DAY]);
    const header = rows[2] ?? [];
    const at = (heading: string): number => header.indexOf(heading);
    const table = rows.slice(3);
    expect(table.map((row) => row[0])).toEqual([...names(json), '合计']);
    for (const [index, checkpoint] of json.checkpoints.entries()) {
      const row = table[index] ?? [];
      expect(row.slice(0, 3)).toEqual([checkpoint.name, checkpoint.province, checkpoint.city]);
      expect(Number(row[at('车辆总数')])).toBe(checkpoint.vehicles);
      expect(Number(row[at('人员总数')])).toBe(checkpoint.persons);
      expect(Number(row[at('车型：客车')])).toBe(checkpoint.vehiclesByType.bus);
      expect(Number(row[at('来源：省外')])).toBe(checkpoint.vehiclesByOrigin['out-of-province']);
      expect(Number(row[at('异常：红码')])).toBe(checkpoint.flags['red-code']);
      expect(Number(row[at('人员处置：移交')])).toBe(checkpoint.personDispositions['hand-over']);
      expect(Number(row[at('设备数')])).toBe(checkpoint.devices);
    }
    const totalRow = table.at(-1) ?? [];
    expect(Number(totalRow[at('车辆总数')])).toBe(json.total.vehicles);
    expect(Number(totalRow[at('异常：体温异常')])).toBe(json.total.flags.fever);
  });

  it('writes the same table as a workbook, with each checkpoint’s hours on a second sheet', async () => {
    await seedRegion();
    const json = await region(`date=${DAY}`);
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/region.xlsx?date=${DAY}`,
      headers: t.admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="kakou-region-${DAY}.xlsx"; filename*=UTF-8''${encodeURIComponent(`区域日报-${DAY}.xlsx`)}`,
    );
    const sheets = await readXlsx(response.rawPayload);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['区域日报', '每小时']);
    const [summary, hourly] = sheets as [(typeof sheets)[number], (typeof sheets)[number]];
    const valueOf = (cell: ReadCell | null | undefined): unknown =>
      cell?.kind === 'text' || cell?.kind === 'number' ? cell.value : cell;
    const values = (row: readonly (ReadCell | null)[] | undefined) => (row ?? []).map(valueOf);

    const summaryRows = summary.rows.map(values);
    const header = summaryRows[3] ?? [];
    const table = summaryRows.slice(4);
    expect(table.map((row) => row[0])).toEqual([...names(json), '合计']);
    for (const [index, checkpoint] of json.checkpoints.entries()) {
      const row = table[index] ?? [];
      expect(row.slice(0, 3)).toEqual([checkpoint.name, checkpoint.province, checkpoint.city]);
      expect(row[header.indexOf('车辆总数')]).toBe(checkpoint.vehicles);
      expect(row[header.indexOf('人员总数')]).toBe(checkpoint.persons);
      expect(row[header.indexOf('异常：黄码')]).toBe(checkpoint.flags['yellow-code']);
      expect(row[header.indexOf('设备数')]).toBe(checkpoint.devices);
    }
    expect(table.at(-1)?.[header.indexOf('车辆总数')]).toBe(json.total.vehicles);

    const hourRows = hourly.rows.map(values);
    for (const [index, checkpoint] of json.checkpoints.entries()) {
      expect(hourRows[2 + index]).toEqual([
        checkpoint.name,
        checkpoint.province,
        checkpoint.city,
        ...checkpoint.byHour.map((hour) => hour.vehicles),
        checkpoint.vehicles,
      ]);
    }
    expect(hourRows[2 + json.checkpoints.length]?.slice(3)).toEqual([
      ...json.total.byHour.map((hour) => hour.vehicles),
      json.total.vehicles,
    ]);
  });

  it.each(['/api/v1/tallies/region', '/api/v1/tallies/region.csv', '/api/v1/tallies/region.xlsx'])(
    '%s: a bad date is a 400 problem, a device or a lead 403, no token 401',
    async (path) => {
      for (const query of ['', 'date=28.11.2026', 'date=2026-02-30', `date=${DAY}&province=`]) {
        const bad = await t.inject({ method: 'GET', url: `${path}?${query}`, headers: t.admin.headers });
        expect(bad.statusCode, query).toBe(400);
        expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/u);
      }
      const lead = await t.leadSession();
      for (const headers of [t.device.headers, lead.headers]) {
        const refused = await t.inject({ method: 'GET', url: `${path}?date=${DAY}`, headers });
        expect(refused.statusCode).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
      }
      const anonymous = await t.inject({ method: 'GET', url: `${path}?date=${DAY}` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/u);
    },
  );
});
