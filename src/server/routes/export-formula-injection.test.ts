// No export runs a formula (api.md "Hostile input"): every text column of daily.csv, daily.xlsx, handoffs.csv,
// handoffs.xlsx and the region's four exports, filled with text a spreadsheet would run, read back on SQLite and
// PostgreSQL. The checks are stored through the store, as they could be held from before the batch route refused such
// text.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HANDOFF_CSV_HEADER } from '../../domain/handoff-csv.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { FORMULA_PAYLOADS, asWorkbookText, neutralised } from '../../../tests/support/domain/formula-payloads.ts';
import { parseCsv } from '../../../tests/support/domain/parse-csv.ts';
import { formulaCells, readXlsx, type ReadCell } from '../../../tests/support/domain/read-xlsx.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { makeServerCheck, makeServerPerson, toIngestUnvalidated } from '../../../tests/support/server/store/checks.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

const DATE = '2026-11-28';
const text = (value: string): ReadCell => ({ kind: 'text', value });

forEachStore('exports with text a spreadsheet would run', ({ store }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(store());
  });
  afterEach(async () => {
    await t.close();
  });

  /**
   * A checkpoint named with the payload (trimmed, as the store keeps names) holding one flagged check whose every
   * text that reaches an export is the payload: team, plate, destination, name, ID number, phone, the check's id, and
   * the name of its tablet, whose clock was off.
   */
  async function seedHostileDay(
    payload: string,
  ): Promise<{ checkpointId: string; checkpointName: string; check: VehicleCheck }> {
    const { checkpoint } = await t.store.checkpoints.create({
      name: payload.trim(),
      province: '湖南',
      city: '娄底',
      timezone: 'Asia/Shanghai',
    });
    const base = makeServerCheck();
    const device = await t.store.devices.enroll(checkpoint.id, payload);
    const check: VehicleCheck = {
      ...base,
      id: `${payload}${randomUUID()}`,
      checkpointId: checkpoint.id,
      deviceId: device.deviceId,
      clockSkewSeconds: -420,
      team: payload,
      completedAt: '2026-11-28T08:05:00+08:00',
      vehicle: {
        ...base.vehicle,
        plate: payload,
        destination: { province: '湖南', city: '娄底', county: payload, township: payload, village: payload },
      },
      persons: [
        makeServerPerson({
          codeColor: 'red',
          disposition: 'hand-over',
          registration: { name: payload, idNumber: payload, phone: payload },
        }),
      ],
      disposition: 'hand-over',
    };
    const [result] = await t.store.vehicleChecks.ingest([toIngestUnvalidated(check)]);
    expect(result?.status).toBe('created');
    return { checkpointId: checkpoint.id, checkpointName: checkpoint.name, check };
  }

  /** The rows of a section: from below its header to the blank row that ends it. */
  const section = <T>(rows: readonly T[], isHeader: (row: T) => boolean, isBlank: (row: T) => boolean): T[] => {
    const after = rows.slice(rows.findIndex(isHeader) + 1);
    const end = after.findIndex(isBlank);
    return end === -1 ? after : after.slice(0, end);
  };

  const download = async (path: string, checkpointId: string) => {
    const response = await t.inject({
      method: 'GET',
      url: `${path}?date=${DATE}&checkpointId=${encodeURIComponent(checkpointId)}`,
      headers: t.admin.headers,
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    return response;
  };

  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    'daily.csv writes a team and a tablet named %s with a leading apostrophe, its figures as numbers',
    async (_label, payload) => {
      const { checkpointId, check } = await seedHostileDay(payload);
      const rows = parseCsv((await download('/api/v1/tallies/daily.csv', checkpointId)).body);
      const blank = (row: string[]) => row.every((cell) => cell === '');
      expect(section(rows, (row) => row[0] === '班组', blank)).toEqual([[neutralised(payload), '1', '1']]);
      expect(section(rows, (row) => row[0] === '时钟不准的平板', blank)).toEqual([
        [neutralised(payload.trim()), check.deviceId, '慢 7 分钟', '-420', '1'],
      ]);
      // The other text cells (labels, date, checkpoint id, zone, time) are the server's own; none starts a formula. A
      // figure may be negative (a clock behind): numbers are written as numbers.
      expect(rows.flat().filter((cell) => /^[=+@\t\r]|^-\D/u.test(cell))).toEqual([]);
    },
  );

  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    'daily.xlsx holds a checkpoint, a team and a tablet named %s as text cells, and no formula anywhere',
    async (_label, payload) => {
      const { checkpointId, checkpointName, check } = await seedHostileDay(payload);
      const sheets = await readXlsx((await download('/api/v1/tallies/daily.xlsx', checkpointId)).rawPayload);
      expect(formulaCells(sheets)).toEqual([]);
      const summary = sheets[0]?.rows ?? [];
      expect(summary[0]).toEqual([text(`${checkpointName} 日报`)]);
      expect(summary[1]).toEqual([text('检查站'), text(checkpointName)]);
      const heading = (value: string) => (row: (ReadCell | null)[]) =>
        row[0]?.kind === 'text' && row[0].value === value;
      const blank = (row: (ReadCell | null)[]) => row.every((cell) => cell === null);
      expect(section(summary, heading('班组'), blank)).toEqual([
        [text(asWorkbookText(payload)), { kind: 'number', value: 1 }, { kind: 'number', value: 1 }],
      ]);
      expect(section(summary, heading('时钟不准的平板'), blank)).toEqual([
        [
          text(asWorkbookText(payload.trim())),
          text(check.deviceId),
          text('慢 7 分钟'),
          { kind: 'number', value: -420 },
          { kind: 'number', value: 1 },
        ],
      ]);
      // Every cell of both sheets is empty, a text or a number cell.
      const cells = sheets.flatMap((sheet) => sheet.rows.flat());
      expect(cells.filter((cell) => cell !== null && cell.kind !== 'text' && cell.kind !== 'number')).toEqual([]);
    },
  );

  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    'handoffs.csv writes every text column holding %s with a leading apostrophe',
    async (_label, payload) => {
      const { checkpointId, check } = await seedHostileDay(payload);
      const [header, row, ...rest] = parseCsv((await download('/api/v1/handoffs.csv', checkpointId)).body);
      expect(header).toEqual([...HANDOFF_CSV_HEADER]);
      expect(rest).toEqual([]);
      expect(Object.fromEntries(HANDOFF_CSV_HEADER.map((column, i) => [column, row?.[i]]))).toEqual({
        县区: neutralised(payload),
        乡镇: neutralised(payload),
        村社区: neutralised(payload),
        检查时间: '2026-11-28 08:05:00',
        车牌: neutralised(payload),
        异常: '红码',
        处置: '移交',
        姓名: neutralised(payload),
        身份证号: neutralised(payload),
        电话: neutralised(payload),
        检查编号: neutralised(check.id),
      });
    },
  );

  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    'handoffs.xlsx holds every text column holding %s as a text cell, never a formula',
    async (_label, payload) => {
      const { checkpointId, check } = await seedHostileDay(payload);
      const sheets = await readXlsx((await download('/api/v1/handoffs.xlsx', checkpointId)).rawPayload);
      expect(formulaCells(sheets)).toEqual([]);
      const [header, row, ...rest] = sheets[0]?.rows ?? [];
      expect(header).toEqual(HANDOFF_CSV_HEADER.map(text));
      expect(rest).toEqual([]);
      const value = asWorkbookText(payload);
      expect(Object.fromEntries(HANDOFF_CSV_HEADER.map((column, i) => [column, row?.[i]]))).toEqual({
        县区: text(value),
        乡镇: text(value),
        村社区: text(value),
        检查时间: text('2026-11-28 08:05:00'),
        车牌: text(value),
        异常: text('红码'),
        处置: text('移交'),
        姓名: text(value),
        身份证号: text(value),
        电话: text(value),
        检查编号: text(asWorkbookText(check.id)),
      });
    },
  );

  it.each(FORMULA_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))(
    "the region's exports (its day and its hand-off list, CSV and XLSX) hold a checkpoint and a person named %s as text, never a formula",
    async (_label, payload) => {
      const { checkpointName } = await seedHostileDay(payload);
      const region = async (path: string) => {
        const response = await t.inject({ method: 'GET', url: `${path}?date=${DATE}`, headers: t.admin.headers });
        expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
        return response;
      };
      for (const path of ['/api/v1/tallies/region.csv', '/api/v1/handoffs/region.csv']) {
        const cells = parseCsv((await region(path)).body).flat();
        expect(cells, path).toContain(neutralised(checkpointName));
        // Figures may be negative (a clock behind): numbers are written as numbers, and no other cell starts a formula.
        expect(
          cells.filter((cell) => /^[=+@\t\r]|^-\D/u.test(cell)),
          path,
        ).toEqual([]);
      }
      expect(parseCsv((await region('/api/v1/handoffs/region.csv')).body).flat()).toContain(neutralised(payload));
      for (const path of ['/api/v1/tallies/region.xlsx', '/api/v1/handoffs/region.xlsx']) {
        const sheets = await readXlsx((await region(path)).rawPayload);
        expect(formulaCells(sheets), path).toEqual([]);
        const cells = sheets.flatMap((sheet) => sheet.rows.flat());
        expect(cells, path).toContainEqual(text(asWorkbookText(checkpointName)));
        expect(
          cells.filter((cell) => cell !== null && cell.kind !== 'text' && cell.kind !== 'number'),
          path,
        ).toEqual([]);
      }
    },
  );
});
