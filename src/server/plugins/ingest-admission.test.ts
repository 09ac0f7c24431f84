// Batch uploads beyond the in-flight bound wait, beyond the queue are turned away with 503 + Retry-After, and every
// check ends up stored exactly once: real sockets against the listening server, on SQLite and PostgreSQL.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../contract/vehicle-check.ts';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { openRawRequest, rawPost, type RawRequest } from '../../../tests/support/server/slow-client.ts';
import {
  createIngestAdmission,
  type IngestAdmission,
  type IngestAdmissionStatus,
  type IngestLimits,
} from './ingest-admission.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

const BATCH_PATH = '/api/v1/vehicle-checks/batch';
const RETRY_AFTER_S = 7;
/** Left unsent by a client that holds its slot: the body is incomplete until the test sends them. */
const HELD_BACK_BYTES = 10;
const POLL_MS = 10;
const WAIT_MAX_MS = 10_000;

async function waitFor(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MAX_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still not ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface Listening {
  t: TestApp;
  admission: IngestAdmission;
  url: string;
  checks(count: number): VehicleCheck[];
  /** A whole upload by an ordinary client. */
  post(checks: readonly VehicleCheck[], token?: string): Promise<Response>;
  /** An upload whose last bytes are held back: it has its slot (or its place in the queue) and keeps it. */
  postAllButTheEnd(checks: readonly VehicleCheck[]): Promise<RawRequest>;
  status(): IngestAdmissionStatus;
}

forEachStore('batch uploads under load', ({ store }) => {
  let listening: Listening | undefined;
  afterEach(async () => {
    await listening?.t.close();
    listening = undefined;
  });

  async function listen(limits: Partial<IngestLimits>): Promise<Listening> {
    const admission = createIngestAdmission({
      retryAfterMinS: RETRY_AFTER_S,
      retryAfterMaxS: RETRY_AFTER_S,
      ...limits,
    });
    const t = await openTestApp(store(), { ingestAdmission: admission });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${t.device.token}`, 'content-type': 'application/json' };
    listening = {
      t,
      admission,
      url,
      checks: (count) => Array.from({ length: count }, () => t.ownCheck()),
      post: (checks, token = t.device.token) =>
        fetch(`${url}${BATCH_PATH}`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${token}` },
          body: JSON.stringify({ checks }),
        }),
      async postAllButTheEnd(checks) {
        const request = rawPost(BATCH_PATH, headers, JSON.stringify({ checks }));
        return openRawRequest(url, request, request.length - HELD_BACK_BYTES);
      },
      status: () => admission.status(),
    };
    return listening;
  }

  const statuses = async (response: Response) =>
    ((await response.json()) as { results: BatchResult[] }).results.map((r) => r.status);

  it('lets uploads past the in-flight bound wait their turn, turns away those past the queue with 503 + Retry-After, and stores every check once', async () => {
    const s = await listen({ inFlightMax: 1, queueMax: 1 });
    const [first, second, third] = [s.checks(3), s.checks(4), s.checks(5)];

    const inFlight = await s.postAllButTheEnd(first);
    await waitFor('in flight', () => s.status().inFlight === 1);
    const waiting = s.post(second);
    await waitFor('queued', () => s.status().queued === 1);

    const turnedAway = await s.post(third);
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers.get('retry-after')).toBe(String(RETRY_AFTER_S));
    expect(turnedAway.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    expect(await turnedAway.json()).toMatchObject({
      status: 503,
      detail: expect.stringMatching(/busy.*nothing of this batch was stored/u) as unknown,
    });

    inFlight.send();
    const firstAnswer = await inFlight.answer;
    expect(firstAnswer?.status).toBe(200);
    expect((JSON.parse(firstAnswer?.body ?? '{}') as { results: BatchResult[] }).results.map((r) => r.status)).toEqual(
      first.map(() => 'created'),
    );
    const secondAnswer = await waiting;
    expect(secondAnswer.status).toBe(200);
    expect(await statuses(secondAnswer)).toEqual(second.map(() => 'created'));

    // The tablet turned away sends the same batch again after Retry-After; one that lost its answer resends too.
    const resent = await s.post(third);
    expect(await statuses(resent)).toEqual(third.map(() => 'created'));
    expect(await statuses(await s.post(second))).toEqual(second.map(() => 'duplicate'));

    expect(await s.t.store.vehicleChecks.count(s.t.checkpointId)).toBe(first.length + second.length + third.length);
    await waitFor('idle', () => s.status().inFlight === 0 && s.status().queued === 0);
    expect(s.status().bytesInFlight).toBe(0);
  });

  it('holds uploads back by their bytes as well as their number, yet lets one larger than the byte bound in alone', async () => {
    const s = await listen({ inFlightMax: 8, bytesInFlightMax: 1_000, queueMax: 4 });
    const large = s.checks(3);
    const holder = await s.postAllButTheEnd(large);
    await waitFor('in flight', () => s.status().inFlight === 1);
    expect(s.status().bytesInFlight).toBeGreaterThan(1_000);

    const small = s.checks(1);
    const waiting = s.post(small);
    await waitFor('queued', () => s.status().queued === 1);
    expect(s.status().inFlight).toBe(1);

    holder.send();
    expect((await holder.answer)?.status).toBe(200);
    expect(await statuses(await waiting)).toEqual(['created']);
    expect(await s.t.store.vehicleChecks.count(s.t.checkpointId)).toBe(large.length + small.length);
  });

  it('turns away an upload that waited too long in the queue, before its body would time out', async () => {
    const s = await listen({ inFlightMax: 1, queueMax: 4, queueWaitMaxMs: 200 });
    const holder = await s.postAllButTheEnd(s.checks(2));
    await waitFor('in flight', () => s.status().inFlight === 1);

    const waited = await s.post(s.checks(3));
    expect(waited.status).toBe(503);
    expect(waited.headers.get('retry-after')).toBe(String(RETRY_AFTER_S));
    expect(s.status()).toMatchObject({ inFlight: 1, queued: 0 });

    holder.send();
    expect((await holder.answer)?.status).toBe(200);
    expect(await s.t.store.vehicleChecks.count(s.t.checkpointId)).toBe(2);
  });

  it('gives the slot back when a client goes away, waiting or mid-upload, so the next tablet is served', async () => {
    const s = await listen({ inFlightMax: 1, queueMax: 2 });
    const holder = await s.postAllButTheEnd(s.checks(2));
    await waitFor('in flight', () => s.status().inFlight === 1);
    const waiter = await s.postAllButTheEnd(s.checks(2));
    await waitFor('queued', () => s.status().queued === 1);

    waiter.socket.destroy();
    await waitFor('out of the queue', () => s.status().queued === 0);
    holder.socket.destroy();
    await waitFor('slot free', () => s.status().inFlight === 0);

    const next = s.checks(3);
    expect(await statuses(await s.post(next))).toEqual(next.map(() => 'created'));
    expect(await s.t.store.vehicleChecks.count(s.t.checkpointId)).toBe(next.length);
  });

  it('gives back the places of uploads pipelined on one connection when it drops, even those never answered', async () => {
    const s = await listen({ inFlightMax: 1, queueMax: 4 });
    const holder = await s.postAllButTheEnd(s.checks(1));
    await waitFor('in flight', () => s.status().inFlight === 1);

    const headers = { authorization: `Bearer ${s.t.device.token}`, 'content-type': 'application/json' };
    const pipelined = Buffer.concat(
      [0, 1].map(() => rawPost(BATCH_PATH, headers, JSON.stringify({ checks: s.checks(1) }))),
    );
    const client = await openRawRequest(s.url, pipelined, pipelined.length);
    await waitFor('both queued', () => s.status().queued === 2);
    client.socket.destroy();

    holder.send();
    expect((await holder.answer)?.status).toBe(200);
    await waitFor('every place given back', () => s.status().inFlight === 0 && s.status().queued === 0);
    const next = s.checks(2);
    expect(await statuses(await s.post(next))).toEqual(next.map(() => 'created'));
  });

  it('answers a caller without a valid token 401 at once, never queueing it', async () => {
    const s = await listen({ inFlightMax: 1, queueMax: 0 });
    const holder = await s.postAllButTheEnd(s.checks(1));
    await waitFor('in flight', () => s.status().inFlight === 1);

    expect((await s.post(s.checks(1), 'not-a-token')).status).toBe(401);
    expect((await s.post(s.checks(1))).status).toBe(503);
    holder.send();
    expect((await holder.answer)?.status).toBe(200);
  });
});

describe('createIngestAdmission', () => {
  it('refuses bounds that would stop every upload or let a waiter outlive the request timeout', () => {
    expect(() => createIngestAdmission({ inFlightMax: 0 })).toThrow(/inFlightMax/u);
    expect(() => createIngestAdmission({ bytesInFlightMax: 0 })).toThrow(/bytesInFlightMax/u);
    expect(() => createIngestAdmission({ queueMax: -1 })).toThrow(/queueMax/u);
    expect(() => createIngestAdmission({ queueWaitMaxMs: 60_000 })).toThrow(/request timeout/u);
    expect(() => createIngestAdmission({ retryAfterMinS: 10, retryAfterMaxS: 5 })).toThrow(/Retry-After/u);
  });
});
