// The region's hand-off list through HTTP on SQLite and PostgreSQL: several checkpoints' flagged persons by destination
// code, each with its checkpoint, within the admin's scope; JSON, CSV and XLSX, whole or one township.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REGION_HANDOFF_CSV_HEADER } from '../../domain/region-handoff-csv.ts';
import type { RegionHandoffList } from '../../domain/region-handoffs.ts';
import type { Destination, VehicleCheck } from '../../domain/vehicle-check.ts';
import { parseCsv } from '../../../tests/support/domain/parse-csv.ts';
import { readXlsx } from '../../../tests/support/domain/read-xlsx.ts';
import { HEYE, HUANGHE, SANTANGPU, SHUANGFENG } from '../../../tests/support/domain/sample-divisions.ts';
import { openTestApp, type TestApp, type TestDevice } from '../../../tests/support/server/app.ts';
import { writeSampleDivisionDist, type DivisionDist } from '../../../tests/support/server/division-dist.ts';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

const DAY = '2026-11-28';
const PATHS = ['/api/v1/handoffs/region', '/api/v1/handoffs/region.csv', '/api/v1/handoffs/region.xlsx'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const place = (county: string, township: string, village: string, codes: Partial<Destination> = {}): Destination => ({
  province: '湖南',
  city: '娄底',
  county,
  township,
  village,
  ...codes,
});
const chosen = { countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code };
const HEYE_CODES = { countyCode: SHUANGFENG.code, townshipCode: HEYE.code };
const ID_NUMBER = '110105194912310025';

interface At {
  id: string;
  device: TestDevice;
}

forEachStore('region hand-off routes', ({ store }) => {
  let t: TestApp;
  let dist: DivisionDist;
  beforeEach(async () => {
    dist = writeSampleDivisionDist();
    t = await openTestApp(store(), { distDir: dist.dir });
  });
  afterEach(async () => {
    await t.close();
    dist.remove();
  });

  /** The app's 娄底东, two more checkpoints of 娄底 (one keeping Ürümqi's clock) and one of 长沙, each with a tablet. */
  async function region(): Promise<Record<'east' | 'north' | 'west' | 'south', At>> {
    const at = async (name: string, province: string, city: string, timezone?: string): Promise<At> => {
      const { checkpoint } = await t.store.checkpoints.create({ name, province, city, timezone });
      return { id: checkpoint.id, device: await t.enrollDevice(checkpoint.id) };
    };
    return {
      east: { id: t.checkpointId, device: t.device },
      north: await at('双峰北', '湖南省', '娄底市'),
      west: await at('涟源西', '湖南', '娄底', 'Asia/Urumqi'),
      south: await at('长沙南', '湖南', '长沙'),
    };
  }

  const flagged = (at: At, completedAt: string, destination: Destination, name: string): VehicleCheck => {
    const base = makeServerCheck();
    return makeServerCheck({
      checkpointId: at.id,
      deviceId: at.device.deviceId,
      completedAt,
      vehicle: { ...base.vehicle, destination },
      persons: [
        makeServerPerson({
          codeColor: 'yellow',
          disposition: 'sample-on-site',
          registration: { name, idNumber: ID_NUMBER, phone: '07388888888' },
        }),
      ],
      disposition: 'sample-on-site',
    });
  };
  const post = (at: At, checks: VehicleCheck[]) => t.postChecks(checks, at.device);

  /** By default with the app's admin token (every checkpoint); null: no Authorization header. */
  const get = (url: string, headers: { authorization: string } | null = t.admin.headers) =>
    t.inject({ method: 'GET', url, ...(headers === null ? {} : { headers }) });

  async function signIn(username: string, scope: { kind: 'city'; province: string; city: string }) {
    const password = 'a long password 1';
    await t.store.adminAccounts.create({ username, password, scope });
    const response = await t.inject({ method: 'POST', url: '/api/v1/sessions', payload: { username, password } });
    expect(response.statusCode).toBe(201);
    return { authorization: `Bearer ${response.json<{ token: string }>().token}` };
  }

  const summary = (list: RegionHandoffList) =>
    list.groups.map((g) => [
      [g.county, g.township, g.village, g.villageCode],
      g.persons.map((p) => [p.name, p.checkpointName, p.checkpointId]),
    ]);

  it('puts persons of several checkpoints bound for one village in one group, each on its checkpoint’s own day', async () => {
    const { east, north, west, south } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
      flagged(east, '2026-11-29T01:00:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '次日'), // the 29th here
      makeServerCheck({ checkpointId: east.id, deviceId: east.device.deviceId }), // nobody flagged
    ]);
    // Written differently, the same codes; then an older tablet's exact free text, at 23:00 on Ürümqi's clock.
    await post(north, [flagged(north, '2026-11-28T09:02:00+08:00', place('双峰', '三塘铺', '黄河', chosen), '张2')]);
    await post(west, [flagged(west, '2026-11-29T01:00:00+08:00', place('双峰县', '三塘铺镇', '黄河村'), '张3')]);
    await post(south, [flagged(south, '2026-11-28T10:00:00+08:00', place('娄星区', '乐坪街道', '石井社区'), '张4')]);

    const response = await get(`/api/v1/handoffs/region?date=${DAY}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const list = response.json<RegionHandoffList>();
    expect(list.date).toBe(DAY);
    expect(summary(list)).toEqual([
      [['娄星区', '乐坪街道', '石井社区', undefined], [['张4', '长沙南', south.id]]],
      [
        ['双峰县', '三塘铺镇', '黄河村', HUANGHE.code],
        [
          ['张1', '娄底东', east.id],
          ['张2', '双峰北', north.id],
          ['张3', '涟源西', west.id],
        ],
      ],
    ]);
    expect(list.groups[1]?.persons[0]).toMatchObject({
      plate: '湘K12345',
      flags: ['yellow-code'],
      idNumber: ID_NUMBER,
    });
    expect(list.checkpoints.map((c) => [c.name, c.timezone, c.flaggedPersons]).sort()).toEqual([
      ['双峰北', 'Asia/Shanghai', 1],
      ['娄底东', 'Asia/Shanghai', 1],
      ['涟源西', 'Asia/Urumqi', 1],
      ['长沙南', 'Asia/Shanghai', 1],
    ]);
  });

  it('shows a city’s admin only its city’s checkpoints, and refuses it another place', async () => {
    const { east, south } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
    ]);
    await post(south, [
      flagged(south, '2026-11-28T10:00:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张4'),
    ]);
    const loudi = await signIn('loudi.admin', { kind: 'city', province: '湖南', city: '娄底' });

    const seen = (await get(`/api/v1/handoffs/region?date=${DAY}`, loudi)).json<RegionHandoffList>();
    expect(summary(seen)).toEqual([[['双峰县', '三塘铺镇', '黄河村', HUANGHE.code], [['张1', '娄底东', east.id]]]]);
    expect(seen.checkpoints.map((c) => c.name).sort()).toEqual(['双峰北', '娄底东', '涟源西']);
    const csv = await get(`/api/v1/handoffs/region.csv?date=${DAY}`, loudi);
    expect(csv.body).toContain('张1');
    expect(csv.body).not.toContain('张4');

    for (const query of ['province=广东', 'city=长沙', 'province=湖南&city=长沙']) {
      for (const path of PATHS) {
        const refused = await get(`${path}?date=${DAY}&${query}`, loudi);
        expect(refused.statusCode, `${path} ${query}`).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
        expect(refused.body).not.toContain(ID_NUMBER);
      }
    }
    // Narrowing within the scope is fine, and an admin of every checkpoint narrows to 长沙.
    expect((await get(`/api/v1/handoffs/region?date=${DAY}&city=娄底市`, loudi)).statusCode).toBe(200);
    const changsha = (await get(`/api/v1/handoffs/region?date=${DAY}&city=长沙`)).json<RegionHandoffList>();
    expect(summary(changsha)).toEqual([
      [['双峰县', '三塘铺镇', '黄河村', HUANGHE.code], [['张4', '长沙南', south.id]]],
    ]);
    expect(changsha.checkpoints.map((c) => c.name)).toEqual(['长沙南']);
  });

  it('lists an archived checkpoint only on a day it found someone', async () => {
    const { north, west } = await region();
    await post(north, [
      flagged(north, '2026-11-28T09:02:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张2'),
    ]);
    await t.store.checkpoints.archive(north.id);
    await t.store.checkpoints.archive(west.id);
    const list = (await get(`/api/v1/handoffs/region?date=${DAY}`)).json<RegionHandoffList>();
    expect(list.checkpoints.map((c) => [c.name, c.flaggedPersons]).sort()).toEqual([
      ['双峰北', 1],
      ['娄底东', 0],
      ['长沙南', 0],
    ]);
    expect(summary(list)[0]?.[1]).toEqual([['张2', '双峰北', north.id]]);
  });

  it('writes the region as a CSV, or one township’s part named after it', async () => {
    const { east, west } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
      flagged(east, '2026-11-28T09:05:00+08:00', place('双峰县', '荷叶镇', '', HEYE_CODES), '李1'),
    ]);
    await post(west, [flagged(west, '2026-11-28T11:30:00+08:00', place('双峰县', '三塘铺镇', '黄河村'), '张3')]);

    const whole = await get(`/api/v1/handoffs/region.csv?date=${DAY}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(whole.headers['cache-control']).toBe('no-store');
    expect(whole.headers['content-disposition']).toBe(
      `attachment; filename="handoffs-region-${DAY}.csv"; ` +
        `filename*=UTF-8''${encodeURIComponent(`区域交接名单-${DAY}.csv`)}`,
    );
    expect([...whole.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(whole.body);
    expect(rows[0]).toEqual([...REGION_HANDOFF_CSV_HEADER]);
    // Times on each checkpoint's clock: 11:30 in Shanghai is 09:30 in Ürümqi.
    expect(rows.slice(1).map((row) => [row[1], row[3], row[4], row[8], row[9]])).toEqual([
      ['荷叶镇', '娄底东', '2026-11-28 09:05:00', '李1', `'${ID_NUMBER}`],
      ['三塘铺镇', '娄底东', '2026-11-28 09:01:00', '张1', `'${ID_NUMBER}`],
      ['三塘铺镇', '涟源西', '2026-11-28 09:30:00', '张3', `'${ID_NUMBER}`],
    ]);

    const township = await get(`/api/v1/handoffs/region.csv?date=${DAY}&township=${SANTANGPU.code}`);
    expect(township.statusCode).toBe(200);
    expect(township.headers['content-disposition']).toBe(
      `attachment; filename="handoffs-region-${SANTANGPU.code}-${DAY}.csv"; ` +
        `filename*=UTF-8''${encodeURIComponent(`区域交接名单-双峰县三塘铺镇-${DAY}.csv`)}`,
    );
    expect(
      parseCsv(township.body)
        .slice(1)
        .map((row) => [row[1], row[8]]),
    ).toEqual([
      ['三塘铺镇', '张1'],
      ['三塘铺镇', '张3'],
    ]);

    // A township nobody is bound for today: the header alone, still named from the division lists.
    const quiet = await get(`/api/v1/handoffs/region.csv?date=${DAY}&township=431321102`);
    expect(quiet.statusCode).toBe(200);
    expect(parseCsv(quiet.body)).toEqual([[...REGION_HANDOFF_CSV_HEADER]]);
    expect(quiet.headers['content-disposition']).toContain(encodeURIComponent(`区域交接名单-双峰县井字镇-${DAY}.csv`));
  });

  it('writes the region as a workbook with a sheet per township, or one township’s sheet', async () => {
    const { east, north } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
    ]);
    await post(north, [flagged(north, '2026-11-28T09:05:00+08:00', place('双峰县', '荷叶镇', '', HEYE_CODES), '李1')]);

    const whole = await get(`/api/v1/handoffs/region.xlsx?date=${DAY}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe(XLSX);
    expect(whole.headers['content-disposition']).toContain(encodeURIComponent(`区域交接名单-${DAY}.xlsx`));
    const sheets = await readXlsx(whole.rawPayload);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['荷叶镇', '三塘铺镇']);
    const text = (value: string) => ({ kind: 'text', value });
    expect(sheets[0]?.rows[0]).toEqual(REGION_HANDOFF_CSV_HEADER.map(text));
    expect(sheets[0]?.rows.slice(1).map((row) => [row[3], row[8], row[9]])).toEqual([
      [text('双峰北'), text('李1'), text(ID_NUMBER)],
    ]);

    const township = await get(`/api/v1/handoffs/region.xlsx?date=${DAY}&township=${SANTANGPU.code}`);
    expect(township.statusCode).toBe(200);
    expect(township.headers['content-disposition']).toContain(
      encodeURIComponent(`区域交接名单-双峰县三塘铺镇-${DAY}.xlsx`),
    );
    const part = await readXlsx(township.rawPayload);
    expect(part.map((sheet) => [sheet.name, sheet.rows.length])).toEqual([['三塘铺镇', 2]]);
    expect(part[0]?.rows[1]?.[8]).toEqual(text('张1'));
  });

  it('keeps text that a spreadsheet would run from running, in the CSV and the workbook', async () => {
    const hostile = '=HYPERLINK("http://x","点此")';
    const { checkpoint } = await t.store.checkpoints.create({ name: hostile, province: '湖南', city: '娄底' });
    const at = { id: checkpoint.id, device: await t.enrollDevice(checkpoint.id) };
    await post(at, [flagged(at, '2026-11-28T09:01:00+08:00', place('双峰县', '+1+1', '-2+3'), '@SUM(A1)')]);

    const [, row] = parseCsv((await get(`/api/v1/handoffs/region.csv?date=${DAY}`)).body);
    expect(row?.slice(0, 4)).toEqual(['双峰县', "'+1+1", "'-2+3", `'${hostile}`]);
    expect(row?.[8]).toBe("'@SUM(A1)");

    const sheets = await readXlsx((await get(`/api/v1/handoffs/region.xlsx?date=${DAY}`)).rawPayload);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['+1+1']);
    const cells = sheets.flatMap((sheet) => sheet.rows.flat());
    expect(cells.filter((cell) => cell !== null && cell.kind !== 'text')).toEqual([]);
    expect(cells).toContainEqual({ kind: 'text', value: hostile });
  });

  it('answers requests made at once, each in its turn, a refused one without waiting', async () => {
    const { east } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
    ]);
    const loudi = await signIn('loudi.admin', { kind: 'city', province: '湖南', city: '娄底' });
    const answers = await Promise.all([
      get(`/api/v1/handoffs/region.xlsx?date=${DAY}`),
      get(`/api/v1/handoffs/region?date=${DAY}`),
      get(`/api/v1/handoffs/region?date=${DAY}&city=长沙`, loudi),
      get(`/api/v1/handoffs/region.csv?date=${DAY}&township=${SANTANGPU.code}`),
      get(`/api/v1/handoffs/region?date=${DAY}`, loudi),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 403, 200, 200]);
    expect(answers[1].json<RegionHandoffList>().groups[0]?.persons[0]?.name).toBe('张1');
    expect(parseCsv(answers[3].body)[1]?.[8]).toBe('张1');
    expect(answers[4].json<RegionHandoffList>().groups).toHaveLength(1);
  });

  it('answers 400 for a bad date or township, 401 without a token, 403 to a device or a lead', async () => {
    const { east } = await region();
    await post(east, [
      flagged(east, '2026-11-28T09:01:00+08:00', place('双峰县', '三塘铺镇', '黄河村', chosen), '张1'),
    ]);
    const lead = (await t.leadSession()).headers;
    for (const path of PATHS) {
      for (const [query, headers, status] of [
        ['date=2026-02-30', t.admin.headers, 400],
        ['', t.admin.headers, 400],
        [`date=${DAY}&city=${'长'.repeat(33)}`, t.admin.headers, 400],
        [`date=${DAY}`, null, 401],
        [`date=${DAY}`, t.device.headers, 403],
        [`date=${DAY}`, lead, 403],
      ] as const) {
        const refused = await get(`${path}?${query}`, headers);
        expect(refused.statusCode, `${path}?${query}`).toBe(status);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/u);
        expect(refused.body).not.toContain(ID_NUMBER);
      }
    }
    for (const path of PATHS.slice(1)) {
      for (const township of ['4313211', '43132110a', '431321109000']) {
        expect((await get(`${path}?date=${DAY}&township=${township}`)).statusCode, township).toBe(400);
      }
    }
  });
});
