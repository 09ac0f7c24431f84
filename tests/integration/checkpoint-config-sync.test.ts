// Two tablets of one checkpoint (the real src/db on fake-indexeddb, the sync engine) against the real server on a
// loopback port: the shift configuration reaches every tablet, a lead's edit is pushed (with a lead session; without
// one it waits), a stale edit becomes a conflict.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHECKPOINT_CONFIG, type CheckpointConfigBody } from '../../src/domain/shift-schedule.ts';
import { SHIFT_PRESETS } from '../../src/domain/shift-config-rules.ts';
import { createCheckpointConfigStore, type CheckpointConfigStore } from '../../src/db/checkpoint-config-store.ts';
import { createSettingsRepository } from '../../src/db/settings-repository.ts';
import { openTestDatabase } from '../support/db/fixtures.ts';
import type { KakouDatabase } from '../../src/db/database.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';
import { hashLeadPin } from '../../src/server/store/lead-pin-hash.ts';
import { createCheckpointConfigRemote } from '../../src/sync/checkpoint-config-client.ts';
import { openLeadSession } from '../../src/sync/lead-pin-client.ts';
import { createSyncEngine, type SyncEngine } from '../../src/sync/sync-engine.ts';
import { createHttpTransport, type FetchLike } from '../../src/sync/transport.ts';
import {
  listenOnLoopback,
  registerDevice,
  waitUntil,
  type ListeningServer,
  type RegisteredDevice,
} from '../support/sync-harness.ts';
import { createMemoryOutbox, createFakeClock } from '../support/sync/fake-ports.ts';

let store: Store;
let server: ListeningServer;

beforeAll(async () => {
  store = await createStore({ sqliteFile: ':memory:' });
  server = await listenOnLoopback(store);
});

afterAll(async () => {
  await server.close();
  await store.close();
});

const LEAD_PIN = '482915';

interface Tablet {
  db: KakouDatabase;
  config: CheckpointConfigStore;
  /** A lead unlocks on this tablet: the checkpoint's PIN (set if it has none) buys a lead session from the server. */
  unlock(): Promise<void>;
  /** One pass of a fresh engine (the pull is never throttled on a first pass). */
  sync(fetch?: FetchLike): Promise<SyncEngine>;
}

const databases: KakouDatabase[] = [];
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) engine.stop();
  for (const db of databases.splice(0)) await db.delete();
});

function tablet(device: RegisteredDevice): Tablet {
  const db = openTestDatabase();
  databases.push(db);
  const config = createCheckpointConfigStore(db);
  let leadToken: string | null = null;
  return {
    db,
    config,
    async unlock() {
      if ((await store.leadPins.get(device.checkpointId)).hash === null) {
        const hash = await hashLeadPin(LEAD_PIN, 1000);
        await store.leadPins.setFirst(device.checkpointId, hash, { setBy: 'admin', deviceId: null });
      }
      leadToken = (await openLeadSession({ baseUrl: server.url, token: device.token }, LEAD_PIN)).token;
    },
    async sync(fetch) {
      const withFetch = fetch ? { fetch } : {};
      const engine = createSyncEngine({
        outbox: createMemoryOutbox(),
        transport: createHttpTransport({ baseUrl: server.url, token: device.token, ...withFetch }),
        clock: createFakeClock(),
        random: () => 0.5,
        checkpointConfig: {
          remote: createCheckpointConfigRemote({
            baseUrl: server.url,
            token: device.token,
            leadToken: () => leadToken,
            ...withFetch,
          }),
          cache: config,
        },
      });
      engines.push(engine);
      await engine.syncNow();
      return engine;
    },
  };
}

const fourShifts: CheckpointConfigBody = {
  ...SHIFT_PRESETS.fourTeams,
  teams: ['甲', '乙', '丙', '丁'],
  shifts: [...SHIFT_PRESETS.fourTeams.shifts],
  rotationAnchor: '2026-11-01',
};
const threeShifts: CheckpointConfigBody = {
  teams: ['A', 'B', 'C'],
  shifts: [...SHIFT_PRESETS.threeShifts.shifts],
  rotationAnchor: '2026-11-01',
};

describe('shift configuration sync', () => {
  it('gives a new tablet the default as version 0, then a lead edit made offline once it syncs, and the other tablet after', async () => {
    const device = await registerDevice(store);
    const lead = tablet(device);
    const other = tablet(await store.devices.enroll(device.checkpointId, '4号平板').then((d) => ({ ...device, ...d })));

    await lead.sync();
    expect(await lead.config.get()).toEqual(DEFAULT_CHECKPOINT_CONFIG);

    // Offline: the edit is saved on the tablet and stays pending through a failed pass.
    await lead.config.saveEdit(fourShifts, 1_000);
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await lead.sync(offline);
    expect(await lead.config.getEdit()).toEqual({ body: fourShifts, baseVersion: 0, editedAt: 1_000 });
    expect((await store.checkpointConfigs.get(device.checkpointId)).version).toBe(0);

    // Back online, but the lead's screens were opened offline: no lead session, so the edit waits for one.
    await lead.sync();
    expect(await lead.config.getEdit()).toEqual({ body: fourShifts, baseVersion: 0, editedAt: 1_000 });
    expect((await store.checkpointConfigs.get(device.checkpointId)).version).toBe(0);

    await lead.unlock();
    await lead.sync();
    expect(await lead.config.getEdit()).toBeNull();
    expect(await lead.config.get()).toMatchObject({ ...fourShifts, version: 1 });
    expect(await store.checkpointConfigs.get(device.checkpointId)).toMatchObject({ ...fourShifts, version: 1 });

    await other.sync();
    expect(await other.config.get()).toMatchObject({ ...fourShifts, version: 1 });
  });

  it("keeps the server's configuration when another tablet saved first, drops the stale edit and records the conflict", async () => {
    const device = await registerDevice(store);
    const first = tablet(device);
    const second = tablet(
      await store.devices.enroll(device.checkpointId, '4号平板').then((d) => ({ ...device, ...d })),
    );
    await first.sync();
    await second.sync();
    await first.unlock();
    await second.unlock();

    await first.config.saveEdit(fourShifts, 2_000);
    await second.config.saveEdit(threeShifts, 3_000);
    await first.sync();
    await second.sync();

    const serverConfig = await store.checkpointConfigs.get(device.checkpointId);
    expect(serverConfig).toMatchObject({ ...fourShifts, version: 1 });
    expect(await second.config.getEdit()).toBeNull();
    expect(await second.config.get()).toEqual(serverConfig);
    const settings = createSettingsRepository(second.db);
    expect(await settings.get('checkpointConfigConflict')).toMatchObject({
      kind: 'conflict',
      editedAt: 3_000,
      serverVersion: 1,
      serverUpdatedAt: serverConfig.updatedAt,
    });

    // The lead edits again from what they now see: accepted, and the conflict message goes away.
    await second.config.saveEdit(threeShifts, 4_000);
    await second.sync();
    expect(await second.config.get()).toMatchObject({ ...threeShifts, version: 2 });
    expect(await settings.get('checkpointConfigConflict')).toBeNull();
  });

  it('pushes an edit as soon as it is saved while the engine runs', async () => {
    const device = await registerDevice(store);
    const lead = tablet(device);
    await lead.unlock();
    const engine = await lead.sync();
    engine.start();
    await lead.config.saveEdit(threeShifts, 5_000);
    await waitUntil(async () => (await store.checkpointConfigs.get(device.checkpointId)).version === 1, {
      timeoutMs: 5_000,
      describe: () => 'the edit did not reach the server',
    });
    await waitUntil(async () => (await lead.config.getEdit()) === null, {
      timeoutMs: 5_000,
      describe: () => 'the tablet kept its pending edit',
    });
  });
});
