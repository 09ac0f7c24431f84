// A tablet whose clock is off (the real src/db on fake-indexeddb, the sync engine and its HTTP client) against the real
// server, seen through a proxy whose Date header is 7 or 9 minutes off: the sync finds the skew, the officer's banner
// says it in words, a check saved meanwhile carries it, the server keeps it, and the day's report lists the tablet. A
// later sync that finds the clock right takes the banner away, and checks saved then carry nothing.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createCheckRepository } from '../../src/db/check-repository.ts';
import { createLeadPinCache } from '../../src/db/lead-pin-cache.ts';
import type { KakouDatabase } from '../../src/db/database.ts';
import { createSettingsRepository, type SettingsRepository } from '../../src/db/settings-repository.ts';
import type { ServerDateSample } from '../../src/domain/clock-skew.ts';
import { DEFAULT_POLICY } from '../../src/domain/policy.ts';
import { formatInZone, localDay } from '../../src/domain/time.ts';
import type { VehicleCheck } from '../../src/domain/vehicle-check.ts';
import { clockSkewWords } from '../../src/features/checkpoint/clock-skew-words.ts';
import { clockSkewMessages } from '../../src/features/checkpoint/clock-skew.messages.ts';
import { toVehicleCheck } from '../../src/features/checkpoint/draft/check-builder.ts';
import { translator } from '../../src/platform/i18n.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';
import { createClockCheck, type ClockCheck } from '../../src/sync/clock-check.ts';
import { createLeadPinRemote } from '../../src/sync/lead-pin-client.ts';
import { createLeadPinSync } from '../../src/sync/lead-pin-sync.ts';
import { createSyncEngine, type SyncEngine } from '../../src/sync/sync-engine.ts';
import { fetchDailyTally } from '../../src/sync/tally-client.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';
import { openTestDatabase } from '../support/db/fixtures.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { makeDraft, screenedPerson } from '../support/features/checkpoint/drafts.ts';
import {
  fastClock,
  listenOnLoopback,
  registerDevice,
  TEST_TIME_ZONE,
  type ListeningServer,
  type RegisteredDevice,
} from '../support/sync-harness.ts';

const MINUTE_MS = 60_000;
/** The Date header's second and the loopback round trip leave the measured skew within a second or two of the truth. */
const MEASURE_SLACK_SECONDS = 2;

let store: Store;
let server: ListeningServer;
let proxy: FaultProxy;
/** How far the server's clock is ahead of the tablet's, as the tablet sees it through the proxy. */
let serverAheadMs = 0;

beforeAll(async () => {
  store = await createStore({ sqliteFile: ':memory:' });
  server = await listenOnLoopback(store);
  proxy = await startFaultProxy(server.url, () => ({ kind: 'pass' }), { shiftDateMs: () => serverAheadMs });
});

afterAll(async () => {
  await proxy.close();
  await server.close();
  await store.close();
});

interface Tablet {
  device: RegisteredDevice;
  settings: SettingsRepository;
  /** A pass of the engine, as the app wires it: every answer goes to the clock check. Resolves once it is kept. */
  sync(): Promise<void>;
  /** What the banner on the start screen and in the check flow says now, in each language; null when nothing. */
  banner(): Promise<{ zh: string | null; en: string | null }>;
  /** Saves a check as the check flow does: built from the officer's draft with what the tablet knows of its clock. */
  saveCheck(): Promise<VehicleCheck>;
}

const databases: KakouDatabase[] = [];
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) engine.stop();
  for (const db of databases.splice(0)) await db.delete();
});

async function enrolledTablet(): Promise<Tablet> {
  const device = await registerDevice(store);
  const db = openTestDatabase();
  databases.push(db);
  const checks = createCheckRepository(db);
  const settings = createSettingsRepository(db);
  const clockCheck: ClockCheck = createClockCheck({
    get: () => settings.get('clockSkew'),
    set: (record) => settings.set('clockSkew', record),
  });
  const onServerDate = (sample: ServerDateSample) => {
    clockCheck.observe(sample);
  };
  // As src/app/create-app-sync.ts wires it: the policy is asked for at most every ten minutes, but the lead PIN on
  // every pass, so a pass with nothing to upload still hears the server's Date.
  const engine = createSyncEngine({
    outbox: checks,
    transport: createHttpTransport({ baseUrl: proxy.url, token: device.token, onServerDate }),
    clock: fastClock(1),
    random: () => 0.5,
    policyCache: { get: () => settings.get('policy'), set: (policy) => settings.set('policy', policy) },
    leadPin: createLeadPinSync({
      remote: createLeadPinRemote({ baseUrl: proxy.url, token: device.token, onServerDate }),
      cache: createLeadPinCache(settings),
    }),
  });
  engines.push(engine);
  return {
    device,
    settings,
    async sync() {
      await engine.syncNow();
      expect(engine.status.getState()).toMatchObject({ state: 'idle', lastError: null });
      await clockCheck.settled();
    },
    async banner() {
      const record = await settings.get('clockSkew');
      return {
        zh: clockSkewWords(record, translator(clockSkewMessages, 'zh-CN')),
        en: clockSkewWords(record, translator(clockSkewMessages, 'en')),
      };
    },
    async saveCheck() {
      const now = Date.now();
      // Sampled an hour ago: within the 48-hour window, so the common case, released without a registration.
      const sampledAt = formatInZone(now - 60 * MINUTE_MS, TEST_TIME_ZONE);
      const draft = makeDraft({ persons: [screenedPerson('driver', { sampledAt })] });
      const check = toVehicleCheck(draft, {
        checkpointId: device.checkpointId,
        deviceId: device.deviceId,
        officerId: 'officer-017',
        team: 'A',
        shiftId: 'shift-a',
        policy: DEFAULT_POLICY,
        completedAt: formatInZone(now, TEST_TIME_ZONE),
        clockSkew: await settings.get('clockSkew'),
      });
      await checks.saveCompleted(check, { timeZone: TEST_TIME_ZONE, now });
      return check;
    },
  };
}

/** The check as the server keeps it, read back from its store. */
async function storedCheck(checkpointId: string, id: string): Promise<VehicleCheck | undefined> {
  const { checks } = await store.vehicleChecks.list({ checkpointId, limit: 500 });
  return checks.find((stored) => stored.check.id === id)?.check;
}

const near = (expected: number) => ({
  asymmetricMatch: (actual: unknown) =>
    typeof actual === 'number' && Math.abs(actual - expected) <= MEASURE_SLACK_SECONDS,
  toString: () => `${expected} ± ${MEASURE_SLACK_SECONDS}`,
});

it('finds a clock 7 minutes behind, then 9 ahead, records the skew with the checks made meanwhile, and the report lists the tablet', async () => {
  const tablet = await enrolledTablet();

  // The server's clock reads 7 minutes later than the tablet's: the tablet is behind.
  serverAheadMs = 7 * MINUTE_MS;
  await tablet.sync();
  expect(await tablet.settings.get('clockSkew')).toEqual({ skewSeconds: near(-420) });
  expect(await tablet.banner()).toEqual({
    zh: '本机时间比服务器慢 7 分钟，请校准时间',
    en: "This tablet's clock is 7 minutes behind the server. Please set the time.",
  });
  const behind = await tablet.saveCheck();
  expect(behind.clockSkewSeconds).toEqual(near(-420));
  await tablet.sync();
  expect((await storedCheck(tablet.device.checkpointId, behind.id))?.clockSkewSeconds).toBe(behind.clockSkewSeconds);

  // Set wrong the other way: 9 minutes ahead.
  serverAheadMs = -9 * MINUTE_MS;
  await tablet.sync();
  expect(await tablet.banner()).toEqual({
    zh: '本机时间比服务器快 9 分钟，请校准时间',
    en: "This tablet's clock is 9 minutes ahead of the server. Please set the time.",
  });
  const ahead = await tablet.saveCheck();
  expect(ahead.clockSkewSeconds).toEqual(near(540));

  // The officer sets the time: the next sync finds it right, the banner goes, and the next check carries nothing.
  serverAheadMs = 0;
  await tablet.sync();
  expect(await tablet.settings.get('clockSkew')).toBeNull();
  expect(await tablet.banner()).toEqual({ zh: null, en: null });
  const right = await tablet.saveCheck();
  expect('clockSkewSeconds' in right).toBe(false);
  await tablet.sync();
  expect(await storedCheck(tablet.device.checkpointId, ahead.id)).toMatchObject({ clockSkewSeconds: near(540) });
  expect(await storedCheck(tablet.device.checkpointId, right.id)).not.toHaveProperty('clockSkewSeconds');

  // The lead's report of the day, from the server: the tablet, its largest skew, its two checks made meanwhile.
  const date = localDay(behind.completedAt, TEST_TIME_ZONE);
  const tally = await fetchDailyTally({ baseUrl: server.url, token: tablet.device.token, date });
  expect(tally.vehicles).toBe(localDay(right.completedAt, TEST_TIME_ZONE) === date ? 3 : 2);
  expect(tally.skewedClocks).toEqual([
    { deviceId: tablet.device.deviceId, deviceName: '3号平板', largestSkewSeconds: near(540), checks: 2 },
  ]);
});

it('leaves a tablet whose clock is right without a banner, and the report without it', async () => {
  const tablet = await enrolledTablet();
  serverAheadMs = 90_000;
  await tablet.sync();
  // A minute and a half is within two minutes: nothing to say.
  expect(await tablet.settings.get('clockSkew')).toBeUndefined();
  expect(await tablet.banner()).toEqual({ zh: null, en: null });
  const check = await tablet.saveCheck();
  await tablet.sync();
  expect(await storedCheck(tablet.device.checkpointId, check.id)).not.toHaveProperty('clockSkewSeconds');
  const date = localDay(check.completedAt, TEST_TIME_ZONE);
  const tally = await fetchDailyTally({ baseUrl: server.url, token: tablet.device.token, date });
  expect(tally.skewedClocks).toEqual([]);
});
