// Figures 9–11: the lead's report from the server on a busy store. 1,000,000 checks are seeded straight into the
// store's own tables (vehicle_checks and check_tallies, as ingest writes them), one day holding 50,000, then
// GET /api/v1/tallies/daily and daily.xlsx for that day are timed over HTTP beside a 1,000-check day.
// Alone: `npx tsx bench/server-tally.ts [total checks]` (default 1,000,000).
import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql, type Insertable } from 'kysely';
import type { Flag, VehicleType } from '../src/domain/vocabulary.ts';
import type { VehicleCheck } from '../src/domain/vehicle-check.ts';
import { judgeVehicleCheck } from '../src/domain/judge.ts';
import { DEFAULT_POLICY } from '../src/domain/policy.ts';
import { hasRegistration } from '../src/domain/retention.ts';
import { tallyDay } from '../src/domain/tally.ts';
import { insertTallyRows, tallyRow } from '../src/server/store/check-tallies.ts';
import { readChecksOfDay } from '../src/server/store/day-checks.ts';
import type { VehicleChecksTable } from '../src/server/store/schema.ts';
import type { StoreDialect } from '../src/server/store/store-context.ts';
import { makeServerCheck, makeServerPerson } from '../tests/support/server/store/checks.ts';
import { startBenchServer, type BenchServer } from './bench-server.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import { median } from './stats.ts';

export const STORED_CHECKS = 1_000_000;
export const BUSY_DAY = '2026-11-28';
export const BUSY_DAY_CHECKS = 50_000;
const QUIET_DAY = '2026-11-27';
const QUIET_DAY_CHECKS = 1_000;
/** The other checks spread over the days before, as a checkpoint's history would be. */
const HISTORY_FIRST_DAY = '2026-09-01';
const HISTORY_DAYS = 87;
/** Rows per transaction while seeding: large enough that commits do not dominate. */
const SEED_TRANSACTION_ROWS = 10_000;
const SEED_INSERT_ROWS = 1_000;
const WARM_UP_REQUESTS = 2;
const TIMED_REQUESTS = 7;
const XLSX_REQUESTS = 5;
const MS_PER_DAY = 86_400_000;
/** The bench checkpoint is in Asia/Shanghai: UTC+8 all year, so local time is plain arithmetic here. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const MEASUREMENTS = {
  sqlite: {
    id: '9',
    title: 'Server daily tally, SQLite, a 50,000-check day among 1,000,000 stored',
    goal: { max: 200, unit: 'ms' },
  },
  postgres: {
    id: '10',
    title: 'Server daily tally, PostgreSQL, a 50,000-check day among 1,000,000 stored',
    goal: { max: 200, unit: 'ms' },
  },
  xlsx: { id: '12', title: 'XLSX export of that 50,000-check day (SQLite)', goal: { max: 2000, unit: 'ms' } },
} as const;

/** A few kinds of check, judged once; each seeded check is one of them with its own id, time, team and device. */
interface Template {
  check: VehicleCheck;
  serverFlags: Flag[][];
}

function templates(checkpointId: string, deviceId: string): Template[] {
  const types: VehicleType[] = ['car', 'car', 'car', 'truck', 'van', 'bus', 'motorcycle', 'other'];
  const origins = [
    { province: '湖南', city: '娄底' },
    { province: '湖南', city: '长沙' },
    { province: '广东省', city: '深圳市' },
    { province: '湖北省', city: '武汉市' },
  ];
  const persons = [
    [makeServerPerson()],
    [makeServerPerson(), makeServerPerson({ role: 'passenger', temperatures: [36.4, 36.5] })],
    [makeServerPerson({ codeColor: 'yellow', disposition: 'sample-on-site' })],
    [makeServerPerson({ temperatures: [37.9], vaccineDoses: 0, disposition: 'fever-clinic' })],
    [
      makeServerPerson({ itineraryStar: true, disposition: 'push-destination' }),
      makeServerPerson({ role: 'passenger', codeColor: 'red', disposition: 'hold' }),
    ],
  ];
  const made: Template[] = [];
  types.forEach((type, t) => {
    origins.forEach((origin, o) => {
      persons.forEach((people, p) => {
        const base = makeServerCheck({ checkpointId, deviceId });
        const check: VehicleCheck = {
          ...base,
          vehicle: { ...base.vehicle, type, origin, truckPass: null },
          persons: people,
          disposition: people.some((person) => person.disposition !== 'release')
            ? (people.at(-1)?.disposition ?? 'release')
            : 'release',
          notes: (t + o + p) % 7 === 0 ? '夜间复检' : '',
        };
        made.push({
          check,
          serverFlags: judgeVehicleCheck(check, DEFAULT_POLICY).persons.map((person) => person.flags),
        });
      });
    });
  });
  return made;
}

/** '2026-11-28T08:01:40+08:00' for an instant, on the Shanghai clock. */
function shanghaiIso(epochMs: number): string {
  return `${new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

interface DayPlan {
  day: string;
  checks: number;
}

function plan(total: number): DayPlan[] {
  const history = total - BUSY_DAY_CHECKS - QUIET_DAY_CHECKS;
  if (history < 0) throw new Error(`at least ${BUSY_DAY_CHECKS + QUIET_DAY_CHECKS} checks are needed`);
  const firstMs = Date.parse(`${HISTORY_FIRST_DAY}T00:00:00Z`);
  const days: DayPlan[] = Array.from({ length: HISTORY_DAYS }, (_, d) => ({
    day: new Date(firstMs + d * MS_PER_DAY).toISOString().slice(0, 10),
    checks: Math.floor(history / HISTORY_DAYS) + (d < history % HISTORY_DAYS ? 1 : 0),
  }));
  return [...days, { day: QUIET_DAY, checks: QUIET_DAY_CHECKS }, { day: BUSY_DAY, checks: BUSY_DAY_CHECKS }];
}

/** Writes `total` checks through the store's own tables in large transactions, as ingest would have stored them. */
export async function seed(server: BenchServer, total: number, secondDeviceId: string): Promise<void> {
  const kinds = templates(server.checkpointId, server.deviceId);
  const receivedAt = new Date().toISOString();
  const teams = ['A', 'B', 'C'];
  let pending: { check: Insertable<VehicleChecksTable>; tally: ReturnType<typeof tallyRow> }[] = [];
  const flush = async () => {
    const rows = pending;
    pending = [];
    await server.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += SEED_INSERT_ROWS) {
        await trx
          .insertInto('vehicle_checks')
          .values(rows.slice(i, i + SEED_INSERT_ROWS).map((row) => row.check))
          .execute();
      }
      await insertTallyRows(
        trx,
        rows.map((row) => row.tally),
      );
    });
  };
  let n = 0;
  for (const { day, checks } of plan(total)) {
    const dayStartMs = Date.parse(`${day}T00:00:00+08:00`);
    for (let i = 0; i < checks; i += 1) {
      const kind = kinds[(n * 7919) % kinds.length] ?? kinds[0];
      if (kind === undefined) throw new Error('no templates');
      // Spread over the day with the morning and evening peaks a road checkpoint sees.
      const fraction = (i + 0.5) / checks;
      const completedAtMs =
        dayStartMs + Math.floor((fraction + 0.15 * Math.sin(fraction * 2 * Math.PI)) * (MS_PER_DAY - 1000));
      const hourOfDay = Math.floor((completedAtMs - dayStartMs) / 3_600_000);
      const check: VehicleCheck = {
        ...kind.check,
        id: randomUUID(),
        deviceId: n % 3 === 0 ? secondDeviceId : server.deviceId,
        team:
          teams[((Math.floor((completedAtMs - Date.parse('2026-01-01T08:00:00+08:00')) / MS_PER_DAY) % 3) + 3) % 3] ??
          'A',
        startedAt: shanghaiIso(completedAtMs - 40_000),
        completedAt: shanghaiIso(completedAtMs),
      };
      const body = JSON.stringify(check);
      const withServerFlags = {
        ...check,
        persons: check.persons.map((p, k) => ({ ...p, flags: kind.serverFlags[k] ?? [] })),
      };
      pending.push({
        check: {
          id: check.id,
          checkpoint_id: check.checkpointId,
          device_id: check.deviceId,
          rev: 1,
          completed_at: check.completedAt,
          completed_at_ms: completedAtMs,
          local_day: day,
          team: check.team,
          content_hash: createHash('sha256').update(body).digest('hex'),
          body,
          has_registration: hasRegistration(check) ? 1 : 0,
          server_flags: JSON.stringify(kind.serverFlags),
          received_at: receivedAt,
          updated_at: receivedAt,
        },
        tally: tallyRow({
          check: withServerFlags,
          localDay: day,
          localHour: Math.min(23, Math.max(0, hourOfDay)),
          completedAtMs,
        }),
      });
      n += 1;
      if (pending.length >= SEED_TRANSACTION_ROWS) await flush();
    }
  }
  if (pending.length > 0) await flush();
  // A server that has run for a while has statistics; a freshly filled table would mislead the planner.
  await sql`analyze`.execute(server.store.db);
}

async function timed(work: () => Promise<void>): Promise<number> {
  const startMs = performance.now();
  await work();
  return performance.now() - startMs;
}

async function get(server: BenchServer, path: string): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
  if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}: ${await response.text()}`);
  return response;
}

async function tallyMs(server: BenchServer, day: string, expectVehicles: number): Promise<number> {
  return timed(async () => {
    const tally = (await (await get(server, `/api/v1/tallies/daily?date=${day}`)).json()) as { vehicles: number };
    if (tally.vehicles !== expectVehicles)
      throw new Error(`${day}: ${tally.vehicles} vehicles, ${expectVehicles} seeded`);
  });
}

async function fileMs(server: BenchServer, path: string): Promise<number> {
  return timed(async () => {
    const bytes = (await (await get(server, path)).arrayBuffer()).byteLength;
    if (bytes === 0) throw new Error(`${path}: empty file`);
  });
}

interface StoreRun {
  result: MeasurementResult;
  xlsx: { ms: number; csvMs: number } | null;
}

async function measureStore(repoRoot: string, kind: StoreDialect, total: number): Promise<StoreRun> {
  const measurement = MEASUREMENTS[kind];
  let server: BenchServer | null = null;
  try {
    server = await startBenchServer({ repoRoot, kind });
    const running = server;
    const second = await running.store.devices.enroll(running.checkpointId, 'bench tablet 2');
    const seedMs = await timed(() => seed(running, total, second.deviceId));
    const stored = await running.store.vehicleChecks.count(running.checkpointId);
    if (stored !== total) throw new Error(`the store holds ${stored} checks, ${total} were seeded`);

    for (let i = 0; i < WARM_UP_REQUESTS; i += 1) {
      await tallyMs(running, BUSY_DAY, BUSY_DAY_CHECKS);
      await tallyMs(running, QUIET_DAY, QUIET_DAY_CHECKS);
    }
    const busyMs: number[] = [];
    const quietMs: number[] = [];
    const countMs: number[] = [];
    // Alternating, so a drift of the machine hits both alike.
    for (let i = 0; i < TIMED_REQUESTS; i += 1) {
      busyMs.push(await tallyMs(running, BUSY_DAY, BUSY_DAY_CHECKS));
      quietMs.push(await tallyMs(running, QUIET_DAY, QUIET_DAY_CHECKS));
      countMs.push(
        await timed(async () => {
          await running.store.db
            .selectFrom('vehicle_checks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('checkpoint_id', '=', running.checkpointId)
            .where('local_day', '=', BUSY_DAY)
            .executeTakeFirstOrThrow();
        }),
      );
    }
    // Other work on the machine moves absolute times a lot on 2 cores: say how busy it was while timing.
    const [loadOneMinute = 0] = loadavg();
    // What the route did before the day was summed in SQL: read every body of the day and fold it in JS.
    const foldMs = await timed(async () => {
      const checks = await readChecksOfDay(running.store.db, running.checkpointId, BUSY_DAY);
      const tally = tallyDay(checks, {
        checkpointId: running.checkpointId,
        date: BUSY_DAY,
        timeZone: 'Asia/Shanghai',
        province: '湖南',
        city: '娄底',
        generatedAt: new Date().toISOString(),
      });
      if (tally.vehicles !== BUSY_DAY_CHECKS) throw new Error(`the fold counted ${tally.vehicles}`);
    });

    let xlsx: StoreRun['xlsx'] = null;
    if (kind === 'sqlite') {
      await fileMs(running, `/api/v1/tallies/daily.xlsx?date=${BUSY_DAY}`);
      const xlsxMs: number[] = [];
      const csvMs: number[] = [];
      for (let i = 0; i < XLSX_REQUESTS; i += 1) {
        xlsxMs.push(await fileMs(running, `/api/v1/tallies/daily.xlsx?date=${BUSY_DAY}`));
        csvMs.push(await fileMs(running, `/api/v1/tallies/daily.csv?date=${BUSY_DAY}`));
      }
      xlsx = { ms: median(xlsxMs), csvMs: median(csvMs) };
    }

    return {
      xlsx,
      result: {
        ...measurement,
        status: 'measured',
        figure: {
          label: `GET /api/v1/tallies/daily, ${BUSY_DAY_CHECKS.toLocaleString('en-US')}-check day, median of ${TIMED_REQUESTS}`,
          value: median(busyMs),
          unit: 'ms',
        },
        baselines: [
          {
            label: `the same for a ${QUIET_DAY_CHECKS.toLocaleString('en-US')}-check day`,
            value: median(quietMs),
            unit: 'ms',
          },
          { label: 'count(*) of the 50,000-check day, in SQL, no HTTP', value: median(countMs), unit: 'ms' },
        ],
        details: [
          { label: 'slowest of the 50,000-check day requests', value: Math.max(...busyMs), unit: 'ms' },
          {
            label: 'before: read the 50,000 bodies of the day and fold them with tallyDay (once)',
            value: foldMs,
            unit: 'ms',
          },
          {
            label: `seeding ${total.toLocaleString('en-US')} checks (setup, not the figure)`,
            value: seedMs,
            unit: 'ms',
          },
        ],
        notes: [
          `${running.describe}; ${total.toLocaleString('en-US')} checks of one checkpoint from two tablets written straight into vehicle_checks and check_tallies (the rows ingest writes), ${HISTORY_DAYS} days of history, then ANALYZE`,
          `load average ${loadOneMinute.toFixed(1)} on ${availableParallelism()} cores while timing (other processes' work included)`,
          `request over loopback from the server's own process after ${WARM_UP_REQUESTS} warm-ups; the route sums the day's check_tallies rows in SQL (sums by kind, by hour, team and tablet, the newest check); the 50,000-check and ${QUIET_DAY_CHECKS.toLocaleString('en-US')}-check days alternate`,
        ],
      },
    };
  } catch (e) {
    return { result: notMeasured(measurement, e), xlsx: null };
  } finally {
    await server?.close();
  }
}

/** Figures 9 and 10, and 11 from the SQLite run. */
export async function measureServerTally(repoRoot: string, total = STORED_CHECKS): Promise<MeasurementResult[]> {
  const sqliteRun = await measureStore(repoRoot, 'sqlite', total);
  const postgresRun = await measureStore(repoRoot, 'postgres', total);
  const xlsx: MeasurementResult = sqliteRun.xlsx
    ? {
        ...MEASUREMENTS.xlsx,
        status: 'measured',
        figure: {
          label: `GET /api/v1/tallies/daily.xlsx, median of ${XLSX_REQUESTS}`,
          value: sqliteRun.xlsx.ms,
          unit: 'ms',
        },
        baselines: [{ label: 'GET daily.csv of the same day', value: sqliteRun.xlsx.csvMs, unit: 'ms' }],
        details: [],
        notes: [
          'the tally of figure 9 plus writing the two-sheet workbook (write-excel-file, loaded on the first export, which the warm-up request paid for)',
        ],
      }
    : notMeasured(
        MEASUREMENTS.xlsx,
        sqliteRun.result.status === 'not-measured' ? sqliteRun.result.reason : 'no SQLite run',
      );
  return [sqliteRun.result, postgresRun.result, xlsx];
}

// Run alone: print the figures (and keep them as JSON under .tmp/ for a report), without touching docs/benchmarks.md.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { consoleLines } = await import('./report.ts');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const total = Number(process.argv[2] ?? STORED_CHECKS);
  const results = await measureServerTally(process.cwd(), total);
  for (const result of results) for (const line of consoleLines(result)) process.stdout.write(`${line}\n`);
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/server-tally.json', JSON.stringify(results, null, 2));
  process.exit(0);
}
