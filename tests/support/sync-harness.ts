// Pieces for exactly-once tests of sync: the real server on a loopback port, an enrolled tablet (src/db on the
// process's IndexedDB, the real engine and HTTP transport) that saves and amends checks, and what the server holds.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { BatchResult } from '../../src/contract/vehicle-check.ts';
import type { VehicleCheck } from '../../src/domain/vehicle-check.ts';
import { createCheckRepository, type CheckRepository } from '../../src/db/check-repository.ts';
import type { KakouDatabase } from '../../src/db/database.ts';
import { createSettingsRepository, type SettingsRepository } from '../../src/db/settings-repository.ts';
import { backlogTimes, makeVehicleCheck, openTestDatabase } from './db/fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Store } from '../../src/server/store/create-store.ts';
import { createSyncEngine, type ClockPort, type SyncEngine } from '../../src/sync/sync-engine.ts';
import { createHttpTransport, type FetchLike, type Transport } from '../../src/sync/transport.ts';

export const TEST_TIME_ZONE = 'Asia/Shanghai';
/** Rows per page when reading back everything the server holds. */
const READ_BACK_PAGE_ROWS = 1000;

export interface ListeningServer {
  app: FastifyInstance;
  /** http://127.0.0.1:port */
  url: string;
  close(): Promise<void>;
}

/** buildApp over the store, listening on a free loopback port. */
export async function listenOnLoopback(store: Store, distDir: string | null = null): Promise<ListeningServer> {
  const app = await buildApp({ store, distDir, version: 'test' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface RegisteredDevice {
  checkpointId: string;
  deviceId: string;
  token: string;
}

/** A checkpoint and an enrolled device, made in the store directly (enrollment over HTTP is tested elsewhere). */
export async function registerDevice(store: Store): Promise<RegisteredDevice> {
  const { checkpoint } = await store.checkpoints.create({
    name: '娄底东',
    province: '湖南',
    city: '娄底',
    timezone: TEST_TIME_ZONE,
  });
  const { deviceId, token } = await store.devices.enroll(checkpoint.id, '3号平板');
  return { checkpointId: checkpoint.id, deviceId, token };
}

/**
 * Real timers, run `speedup` times faster: the engine's backoff of seconds to minutes becomes milliseconds to
 * a second, so a test sees many retries without changing the engine's constants.
 */
export function fastClock(speedup: number): ClockPort {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      const handle = next++;
      timers.set(
        handle,
        setTimeout(() => {
          timers.delete(handle);
          callback();
        }, delayMs / speedup),
      );
      return handle;
    },
    clearTimeout(handle) {
      clearTimeout(timers.get(handle));
      timers.delete(handle);
    },
  };
}

/** A transport that keeps every result the server gave and lets a test act just before each batch goes out. */
export interface RecordingTransport extends Transport {
  readonly results: BatchResult[];
  /** Batch posts started so far. */
  readonly posts: number;
}

export function recordingTransport(
  inner: Transport,
  beforePost?: (checks: readonly VehicleCheck[], postNumber: number) => Promise<void>,
): RecordingTransport {
  const results: BatchResult[] = [];
  let posts = 0;
  return {
    results,
    get posts() {
      return posts;
    },
    async postBatch(checks) {
      posts += 1;
      await beforePost?.(checks, posts);
      const answer = await inner.postBatch(checks);
      results.push(...answer);
      return answer;
    },
    getPolicy: () => inner.getPolicy(),
  };
}

export interface TestTablet {
  db: KakouDatabase;
  checks: CheckRepository;
  settings: SettingsRepository;
  /** What the tablet holds as its latest rev of every check it saved, by id: what the server must end up with. */
  readonly latest: ReadonlyMap<string, VehicleCheck>;
  /** Saves `count` new completed checks, one transaction each, as the checkpoint flow does. */
  queue(count: number): Promise<VehicleCheck[]>;
  /** Saves the next rev of a saved check (an officer's amendment). */
  amend(id: string): Promise<VehicleCheck>;
  /** The real engine over this tablet's outbox, sending to `baseUrl`. */
  engine(options: {
    baseUrl: string;
    clock: ClockPort;
    fetch?: FetchLike;
    beforePost?: Parameters<typeof recordingTransport>[1];
  }): {
    engine: SyncEngine;
    transport: RecordingTransport;
  };
  /** Stops its engines and deletes its database. */
  dispose(): Promise<void>;
}

/** A tablet already enrolled as `device` (settings written as enrollment writes them). */
export async function createTestTablet(device: RegisteredDevice, serverUrl: string): Promise<TestTablet> {
  const db = openTestDatabase();
  const checks = createCheckRepository(db);
  const settings = createSettingsRepository(db);
  await settings.set('device', {
    checkpointId: device.checkpointId,
    checkpointName: '娄底东',
    province: '湖南',
    city: '娄底',
    timeZone: TEST_TIME_ZONE,
    deviceId: device.deviceId,
    deviceName: '3号平板',
    serverUrl,
    token: device.token,
    enrolledAt: Date.now(),
  });
  const latest = new Map<string, VehicleCheck>();
  const engines: SyncEngine[] = [];
  const save = async (check: VehicleCheck) => {
    await checks.saveCompleted(check, { timeZone: TEST_TIME_ZONE, now: Date.now() });
    latest.set(check.id, check);
    return check;
  };

  let backlogSerial = 0;
  return {
    db,
    checks,
    settings,
    latest,
    async queue(count) {
      // Spaced like real saves, continuing across calls (ADR 013: a quarter hour holds what one tablet can do in it).
      const saved: VehicleCheck[] = [];
      for (let i = 0; i < count; i += 1) {
        // Random ids: the fixture's counter restarts with each process, and a PostgreSQL schema or a bench
        // server may outlive one.
        saved.push(
          await save(
            makeVehicleCheck({
              id: randomUUID(),
              checkpointId: device.checkpointId,
              deviceId: device.deviceId,
              ...backlogTimes(backlogSerial++),
            }),
          ),
        );
      }
      return saved;
    },
    async amend(id) {
      const stored = await checks.get(id);
      if (!stored) throw new Error(`the tablet holds no check ${id}`);
      const rev = stored.rev + 1;
      return save({ ...stored.check, rev, notes: `补登 rev ${rev}` });
    },
    engine(options) {
      const transport = recordingTransport(
        createHttpTransport({
          baseUrl: options.baseUrl,
          token: device.token,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
        options.beforePost,
      );
      const engine = createSyncEngine({
        outbox: checks,
        transport,
        clock: options.clock,
        random: Math.random,
        policyCache: { get: () => settings.get('policy'), set: (policy) => settings.set('policy', policy) },
        identity: { checkpointId: device.checkpointId, deviceId: device.deviceId, timeZone: TEST_TIME_ZONE },
      });
      engines.push(engine);
      return { engine, transport };
    },
    async dispose() {
      for (const engine of engines.splice(0)) engine.stop();
      await db.delete();
    },
  };
}

/** Every check the server holds for the checkpoint, in the store's order (duplicates would show as repeated ids). */
export async function serverHoldings(store: Store, checkpointId: string): Promise<VehicleCheck[]> {
  const held: VehicleCheck[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.vehicleChecks.list({
      checkpointId,
      limit: READ_BACK_PAGE_ROWS,
      ...(cursor ? { cursor } : {}),
    });
    held.push(...page.checks.map((stored) => stored.check));
    if (page.nextCursor === null) return held;
    cursor = page.nextCursor;
  }
}

/** Polls `done` until it holds or `timeoutMs` passes; then throws with what `describe` says about the state. */
export async function waitUntil(
  done: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; describe: () => Promise<string> | string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${options.timeoutMs} ms: ${await options.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
