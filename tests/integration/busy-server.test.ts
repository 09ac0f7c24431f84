// A tablet meeting a busy server: the real server turns its batch away with 503 + Retry-After while another tablet's
// upload holds the only slot, the real engine waits as long as the server asked before sending again, and in the end
// every check is stored once.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createIngestAdmission, type IngestAdmission } from '../../src/server/plugins/ingest-admission.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';
import { makeServerCheck } from '../support/server/store/checks.ts';
import { openRawRequest, rawPost } from '../support/server/slow-client.ts';
import { createFakeClock } from '../support/sync/fake-ports.ts';
import {
  createTestTablet,
  registerDevice,
  serverHoldings,
  waitUntil,
  type TestTablet,
} from '../support/sync-harness.ts';

/** Far beyond the engine's own first backoff (2 s), so the wait can only be the server's. */
const RETRY_AFTER_S = 45;
const MS_PER_S = 1000;
const QUEUED_CHECKS = 3;
/** Held back by the other tablet, so its upload stays in flight until the test sends them. */
const HELD_BACK_BYTES = 10;

let store: Store;
let app: FastifyInstance;
let url: string;
let admission: IngestAdmission;
let tablet: TestTablet | undefined;

beforeEach(async () => {
  store = await createStore({ sqliteFile: ':memory:' });
  admission = createIngestAdmission({
    inFlightMax: 1,
    queueMax: 0,
    retryAfterMinS: RETRY_AFTER_S,
    retryAfterMaxS: RETRY_AFTER_S,
  });
  app = await buildApp({ store, ingestAdmission: admission });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await tablet?.dispose();
  tablet = undefined;
  await app.close();
  await store.close();
});

it('waits as long as Retry-After of the busy server says, then sends again and everything is stored once', async () => {
  const device = await registerDevice(store);
  tablet = await createTestTablet(device, url);
  const queued = await tablet.queue(QUEUED_CHECKS);

  // Another tablet of the checkpoint is mid-upload and holds the only slot.
  const other = await store.devices.enroll(device.checkpointId, '5号平板');
  const othersCheck = makeServerCheck({ checkpointId: device.checkpointId, deviceId: other.deviceId });
  const upload = rawPost(
    '/api/v1/vehicle-checks/batch',
    { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
    JSON.stringify({ checks: [othersCheck] }),
  );
  const othersUpload = await openRawRequest(url, upload, upload.length - HELD_BACK_BYTES);
  await waitUntil(() => Promise.resolve(admission.status().inFlight === 1), {
    timeoutMs: 10_000,
    describe: () => 'the other upload is not in flight',
  });

  const clock = createFakeClock(Date.now());
  const { engine, transport } = tablet.engine({ baseUrl: url, clock });
  await engine.syncNow();

  expect(engine.status.getState()).toMatchObject({
    state: 'error',
    pending: QUEUED_CHECKS,
    lastError: { key: 'server' },
  });
  expect(engine.status.getState().lastError?.detail).toMatch(/busy/u);
  expect(clock.timers()).toEqual([expect.objectContaining({ delayMs: RETRY_AFTER_S * MS_PER_S })]);
  const postsWhenTurnedAway = transport.posts;

  othersUpload.send();
  expect((await othersUpload.answer)?.status).toBe(200);
  // A moment before the server's time is up, the tablet has not sent again.
  clock.advance(RETRY_AFTER_S * MS_PER_S - 1);
  expect(transport.posts).toBe(postsWhenTurnedAway);

  clock.advance(1);
  await waitUntil(
    () => Promise.resolve(engine.status.getState().state === 'idle' && engine.status.getState().pending === 0),
    {
      timeoutMs: 20_000,
      describe: () => JSON.stringify(engine.status.getState()),
    },
  );
  const held = await serverHoldings(store, device.checkpointId);
  expect(held.map((check) => check.id).sort()).toEqual([...queued.map((check) => check.id), othersCheck.id].sort());
});
