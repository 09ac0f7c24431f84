// The hand-off list through HTTP on SQLite and PostgreSQL: flagged persons at each check's highest rev, by destination,
// JSON, CSV and XLSX.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { handoffListSchema } from '../../contract/handoff.ts';
import { HANDOFF_CSV_HEADER } from '../../domain/handoff-csv.ts';
import { parseCsv } from '../../../tests/support/domain/parse-csv.ts';
import { readXlsx } from '../../../tests/support/domain/read-xlsx.ts';
import type { Destination, VehicleCheck } from '../../domain/vehicle-check.ts';
import { makeServerCheck, makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { HUANGHE, SANTANGPU, SHUANGFENG } from '../../../tests/support/domain/sample-divisions.ts';
import { writeSampleDivisionDist, type DivisionDist } from '../../../tests/support/server/division-dist.ts';

const place = (county: string, township: string, village: string): Destination => ({
  province: '湖南',
  city: '娄底',
  county,
  township,
  village,
});
const registration = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };

forEachStore('hand-off routes', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  const ownCheck = (destination: Destination, completedAt: string, overrides?: Partial<VehicleCheck>): VehicleCheck => {
    const base = makeServerCheck();
    return makeServerCheck({
      checkpointId: t.checkpointId,
      deviceId: t.device.deviceId,
      completedAt,
      vehicle: { ...base.vehicle, destination },
      persons: [makeServerPerson({ codeColor: 'yellow', disposition: 'sample-on-site', registration })],
      disposition: 'sample-on-site',
      ...overrides,
    });
  };

  const post = (checks: VehicleCheck[]) => t.postChecks(checks);

  /** null: no Authorization header at all; by default a lead session of the app's device (the list is the lead's). */
  const get = async (url: string, given?: { authorization: string } | null) => {
    const headers = given === undefined ? (await t.leadSession()).headers : given;
    return t.inject({ method: 'GET', url, ...(headers === null ? {} : { headers }) });
  };

  it('groups the day’s flagged persons by county, township and village, each group in time order, with full registration', async () => {
    const sanTang = place('双峰县', '三塘铺镇', '三塘村');
    const late = ownCheck(sanTang, '2026-11-28T18:00:00+08:00');
    const early = ownCheck(sanTang, '2026-11-28T07:30:00+08:00', {
      persons: [
        makeServerPerson({ disposition: 'release' }), // green, nothing flagged: not on the list
        makeServerPerson({ role: 'passenger', temperatures: [38.2], disposition: 'fever-clinic', registration: null }),
      ],
      disposition: 'fever-clinic',
    });
    const amended = ownCheck(place('涟源市', '蓝田街道', '光明社区'), '2026-11-28T09:00:00+08:00');
    const clean = ownCheck(place('娄星区', '乐坪街道', '石井社区'), '2026-11-28T10:00:00+08:00', {
      persons: [makeServerPerson({ registration })],
      disposition: 'release',
    });
    const louXing = ownCheck(place('娄星区', '乐坪街道', '石井社区'), '2026-11-28T20:00:00+08:00');
    const dayBefore = ownCheck(sanTang, '2026-11-27T12:00:00+08:00');
    await post([late, early, amended, clean, louXing, dayBefore]);
    // rev 2 moves the person's destination: the list follows the highest rev.
    await post([
      { ...amended, rev: 2, vehicle: { ...amended.vehicle, destination: place('双峰县', '青树坪镇', '青树村') } },
    ]);

    const response = await get('/api/v1/handoffs?date=2026-11-28');
    expect(response.statusCode).toBe(200);
    const list = handoffListSchema.parse(response.json());
    expect(list).toMatchObject({ checkpointId: t.checkpointId, date: '2026-11-28' });
    // In pinyin order: 娄星区 (lou) before 双峰县 (shuang), 青树坪镇 (qing) before 三塘铺镇 (san); nothing of the day before.
    expect(list.groups.map((g) => [g.county, g.township, g.village])).toEqual([
      ['娄星区', '乐坪街道', '石井社区'],
      ['双峰县', '青树坪镇', '青树村'],
      ['双峰县', '三塘铺镇', '三塘村'],
    ]);
    expect(list.groups[0]!.persons.map((p) => p.checkId)).toEqual([louXing.id]); // not the unflagged person of `clean`
    expect(list.groups[1]!.persons).toEqual([
      {
        checkId: amended.id,
        completedAt: amended.completedAt,
        plate: '湘K12345',
        flags: ['yellow-code'],
        disposition: 'sample-on-site',
        ...registration,
      },
    ]);
    expect(list.groups[2]!.persons).toEqual([
      {
        checkId: early.id,
        completedAt: early.completedAt,
        plate: '湘K12345',
        flags: ['fever'],
        disposition: 'fever-clinic',
        name: null,
        idNumber: null,
        phone: null,
      },
      {
        checkId: late.id,
        completedAt: late.completedAt,
        plate: '湘K12345',
        flags: ['yellow-code'],
        disposition: 'sample-on-site',
        ...registration,
      },
    ]);
  });

  it('writes the same list as a CSV with a BOM, quoting a plate and a name that hold a comma and quotes', async () => {
    const base = makeServerCheck();
    const odd = ownCheck(place('双峰县', '三塘铺镇', '三塘村'), '2026-11-28T08:05:00+08:00', {
      vehicle: { ...base.vehicle, plate: '湘K1,2"3', destination: place('双峰县', '三塘铺镇', '三塘村') },
      persons: [
        makeServerPerson({
          codeColor: 'red',
          disposition: 'hand-over',
          registration: { ...registration, name: '李"四",五' },
        }),
      ],
      disposition: 'hand-over',
    });
    await post([odd]);
    const response = await get('/api/v1/handoffs.csv?date=2026-11-28');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('交接名单-2026-11-28.csv')}`,
    );
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body).toContain('"湘K1,2""3"');
    expect(parseCsv(response.body)).toEqual([
      [...HANDOFF_CSV_HEADER],
      [
        '双峰县',
        '三塘铺镇',
        '三塘村',
        '2026-11-28 08:05:00',
        '湘K1,2"3',
        '红码',
        '移交',
        '李"四",五',
        registration.idNumber,
        "'13800138000",
        odd.id,
      ],
    ]);
  });

  it('writes the same list as a workbook: one sheet, the CSV’s columns, ID number and phone as whole text cells', async () => {
    const check = ownCheck(place('双峰县', '三塘铺镇', '三塘村'), '2026-11-28T08:05:00+08:00', {
      persons: [
        makeServerPerson({
          codeColor: 'red',
          disposition: 'hand-over',
          registration: { name: '王五', idNumber: '110105194912310025', phone: '07388888888' },
        }),
      ],
      disposition: 'hand-over',
    });
    await post([check]);
    const response = await get('/api/v1/handoffs.xlsx?date=2026-11-28');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="handoffs-2026-11-28.xlsx"; ` +
        `filename*=UTF-8''${encodeURIComponent('交接名单-2026-11-28.xlsx')}`,
    );
    const sheets = await readXlsx(response.rawPayload);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['交接名单']);
    const text = (value: string) => ({ kind: 'text', value });
    expect(sheets[0]?.rows).toEqual([
      HANDOFF_CSV_HEADER.map(text),
      [
        '双峰县',
        '三塘铺镇',
        '三塘村',
        '2026-11-28 08:05:00',
        '湘K12345',
        '红码',
        '移交',
        '王五',
        '110105194912310025',
        '07388888888',
        check.id,
      ].map(text),
    ]);
  });

  it('refuses the list, its CSV and its workbook to a device token alone: a lead must unlock', async () => {
    await post([ownCheck(place('双峰县', '三塘铺镇', '三塘村'), '2026-11-28T08:05:00+08:00')]);
    for (const path of ['/api/v1/handoffs', '/api/v1/handoffs.csv', '/api/v1/handoffs.xlsx']) {
      const refused = await get(`${path}?date=2026-11-28`, t.device.headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json<{ detail: string }>().detail).toMatch(/lead must unlock/u);
      expect(refused.body).not.toContain(registration.idNumber);
    }
  });

  it('answers 401 without a token, 403 for another checkpoint, and an admin for a named one', async () => {
    expect((await get('/api/v1/handoffs?date=2026-11-28', null)).statusCode).toBe(401);
    expect((await get('/api/v1/handoffs.csv?date=2026-11-28', null)).statusCode).toBe(401);
    expect((await get('/api/v1/handoffs.xlsx?date=2026-11-28', null)).statusCode).toBe(401);
    const { checkpoint: other } = await t.store.checkpoints.create({ name: '长沙南', province: '湖南', city: '长沙' });
    for (const path of ['/api/v1/handoffs', '/api/v1/handoffs.csv', '/api/v1/handoffs.xlsx']) {
      const refused = await get(`${path}?date=2026-11-28&checkpointId=${other.id}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    await post([ownCheck(place('双峰县', '三塘铺镇', '三塘村'), '2026-11-28T08:05:00+08:00')]);
    const asAdmin = await get(`/api/v1/handoffs?date=2026-11-28&checkpointId=${t.checkpointId}`, t.admin.headers);
    expect(asAdmin.statusCode).toBe(200);
    expect(handoffListSchema.parse(asAdmin.json()).groups[0]?.persons[0]?.idNumber).toBe(registration.idNumber);
    expect((await get('/api/v1/handoffs?date=2026-11-28', t.admin.headers)).statusCode).toBe(400);
    expect((await get('/api/v1/handoffs?date=2026-02-30')).statusCode).toBe(400);
    const adminXlsx = await get(
      `/api/v1/handoffs.xlsx?date=2026-11-28&checkpointId=${t.checkpointId}`,
      t.admin.headers,
    );
    expect(adminXlsx.statusCode).toBe(200);
    expect((await readXlsx(adminXlsx.rawPayload))[0]?.rows[1]?.[8]).toEqual({
      kind: 'text',
      value: registration.idNumber,
    });
    const badDate = await get('/api/v1/handoffs.xlsx?date=2026-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });
});

forEachStore('hand-off routes grouping by division code (ADR 034)', ({ store }) => {
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

  const flagged = (id: number, destination: Destination): VehicleCheck => {
    const base = makeServerCheck();
    return t.ownCheck({
      completedAt: `2026-11-28T09:${String(id).padStart(2, '0')}:00+08:00`,
      vehicle: { ...base.vehicle, destination },
      persons: [
        makeServerPerson({
          codeColor: 'yellow',
          disposition: 'sample-on-site',
          registration: { ...registration, name: `张${id}` },
        }),
      ],
      disposition: 'sample-on-site',
    });
  };
  const chosen = { countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code };

  it('lists "三塘铺镇", "三塘铺" and a typo chosen from the lists as one township, and older exact names with them', async () => {
    await t.postChecks([
      flagged(1, { ...place('双峰县', '三塘铺镇', '黄河村'), ...chosen }),
      flagged(2, { ...place('双峰', '三塘铺', '黄河'), ...chosen }),
      flagged(3, { ...place('双峰县', '三塘埔镇', '黄河村'), ...chosen }),
      flagged(4, place('双峰县', '三塘铺镇', '黄河村')), // an older tablet's free text, written exactly
      flagged(5, place('双峰县', '三塘铺', '黄河村')), // free text, not exact: apart, under its county
    ]);
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/handoffs?date=2026-11-28',
      headers: (await t.leadSession()).headers,
    });
    expect(response.statusCode).toBe(200);
    const list = handoffListSchema.parse(response.json());
    expect(
      list.groups.map((g) => [
        g.county,
        g.township,
        g.village,
        g.countyCode,
        g.townshipCode,
        g.villageCode,
        g.persons.map((p) => p.name),
      ]),
    ).toEqual([
      ['双峰县', '三塘铺', '黄河村', SHUANGFENG.code, undefined, undefined, ['张5']],
      ['双峰县', '三塘铺镇', '黄河村', SHUANGFENG.code, SANTANGPU.code, HUANGHE.code, ['张1', '张2', '张3', '张4']],
    ]);
  });
});
