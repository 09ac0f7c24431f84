// A tablet (the real src/db on fake-indexeddb, the sync engine, the HTTP transport) against the real server
// (Fastify + the SQLite store) listening on a loopback port: what it sends is what the server holds, once.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchResult } from '../../src/contract/vehicle-check.ts';
import type { VehicleCheck } from '../../src/domain/vehicle-check.ts';
import { createCheckRepository, type CheckRepository } from '../../src/db/check-repository.ts';
import type { KakouDatabase } from '../../src/db/database.ts';
import {
  createSettingsRepository,
  UNENROLLED_CHECKPOINT_ID,
  type SettingsRepository,
} from '../../src/db/settings-repository.ts';
import { backlogTimes, makeVehicleCheck, openTestDatabase } from '../support/db/fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';
import { enrollTablet } from '../../src/sync/enroll-tablet.ts';
import { createSyncEngine, type ClockPort, type SyncEngine } from '../../src/sync/sync-engine.ts';
import { createHttpTransport, type Transport } from '../../src/sync/transport.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.ts';
import { fastClock } from '../support/sync-harness.ts';

const TIME_ZONE = 'Asia/Shanghai';
const BACKLOG_CHECKS = 1_200;

let store: Store;
let app: FastifyInstance;
let serverUrl: string;
/** Reads what the server holds: paging a checkpoint's checks takes a lead session or an admin token. */
let adminToken: string;

beforeAll(async () => {
  store = await createStore({ sqliteFile: ':memory:' });
  adminToken = (await store.adminTokens.create()).token;
  app = await buildApp({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** The HTTP transport, keeping every result the server gave. */
function recording(inner: Transport): Transport & { results: BatchResult[] } {
  const results: BatchResult[] = [];
  return {
    results,
    async postBatch(checks) {
      const answer = await inner.postBatch(checks);
      results.push(...answer);
      return answer;
    },
    getPolicy: () => inner.getPolicy(),
  };
}

interface Tablet {
  db: KakouDatabase;
  checks: CheckRepository;
  settings: SettingsRepository;
  checkpointId: string;
  deviceId: string;
  token: string;
  /** Saves a check of this tablet's checkpoint as the checkpoint flow does. */
  save(overrides?: Partial<VehicleCheck>): Promise<VehicleCheck>;
  engine(options?: { baseUrl?: string; clock?: ClockPort }): {
    engine: SyncEngine;
    transport: ReturnType<typeof recording>;
  };
}

const tablets: KakouDatabase[] = [];
const engines: SyncEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.stop();
  for (const db of tablets.splice(0)) await db.delete();
});

/** A new checkpoint on the server, and a fresh tablet enrolled with its code through POST /api/v1/devices. */
async function enrolledTablet(options?: {
  savedBeforeEnrollment?: number;
}): Promise<Tablet & { early: VehicleCheck[] }> {
  const db = openTestDatabase();
  tablets.push(db);
  const checks = createCheckRepository(db);
  const settings = createSettingsRepository(db);

  const early: VehicleCheck[] = [];
  for (let i = 0; i < (options?.savedBeforeEnrollment ?? 0); i += 1) {
    const check = makeVehicleCheck({
      checkpointId: UNENROLLED_CHECKPOINT_ID,
      deviceId: 'local-device-uuid',
      ...backlogTimes(i),
    });
    await checks.saveCompleted(check, { timeZone: TIME_ZONE, now: Date.now() });
    early.push(check);
  }

  const { enrollmentCode } = await store.checkpoints.create({
    name: '娄底东',
    province: '湖南',
    city: '娄底',
    timezone: TIME_ZONE,
  });
  const { device } = await enrollTablet(
    { serverUrl, enrollmentCode, deviceName: '3号平板' },
    { checks, settings, now: () => Date.now() },
  );

  const tablet: Tablet = {
    db,
    checks,
    settings,
    checkpointId: device.checkpoint.id,
    deviceId: device.deviceId,
    token: device.token,
    async save(overrides) {
      const check = makeVehicleCheck({ checkpointId: device.checkpoint.id, deviceId: device.deviceId, ...overrides });
      await checks.saveCompleted(check, { timeZone: TIME_ZONE, now: Date.now() });
      return check;
    },
    engine(engineOptions) {
      const transport = recording(
        createHttpTransport({ baseUrl: engineOptions?.baseUrl ?? serverUrl, token: device.token }),
      );
      const engine = createSyncEngine({
        outbox: checks,
        transport,
        clock: engineOptions?.clock ?? fastClock(1),
        random: Math.random,
        policyCache: { get: () => settings.get('policy'), set: (policy) => settings.set('policy', policy) },
        identity: { checkpointId: device.checkpoint.id, deviceId: device.deviceId, timeZone: TIME_ZONE },
      });
      engines.push(engine);
      return { engine, transport };
    },
  };
  return { ...tablet, early };
}

/** Every check the server holds for the checkpoint, paged through GET /api/v1/vehicle-checks. */
async function serverChecks(checkpointId: string): Promise<VehicleCheck[]> {
  const held: VehicleCheck[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${serverUrl}/api/v1/vehicle-checks?limit=500&checkpointId=${checkpointId}${query}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { checks: Array<{ check: VehicleCheck }>; nextCursor: string | null };
    held.push(...page.checks.map((stored) => stored.check));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return held;
}

describe('a tablet syncing to the real server', () => {
  let tablet: Awaited<ReturnType<typeof enrolledTablet>>;

  beforeEach(async () => {
    tablet = await enrolledTablet({ savedBeforeEnrollment: BACKLOG_CHECKS });
  });

  it('drains a backlog of 1,200 checks saved before enrollment: the server holds exactly those, the tablet none pending', async () => {
    const { engine, transport } = tablet.engine();

    await engine.syncNow();

    const held = await serverChecks(tablet.checkpointId);
    expect(held).toHaveLength(BACKLOG_CHECKS);
    expect(new Set(held.map((check) => check.id))).toEqual(new Set(tablet.early.map((check) => check.id)));
    expect(
      held.every((check) => check.checkpointId === tablet.checkpointId && check.deviceId === tablet.deviceId),
    ).toBe(true);
    expect(await store.vehicleChecks.count(tablet.checkpointId)).toBe(BACKLOG_CHECKS);
    expect(transport.results.every((result) => result.status === 'created')).toBe(true);
    expect(await tablet.checks.countPending()).toBe(0);
    expect(await tablet.checks.listRejected()).toEqual([]);
    expect(engine.status.getState()).toMatchObject({ state: 'idle', pending: 0, lastError: null, progress: null });
    // Enrollment cached the server's policy for the checkpoint flow.
    expect((await tablet.settings.get('policy'))?.version).toBe(1);
  });
});

describe('amendments and refusals', () => {
  it('sends an amendment as a higher rev that the server records as updated', async () => {
    const tablet = await enrolledTablet();
    const { engine, transport } = tablet.engine();
    const check = await tablet.save();
    await engine.syncNow();

    await tablet.checks.saveCompleted(
      { ...check, rev: 2, notes: '补登：乘客已核验' },
      { timeZone: TIME_ZONE, now: Date.now() },
    );
    await engine.syncNow();

    expect(transport.results.map((result) => [result.id, result.status])).toEqual([
      [check.id, 'created'],
      [check.id, 'updated'],
    ]);
    const [held] = await serverChecks(tablet.checkpointId);
    expect(held).toMatchObject({ id: check.id, rev: 2, notes: '补登：乘客已核验' });
    expect(await tablet.checks.get(check.id)).toMatchObject({ rev: 2, syncState: 'synced' });
  });

  it('keeps a check whose id another checkpoint holds, listed with the server reason, and does not resend it', async () => {
    const other = await enrolledTablet();
    const taken = await other.save();
    await other.engine().engine.syncNow();

    const tablet = await enrolledTablet();
    const { engine, transport } = tablet.engine();
    const fine = await tablet.save();
    await tablet.save({ id: taken.id });
    await engine.syncNow();
    await engine.syncNow();

    const rejected = await tablet.checks.listRejected();
    expect(rejected.map((stored) => [stored.id, stored.rejectReason])).toEqual([
      [taken.id, 'belongs to another checkpoint'],
    ]);
    expect(await tablet.checks.get(fine.id)).toMatchObject({ syncState: 'synced' });
    expect(transport.results.filter((result) => result.id === taken.id)).toHaveLength(1);
    expect((await serverChecks(tablet.checkpointId)).map((check) => check.id)).toEqual([fine.id]);
    // The other checkpoint's record is untouched.
    expect(await serverChecks(other.checkpointId)).toEqual([taken]);
  });

  it('stops on a revoked token, keeping every check pending on the tablet', async () => {
    const tablet = await enrolledTablet();
    const { engine, transport } = tablet.engine();
    await tablet.save();
    await store.devices.revoke(tablet.deviceId);

    await engine.syncNow();

    expect(engine.status.getState()).toMatchObject({ state: 'unauthorized', lastError: { key: 'unauthorized' } });
    expect(transport.results).toEqual([]);
    expect(await tablet.checks.countPending()).toBe(1);
  });
});

describe('over a network that drops, fails and loses answers', () => {
  let proxy: FaultProxy | null = null;

  afterEach(async () => {
    await proxy?.close();
    proxy = null;
  });

  it('ends with each check stored once and acknowledged on the tablet, however often batches were resent', async () => {
    const tablet = await enrolledTablet({ savedBeforeEnrollment: 600 });
    // Every request meets trouble twice before one gets through, in rotating kinds, answers lost after commit among them.
    const faults: Fault[] = [
      { kind: 'cut-after-commit' },
      { kind: 'drop' },
      { kind: 'pass' },
      { kind: 'error-500' },
      { kind: 'cut-after-commit' },
      { kind: 'delay', ms: 50 },
    ];
    proxy = await startFaultProxy(serverUrl, (n) => faults[n % faults.length]!);
    const { engine } = tablet.engine({ baseUrl: proxy.url, clock: fastClock(200) });

    engine.start();
    await vi.waitFor(
      async () => {
        expect(await tablet.checks.countPending()).toBe(0);
      },
      { timeout: 30_000, interval: 100 },
    );

    expect(proxy.seen['cut-after-commit']).toBeGreaterThan(0);
    expect(proxy.seen.drop).toBeGreaterThan(0);
    expect(proxy.seen['error-500']).toBeGreaterThan(0);
    const held = await serverChecks(tablet.checkpointId);
    expect(held).toHaveLength(600);
    expect(new Set(held.map((check) => check.id))).toEqual(new Set(tablet.early.map((check) => check.id)));
    expect(await tablet.checks.listRejected()).toEqual([]);
  });
});
