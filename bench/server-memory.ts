// Figures 16 and 17: the server process's memory, measured from outside as production runs it. Peak RSS while 200
// tablets each post a batch of 500 at the same moment, beside the same burst with the in-flight bound lifted; and the
// idle RSS after start, beside a bare Fastify process under the same runner.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { SYNC_BATCH_MAX, type BatchResult } from '../src/contract/vehicle-check.ts';
import {
  INGEST_BYTES_IN_FLIGHT_MAX,
  INGESTS_IN_FLIGHT_MAX,
  INGEST_QUEUE_MAX,
} from '../src/server/plugins/ingest-admission.ts';
import { createStore } from '../src/server/store/create-store.ts';
import { makeServerCheck, makeServerPerson } from '../tests/support/server/store/checks.ts';
import { BENCH_TIME_ZONE } from './bench-server.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import { median } from './stats.ts';
import { buildServer, SERVER_COMMAND, SERVER_HEAP_FLAGS, spawnServer } from './spawned-server.ts';

const TABLETS = 200;
/**
 * Runs of the shipped server, each a fresh process and store: one run's peak and idle RSS moved by 13 and 8 MB from
 * one bench to the next on the same code (160–173, 111–119 MB), more than a change is worth; the median of three is
 * the figure.
 */
const BOUNDED_RUNS = 3;

/** Every 10 ms, as the kernel sees it; VmHWM, the kernel's own peak, catches what falls between two samples. */
const RSS_SAMPLE_INTERVAL_MS = 10;
/** After start (or the burst), the process settles: timers, lazy compilation, the first GC. */
const SETTLE_MS = 3_000;
const BURST_TIMEOUT_MS = 10 * 60_000;
/** A tablet that got no answer at all waits like the sync engine's first retry. */
const NETWORK_RETRY_MS = 2_000;
const KB_PER_MB = 1000;
/** The baseline's bounds, past anything the burst brings: every tablet of it is admitted at once. */
const LIFTED_BOUNDS = { KAKOU_INGESTS_IN_FLIGHT: '100000', KAKOU_INGEST_BYTES_IN_FLIGHT: String(1024 ** 4) };

const MEASUREMENTS = {
  peak: {
    id: '16',
    title: `Server peak RSS while ${TABLETS} tablets each post a batch of ${SYNC_BATCH_MAX} at the same moment (SQLite)`,
    goal: { max: 250, unit: 'MB' },
  },
  idle: { id: '17', title: 'Server idle RSS after start (SQLite, API only)', goal: { max: 120, unit: 'MB' } },
} as const;

interface Memory {
  rssKb: number;
  hwmKb: number;
}

function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? Number.NaN);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

const mb = (kb: number) => kb / KB_PER_MB;

/** VmRSS sampled on a timer until stopped: the highest sample, and the longest gap between two (a busy bench). */
function sampleRss(pid: number): () => { maxKb: number; samples: number; longestGapMs: number } {
  let maxKb = 0;
  let samples = 0;
  let longestGapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    try {
      maxKb = Math.max(maxKb, readMemory(pid).rssKb);
      samples += 1;
    } catch {
      // The process has exited; the caller notices.
    }
  }, RSS_SAMPLE_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    return { maxKb, samples, longestGapMs };
  };
}

interface Fixture {
  dir: string;
  sqliteFile: string;
  tablets: { token: string; body: string }[];
}

/** A store with one checkpoint and 200 enrolled tablets, and each tablet's batch of 500 fresh checks, serialised. */
async function prepare(repoRoot: string): Promise<Fixture> {
  const parent = join(repoRoot, '.tmp');
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'bench-memory-'));
  const sqliteFile = join(dir, 'kakou.sqlite');
  const store = await createStore({ sqliteFile });
  try {
    const { checkpoint } = await store.checkpoints.create({
      name: '基准卡口',
      province: '湖南',
      city: '娄底',
      timezone: BENCH_TIME_ZONE,
    });
    const tablets: Fixture['tablets'] = [];
    for (let t = 0; t < TABLETS; t += 1) {
      const { deviceId, token } = await store.devices.enroll(checkpoint.id, `平板 ${t + 1}`);
      const checks = Array.from({ length: SYNC_BATCH_MAX }, (_, i) => {
        const passengers = i % 4 === 0 ? [makeServerPerson({ role: 'passenger', temperatures: [36.4, 36.5] })] : [];
        return makeServerCheck({ checkpointId: checkpoint.id, deviceId, persons: [makeServerPerson(), ...passengers] });
      });
      tablets.push({ token, body: JSON.stringify({ checks }) });
    }
    return { dir, sqliteFile, tablets };
  } finally {
    await store.close();
  }
}

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** One POST on a connection of its own, as another tablet's. */
function post(url: string, token: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/v1/vehicle-checks/batch`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: retryAfter ?? null,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface BurstOutcome {
  /** From the burst's start until the last tablet's batch was acknowledged. */
  allStoredMs: number;
  /** 503 + Retry-After. */
  refused: number;
  /** 408: the body did not arrive within the request timeout (the server too busy to read it). */
  timedOut: number;
  networkErrors: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each tablet posts until its batch is acknowledged, waiting Retry-After on a 503 as the sync engine does. */
async function burst(url: string, tablets: Fixture['tablets']): Promise<BurstOutcome> {
  let refused = 0;
  let timedOut = 0;
  let networkErrors = 0;
  const startMs = performance.now();
  const deadline = startMs + BURST_TIMEOUT_MS;
  const untilStored = async ({ token, body }: Fixture['tablets'][number]) => {
    while (performance.now() < deadline) {
      let answer: Answer;
      try {
        answer = await post(url, token, body);
      } catch {
        networkErrors += 1;
        await sleep(NETWORK_RETRY_MS);
        continue;
      }
      if (answer.status === 503 && answer.retryAfter !== null) {
        refused += 1;
        await sleep(Number(answer.retryAfter) * 1000);
        continue;
      }
      if (answer.status === 408) {
        timedOut += 1;
        await sleep(NETWORK_RETRY_MS);
        continue;
      }
      if (answer.status !== 200)
        throw new Error(`a batch answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
      const { results } = JSON.parse(answer.text) as { results: BatchResult[] };
      const stored = results.filter((r) => r.status === 'created' || r.status === 'duplicate').length;
      if (stored !== SYNC_BATCH_MAX) throw new Error(`a batch of ${SYNC_BATCH_MAX}: ${stored} acknowledged`);
      return;
    }
    throw new Error(`not every batch was stored within ${BURST_TIMEOUT_MS} ms`);
  };
  // All started in the same tick: 200 connections opening and sending at once.
  await Promise.all(tablets.map(untilStored));
  return { allStoredMs: performance.now() - startMs, refused, timedOut, networkErrors };
}

interface BurstRun extends BurstOutcome {
  idleKb: number;
  peakSampledKb: number;
  hwmKb: number;
  samples: number;
  longestGapMs: number;
}

/** The server started by `runner` over the fixture's store; idle RSS after it settles, then the burst. */
async function runBurst(
  repoRoot: string,
  fixture: Fixture,
  runner: readonly string[],
  extraEnv: NodeJS.ProcessEnv,
): Promise<BurstRun> {
  const server = await spawnServer(
    [...runner, SERVER_COMMAND.entry],
    // Logging as production does (info: a line per request), store and address of the bench's own.
    {
      KAKOU_DB: fixture.sqliteFile,
      PORT: '0',
      HOST: '127.0.0.1',
      KAKOU_DIST: '',
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    repoRoot,
    /on (http:\/\/127\.0\.0\.1:\d+) \(store: SQLite/u,
  );
  try {
    await sleep(SETTLE_MS);
    const idleKb = readMemory(server.pid).rssKb;
    const stopSampling = sampleRss(server.pid);
    const outcome = await burst(server.url, fixture.tablets).catch((error: unknown) => {
      stopSampling();
      throw error;
    });
    const sampled = stopSampling();
    const { hwmKb } = readMemory(server.pid);
    return {
      ...outcome,
      idleKb,
      peakSampledKb: sampled.maxKb,
      hwmKb,
      samples: sampled.samples,
      longestGapMs: sampled.longestGapMs,
    };
  } finally {
    await server.stop();
  }
}

/** Every tablet's checks are in the store once: nothing lost to a 503, nothing stored twice by a resend. */
async function expectAllStoredOnce(fixture: Fixture): Promise<void> {
  const store = await createStore({ sqliteFile: fixture.sqliteFile });
  try {
    const count = await store.vehicleChecks.count();
    if (count !== TABLETS * SYNC_BATCH_MAX)
      throw new Error(`the store holds ${count} checks, ${TABLETS * SYNC_BATCH_MAX} were sent`);
  } finally {
    await store.close();
  }
}

/** Fastify alone (no routes, no store), listening, under the server's runner: what the app adds to the framework. */
const BARE_FASTIFY = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write('bare on http://127.0.0.1:' + app.server.address().port + '\\n');
`;

async function bareIdleKb(repoRoot: string, runner: readonly string[]): Promise<number> {
  const server = await spawnServer(
    [...runner, '--input-type=module', '-e', BARE_FASTIFY],
    {},
    repoRoot,
    /bare on (http:\/\/\S+)/u,
  );
  try {
    await sleep(SETTLE_MS);
    return readMemory(server.pid).rssKb;
  } finally {
    await server.stop();
  }
}

const describeTurnaways = (run: BurstOutcome) =>
  `${run.refused} × 503 + Retry-After, ${run.timedOut} × 408, ${run.networkErrors} without an answer`;

const progress = (line: string) => process.stderr.write(`      server-memory: ${line}\n`);

/** The same burst four ways: the bounds as shipped or lifted, under the heap flags or V8's own sizing. */
interface BurstConfig {
  name: string;
  runner: readonly string[];
  env: NodeJS.ProcessEnv;
}

const DEFAULT_HEAP_RUNNER = SERVER_COMMAND.runner.filter(
  (part) => !(SERVER_HEAP_FLAGS as readonly string[]).includes(part),
);
const BURSTS = {
  bounded: { name: 'bounded', runner: SERVER_COMMAND.runner, env: {} },
  lifted: { name: 'lifted', runner: SERVER_COMMAND.runner, env: LIFTED_BOUNDS },
  boundedDefaultHeap: { name: "bounded, V8's default heap", runner: DEFAULT_HEAP_RUNNER, env: {} },
  liftedDefaultHeap: { name: "lifted, V8's default heap", runner: DEFAULT_HEAP_RUNNER, env: LIFTED_BOUNDS },
} as const satisfies Record<string, BurstConfig>;

const commandText = (runner: readonly string[]) =>
  [...runner.map((part) => (part === process.execPath ? 'node' : part)), SERVER_COMMAND.entry].join(' ');

export async function measureServerMemory(repoRoot: string): Promise<MeasurementResult[]> {
  buildServer(repoRoot);
  const fixtures: Fixture[] = [];
  try {
    const runs = new Map<keyof typeof BURSTS, BurstRun>();
    let bodyBytes = 0;
    const boundedRuns: BurstRun[] = [];
    for (const [key, config] of Object.entries(BURSTS) as [keyof typeof BURSTS, BurstConfig][]) {
      for (let repeat = 0; repeat < (key === 'bounded' ? BOUNDED_RUNS : 1); repeat++) {
        // A store and tablets of its own for each: every burst meets the same load of fresh checks.
        const fixture = await prepare(repoRoot);
        fixtures.push(fixture);
        bodyBytes = Buffer.byteLength(fixture.tablets[0]?.body ?? '');
        const run = await runBurst(repoRoot, fixture, config.runner, config.env);
        // The bench's own 100 MB of bodies are not kept from one burst to the next.
        fixture.tablets = [];
        await expectAllStoredOnce(fixture);
        progress(
          `${config.name}: peak ${mb(run.hwmKb)} MB after ${Math.round(run.allStoredMs)} ms (${describeTurnaways(run)})`,
        );
        if (key === 'bounded') boundedRuns.push(run);
        else runs.set(key, run);
      }
    }
    // The figures are the shipped server's: its median burst (by VmHWM) and its median idle VmRSS over the runs.
    const byPeak = [...boundedRuns].sort((a, b) => a.hwmKb - b.hwmKb);
    const medianBurst = byPeak[Math.floor(byPeak.length / 2)];
    if (medianBurst === undefined) throw new Error('no bounded run');
    runs.set('bounded', medianBurst);
    const boundedIdleKb = median(boundedRuns.map((run) => run.idleKb));
    const eachRun = (kb: (run: BurstRun) => number) => boundedRuns.map((run) => mb(kb(run))).join(', ');
    const get = (key: keyof typeof BURSTS): BurstRun => {
      const run = runs.get(key);
      if (run === undefined) throw new Error(`no ${key} run`);
      return run;
    };
    const bounded = get('bounded');
    const bareKb = await bareIdleKb(repoRoot, SERVER_COMMAND.runner);
    const bareNodeKb = await bareIdleKb(repoRoot, [process.execPath]);

    const command = commandText(SERVER_COMMAND.runner);
    const checksPerSecond = (run: BurstRun) => (TABLETS * SYNC_BATCH_MAX * 1000) / run.allStoredMs;
    const others = (['lifted', 'boundedDefaultHeap', 'liftedDefaultHeap'] as const).flatMap((key) => [
      { label: `${BURSTS[key].name}: VmHWM`, value: mb(get(key).hwmKb), unit: 'MB' as const },
      {
        label: `${BURSTS[key].name}: every batch acknowledged after`,
        value: get(key).allStoredMs,
        unit: 'ms' as const,
      },
    ]);
    return [
      {
        ...MEASUREMENTS.peak,
        status: 'measured',
        figure: {
          label: `VmHWM; at most ${INGESTS_IN_FLIGHT_MAX} uploads and ${INGEST_BYTES_IN_FLIGHT_MAX / 1024 ** 2} MiB in flight, ${INGEST_QUEUE_MAX} waiting`,
          value: mb(bounded.hwmKb),
          unit: 'MB',
        },
        baselines: [
          {
            label: 'the same burst with the in-flight bounds lifted, VmHWM',
            value: mb(get('lifted').hwmKb),
            unit: 'MB',
          },
        ],
        details: [
          { label: 'bounded: highest VmRSS sampled', value: mb(bounded.peakSampledKb), unit: 'MB' },
          { label: 'bounded: VmRSS before the burst (median run)', value: mb(boundedIdleKb), unit: 'MB' },
          { label: 'bounded: every batch acknowledged after', value: bounded.allStoredMs, unit: 'ms' },
          {
            label: 'bounded: checks stored per second over the burst (Retry-After waits included)',
            value: checksPerSecond(bounded),
            unit: 'checks/s',
          },
          ...others,
        ],
        notes: [
          `\`${command}\` spawned by the bench over an SQLite file on disk (LOG_LEVEL=info, API only); ${TABLETS} enrolled tablets, each a connection of its own, all sending their batch of ${SYNC_BATCH_MAX} fresh checks (about ${Math.round(bodyBytes / 1000)} kB) in the same tick; a 503 is resent after its Retry-After, as the sync engine does; each of the four bursts on a fresh store`,
          `V8's default heap = the same command without ${SERVER_HEAP_FLAGS.join(' ')}; lifted = KAKOU_INGESTS_IN_FLIGHT and KAKOU_INGEST_BYTES_IN_FLIGHT past anything the burst brings`,
          `answers along the way: ${(Object.keys(BURSTS) as (keyof typeof BURSTS)[]).map((key) => `${BURSTS[key].name}: ${describeTurnaways(get(key))}`).join('; ')}; after each burst the store holds each of the ${(TABLETS * SYNC_BATCH_MAX).toLocaleString('en-US')} checks exactly once`,
          `the shipped bounds run ${BOUNDED_RUNS} times, each on a fresh store and process; the figure is the median VmHWM (runs: ${eachRun((run) => run.hwmKb)} MB), the details are that run's`,
          `VmRSS read from /proc/<pid>/status every ${RSS_SAMPLE_INTERVAL_MS} ms (bounded: ${bounded.samples} samples, longest gap ${Math.round(bounded.longestGapMs)} ms); VmHWM is the kernel's own peak of the process's life`,
        ],
      },
      {
        ...MEASUREMENTS.idle,
        status: 'measured',
        figure: {
          label: `VmRSS ${SETTLE_MS / 1000} s after the server printed its address, median of ${BOUNDED_RUNS} starts`,
          value: mb(boundedIdleKb),
          unit: 'MB',
        },
        baselines: [{ label: 'a bare Fastify process under the same runner', value: mb(bareKb), unit: 'MB' }],
        details: [
          {
            label: 'a bare Fastify process under plain node (what the runner itself costs)',
            value: mb(bareNodeKb),
            unit: 'MB',
          },
          {
            label: "the server under V8's default heap, before its burst",
            value: mb(get('boundedDefaultHeap').idleKb),
            unit: 'MB',
          },
        ],
        notes: [
          `\`${command}\` over the SQLite store of figure 16 (a checkpoint and ${TABLETS} tablets), before its burst (runs: ${eachRun((run) => run.idleKb)} MB); 1 MB = 1000 kB`,
        ],
      },
    ];
  } catch (e) {
    return [notMeasured(MEASUREMENTS.peak, e), notMeasured(MEASUREMENTS.idle, e)];
  } finally {
    for (const fixture of fixtures) await rm(fixture.dir, { recursive: true, force: true });
  }
}
