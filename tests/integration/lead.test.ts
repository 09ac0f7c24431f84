// The lead across tablets and the real server on a loopback port (the tablet's src/db on fake-indexeddb, its src/sync
// clients): a PIN set on a tablet enrolled before becomes the checkpoint's, reaches the other tablet and opens its
// pad offline; an unlock buys a lead session the hand-off list takes; a change made on one tablet, or by an admin,
// reaches the others, and the sessions bought with the old PIN end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KakouDatabase } from '../../src/db/database.ts';
import { createLeadPinCache } from '../../src/db/lead-pin-cache.ts';
import { createLeadPinRepository, type LeadPinRepository } from '../../src/db/lead-pin-repository.ts';
import { createSettingsRepository, type SettingsRepository } from '../../src/db/settings-repository.ts';
import { setLeadCredentials } from '../../src/sync/lead-credentials.ts';
import { setLeadPinCommand } from '../../src/server/admin-lead-pin.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';
import { enrollTablet } from '../../src/sync/enroll-tablet.ts';
import { leadAccessFor, type LeadAccess } from '../../src/sync/lead-access.ts';
import { changeLeadPinWithServer } from '../../src/sync/lead-pin-change.ts';
import { openServerLeadSession, type ServerUnlock } from '../../src/sync/lead-unlock.ts';
import { fetchHandoffs } from '../../src/sync/tally-client.ts';
import { SyncUnauthorizedError } from '../../src/sync/transport.ts';
import { openTestDatabase } from '../support/db/fixtures.ts';
import { listenOnLoopback, TEST_TIME_ZONE, type ListeningServer } from '../support/sync-harness.ts';

const PIN = '482915';
const NEW_PIN = '730518';

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

interface Tablet {
  settings: SettingsRepository;
  /** At the server's own 600,000 rounds: a PIN set here must be one the server takes as it is. */
  pins: LeadPinRepository;
  access(): Promise<LeadAccess>;
  unlock(pin: string): Promise<ServerUnlock>;
}

const databases: KakouDatabase[] = [];
afterEach(async () => {
  setLeadCredentials(null);
  for (const db of databases.splice(0)) await db.delete();
});

async function tablet(checkpointId: string, name: string): Promise<Tablet> {
  const db = openTestDatabase();
  databases.push(db);
  const settings = createSettingsRepository(db);
  const { deviceId, token } = await store.devices.enroll(checkpointId, name);
  await settings.set('device', {
    checkpointId,
    checkpointName: '娄底东',
    province: '湖南',
    city: '娄底',
    timeZone: TEST_TIME_ZONE,
    deviceId,
    deviceName: name,
    serverUrl: server.url,
    token,
  });
  const access = async () => leadAccessFor(await settings.get('device'), createLeadPinCache(settings), Date.now);
  return {
    settings,
    pins: createLeadPinRepository(settings),
    access,
    async unlock(pin) {
      const { server: lead, leadPinSync } = await access();
      return openServerLeadSession(pin, { server: lead, online: true, leadPinSync });
    },
  };
}

async function checkpoint(): Promise<{ id: string; enrollmentCode: string }> {
  const { checkpoint: made, enrollmentCode } = await store.checkpoints.create({
    name: '娄底东',
    province: '湖南',
    city: '娄底',
    timezone: TEST_TIME_ZONE,
  });
  return { id: made.id, enrollmentCode };
}

const handoffsWith = (token: string) => fetchHandoffs({ baseUrl: server.url, token, date: '2026-11-28' });

describe('the lead across tablets', () => {
  it("makes a PIN set before on one tablet the checkpoint's, and opens the other tablet's pad with it", async () => {
    const cp = await checkpoint();
    const first = await tablet(cp.id, '1号平板');
    const second = await tablet(cp.id, '2号平板');
    await first.pins.setFirst(PIN, Date.now());

    // Its next sync hands the server the hash it keeps; the server had none.
    expect(await (await first.access()).leadPinSync.runNow()).toBe('pushed');
    const held = await store.leadPins.get(cp.id);
    expect(held).toMatchObject({ version: 1, setBy: 'tablet' });
    expect(held.hash?.hashB64).toBe((await first.settings.get('leadPin'))?.hashB64);

    // The other tablet takes it on its sync, and its pad opens with the PIN, offline.
    expect(await (await second.access()).leadPinSync.runNow()).toBe('adopted');
    expect(await second.pins.verify(PIN, Date.now())).toEqual({ kind: 'accepted' });

    // Online, the same PIN buys a lead session, which reads the hand-off list; the device token alone does not.
    const unlocked = await second.unlock(PIN);
    if (unlocked.kind !== 'session') throw new Error(`unlock answered ${unlocked.kind}`);
    expect((await handoffsWith(unlocked.credentials.token)).date).toBe('2026-11-28');
    const device = (await second.settings.get('device'))?.token ?? '';
    await expect(handoffsWith(device)).rejects.toMatchObject({ status: 403 });
  });

  it('carries a change made on one tablet to the other; sessions bought with the old PIN end', async () => {
    const cp = await checkpoint();
    const first = await tablet(cp.id, '1号平板');
    const second = await tablet(cp.id, '2号平板');
    await first.pins.setFirst(PIN, Date.now());
    await (await first.access()).leadPinSync.runNow();
    await (await second.access()).leadPinSync.runNow();
    const before = await second.unlock(PIN);
    if (before.kind !== 'session') throw new Error(`unlock answered ${before.kind}`);

    const access = await first.access();
    if (access.server === null) throw new Error('the tablet is enrolled');
    const changed = await changeLeadPinWithServer(PIN, NEW_PIN, {
      server: access.server,
      online: true,
      cache: createLeadPinCache(first.settings),
      leadPinSync: access.leadPinSync,
      now: Date.now,
    });
    expect(changed).toMatchObject({ kind: 'changed', pin: { version: 2, setBy: 'lead' } });
    expect(await first.pins.verify(NEW_PIN, Date.now())).toEqual({ kind: 'accepted' });
    await expect(handoffsWith(before.credentials.token)).rejects.toBeInstanceOf(SyncUnauthorizedError);

    // The other tablet still holds the old PIN: its pad takes it, the server does not, and the tablet learns the new.
    expect(await second.unlock(PIN)).toEqual({ kind: 'pin-changed' });
    expect(await second.pins.verify(NEW_PIN, Date.now())).toEqual({ kind: 'accepted' });
    expect((await second.unlock(NEW_PIN)).kind).toBe('session');
  });

  it("reaches every tablet with an admin's new PIN on its next sync", async () => {
    const cp = await checkpoint();
    const one = await tablet(cp.id, '1号平板');
    await setLeadPinCommand(store, cp.id, PIN);
    expect(await (await one.access()).leadPinSync.runNow()).toBe('adopted');
    expect(await one.pins.verify(PIN, Date.now())).toEqual({ kind: 'accepted' });

    await setLeadPinCommand(store, cp.id, NEW_PIN);
    expect(await (await one.access()).leadPinSync.runNow()).toBe('adopted');
    expect(await one.pins.verify(NEW_PIN, Date.now())).toEqual({ kind: 'accepted' });
  });

  it("enrolls a tablet into a checkpoint that has a PIN: the checkpoint's is used, not the one typed", async () => {
    const cp = await checkpoint();
    await setLeadPinCommand(store, cp.id, PIN);
    const db = openTestDatabase();
    databases.push(db);
    const settings = createSettingsRepository(db);
    const result = await enrollTablet(
      { serverUrl: server.url, enrollmentCode: cp.enrollmentCode, deviceName: '3号平板', leadPin: NEW_PIN },
      { checks: { adoptPending: () => Promise.resolve(0) }, settings, now: Date.now },
    );
    expect(result.leadPinFromCheckpoint).toBe(true);
    const pins = createLeadPinRepository(settings);
    expect(await pins.verify(PIN, Date.now())).toEqual({ kind: 'accepted' });
  });
});
