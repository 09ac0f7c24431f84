// GET /api/v1/tallies/daily.xlsx on SQLite and PostgreSQL, read back with an independent reader (exceljs): every
// figure of the workbook equals the JSON tally of the same day.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DailyTally } from '../../domain/tally.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { LABELS_ZH } from '../../domain/vocabulary.messages.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from '../../domain/vocabulary.ts';
import { makeServerPerson } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';

type CellValue = string | number | null;

/** The used cells of a sheet as plain values, row by row (exceljs rows and columns count from 1). */
function sheetRows(sheet: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const { value } = cell;
      cells[column - 1] = typeof value === 'number' || typeof value === 'string' ? value : null;
    });
    rows[rowNumber - 1] = cells;
  });
  // Sparse rows (blank lines between tables) come back as empty rows.
  return Array.from(rows, (row: CellValue[] | undefined) => row ?? []);
}

/** The value(s) after `label` in the table headed `section` (a table ends at a blank row). */
function tableOf(rows: CellValue[][], section: string): Map<string, CellValue[]> {
  const start = rows.findIndex((row) => row[0] === section);
  expect(start, `section ${section}`).toBeGreaterThanOrEqual(0);
  const table = new Map<string, CellValue[]>();
  for (const row of rows.slice(start + 1)) {
    if (row.length === 0 || row[0] === null || row[0] === undefined) break;
    table.set(String(row[0]), row.slice(1));
  }
  return table;
}

forEachStore('daily.xlsx', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  async function seedDay(): Promise<void> {
    const second = await t.enrollDevice();
    const base = t.ownCheck();
    const checks: VehicleCheck[] = [
      t.ownCheck({ completedAt: '2026-11-28T00:00:00+08:00' }),
      t.ownCheck({ completedAt: '2026-11-28T23:59:59+08:00', team: 'B' }),
      t.ownCheck({ completedAt: '2026-11-27T23:59:59+08:00' }),
      t.ownCheck({
        completedAt: '2026-11-28T14:20:00+08:00',
        team: 'C',
        vehicle: { ...base.vehicle, type: 'bus', origin: { province: '广东省', city: '深圳市' } },
        persons: [
          makeServerPerson({ codeColor: 'red', disposition: 'hold' }),
          makeServerPerson({ role: 'passenger', temperatures: [37.9], vaccineDoses: 0, disposition: 'fever-clinic' }),
          makeServerPerson({ role: 'passenger', itineraryStar: true, disposition: 'push-destination' }),
        ],
        disposition: 'hold',
      }),
      t.ownCheck({
        completedAt: '2026-11-28T09:10:00+08:00',
        vehicle: { ...base.vehicle, type: 'truck', origin: { province: '湖南', city: '长沙' } },
      }),
    ];
    await t.postChecks(checks);
    await t.postChecks([t.ownCheck({ completedAt: '2026-11-28T09:30:00+08:00', team: 'B' }, second)], second);
  }

  it('holds the JSON tally of the day, figure for figure, on a summary and a per-hour sheet', async () => {
    await seedDay();
    const json = (
      await t.inject({ method: 'GET', url: '/api/v1/tallies/daily?date=2026-11-28', headers: t.device.headers })
    ).json<DailyTally>();
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/tallies/daily.xlsx?date=2026-11-28',
      headers: t.device.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="kakou-daily-${t.checkpointId}-2026-11-28.xlsx"; ` +
        `filename*=UTF-8''${encodeURIComponent('日报-娄底东-2026-11-28.xlsx')}`,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['日报', '每小时']);
    const [summarySheet, hourlySheet] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const summary = sheetRows(summarySheet);
    const heading = tableOf(summary, '娄底东 日报');
    expect(Object.fromEntries([...heading].map(([label, [value]]) => [label, value]))).toMatchObject({
      检查站: '娄底东',
      检查站编号: t.checkpointId,
      日期: '2026-11-28',
      时区: 'Asia/Shanghai',
      最新数据: '2026-11-28 23:59:59',
      车辆总数: json.vehicles,
      人员总数: json.persons,
      设备数: json.devices,
    });
    expect(json.vehicles).toBe(5);
    expect(json.devices).toBe(2);

    const byType = tableOf(summary, '车型');
    for (const type of VEHICLE_TYPES)
      expect(byType.get(LABELS_ZH.vehicleType[type])).toEqual([json.vehiclesByType[type]]);
    const byOrigin = tableOf(summary, '来源');
    for (const origin of ORIGIN_CLASSES)
      expect(byOrigin.get(LABELS_ZH.origin[origin])).toEqual([json.vehiclesByOrigin[origin]]);
    const flags = tableOf(summary, '异常');
    for (const flag of FLAGS) expect(flags.get(LABELS_ZH.flag[flag])).toEqual([json.flags[flag]]);
    expect(json.flags['red-code']).toBe(1);
    const persons = tableOf(summary, '人员处置');
    const vehicles = tableOf(summary, '车辆处置');
    for (const d of DISPOSITIONS) {
      expect(persons.get(LABELS_ZH.disposition[d])).toEqual([json.personDispositions[d]]);
      expect(vehicles.get(LABELS_ZH.disposition[d])).toEqual([json.vehicleDispositions[d]]);
    }
    const teams = tableOf(summary, '班组');
    expect([...teams.keys()].sort()).toEqual(Object.keys(json.byTeam).sort());
    for (const [team, counts] of Object.entries(json.byTeam))
      expect(teams.get(team)).toEqual([counts.vehicles, counts.persons]);

    const hourly = sheetRows(hourlySheet);
    expect(hourly[0]).toEqual(['时段', '车辆数', '人员数']);
    expect(hourly.slice(1, 25)).toEqual(
      json.byHour.map((h) => [`${String(h.hour).padStart(2, '0')}时`, h.vehicles, h.persons]),
    );
    expect(hourly[25]).toEqual(['合计', json.vehicles, json.persons]);
    // Column widths are set, so Chinese labels are not cut off when the file opens.
    expect(summarySheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
  });

  it('answers an admin for a named checkpoint and refuses a device asking for another', async () => {
    const admin = await t.inject({
      method: 'GET',
      url: `/api/v1/tallies/daily.xlsx?date=2026-11-28&checkpointId=${t.checkpointId}`,
      headers: t.admin.headers,
    });
    expect(admin.statusCode).toBe(200);
    const other = await t.inject({
      method: 'GET',
      url: '/api/v1/tallies/daily.xlsx?date=2026-11-28&checkpointId=elsewhere',
      headers: t.device.headers,
    });
    expect(other.statusCode).toBe(403);
    const badDate = await t.inject({
      method: 'GET',
      url: '/api/v1/tallies/daily.xlsx?date=2026-02-30',
      headers: t.device.headers,
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });
});
