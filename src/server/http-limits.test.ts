// Slow and greedy clients against the listening server, over real sockets: a body or headers trickled a byte a
// second are cut off while others are served, idle keep-alive connections close, and connections past the cap are
// refused. The timeouts are the real ones, so the trickle tests take about 30 s and 10 s.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../contract/vehicle-check.ts';
import { createIngestAdmission } from './plugins/ingest-admission.ts';
import { PROBLEM_CONTENT_TYPE } from './plugins/problem.ts';
import { openTestStore, type OpenedTestStore } from '../../tests/support/server/store/stores.ts';
import { openTestApp, type TestApp } from '../../tests/support/server/app.ts';
import { openRawRequest, rawPost } from '../../tests/support/server/slow-client.ts';

const BATCH_PATH = '/api/v1/vehicle-checks/batch';
const TRICKLE_INTERVAL_MS = 1_000;
/** Past REQUEST_TIMEOUT_MS and the check interval, with room for a busy machine. */
const TRICKLE_TEST_TIMEOUT_MS = 120_000;
const POLL_MS = 20;

/** Polls until `done` holds; the test's own time-out says when it never does. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

const healthRequest = (connection: 'keep-alive' | 'close') =>
  Buffer.from(`GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: ${connection}\r\n\r\n`, 'latin1');

describe.concurrent('a server with the production timeouts', () => {
  let opened: OpenedTestStore;
  let t: TestApp;
  let url: string;
  const admission = createIngestAdmission();

  beforeAll(async () => {
    opened = await openTestStore('sqlite');
    t = await openTestApp(opened.store, { ingestAdmission: admission });
    url = await listen(t);
  });
  afterAll(async () => {
    await t.close();
    await opened.dispose();
  });

  it(
    'cuts off a client trickling its batch a byte a second before the body is complete, and serves a normal tablet meanwhile',
    async () => {
      const headers = { authorization: `Bearer ${t.device.token}`, 'content-type': 'application/json' };
      const request = rawPost(BATCH_PATH, headers, JSON.stringify({ checks: [t.ownCheck()] }));
      const bodyStart = request.indexOf('\r\n\r\n') + 4;
      const trickler = await openRawRequest(url, request, bodyStart);
      trickler.trickle(TRICKLE_INTERVAL_MS);

      const checks = [t.ownCheck(), t.ownCheck()];
      const normal = await fetch(`${url}${BATCH_PATH}`, { method: 'POST', headers, body: JSON.stringify({ checks }) });
      expect(normal.status).toBe(200);
      expect(((await normal.json()) as { results: BatchResult[] }).results.map((r) => r.status)).toEqual([
        'created',
        'created',
      ]);

      const answer = await trickler.answer;
      await trickler.closed;
      expect(answer?.status).toBe(408);
      expect(answer?.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
      expect(trickler.sentBytes).toBeLessThan(request.length);
      // Its ingest slot is given back (once the server, too, has seen the connection close), and nothing was stored.
      await until(() => admission.status().inFlight === 0);
      expect(admission.status()).toEqual({ inFlight: 0, bytesInFlight: 0, queued: 0 });
      expect(await t.store.vehicleChecks.count(t.checkpointId)).toBe(checks.length);
    },
    TRICKLE_TEST_TIMEOUT_MS,
  );

  it(
    'cuts off a client trickling its headers a byte a second',
    async () => {
      const request = rawPost(BATCH_PATH, { authorization: `Bearer ${t.device.token}` }, '{}');
      const headEnd = request.indexOf('\r\n\r\n');
      const trickler = await openRawRequest(url, request);
      trickler.trickle(TRICKLE_INTERVAL_MS);

      const answer = await trickler.answer;
      await trickler.closed;
      expect(answer?.status).toBe(408);
      expect(trickler.sentBytes).toBeLessThan(headEnd);
    },
    TRICKLE_TEST_TIMEOUT_MS,
  );

  it('closes a keep-alive connection left idle after its answer', async () => {
    const client = await openRawRequest(url, healthRequest('keep-alive'));
    client.send();
    const answer = await client.answer;
    expect(answer?.status).toBe(200);
    expect(answer?.headers['connection']).toBe('keep-alive');
    await client.closed;
  });
});

describe('a server at its connection cap', () => {
  let opened: OpenedTestStore;
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    opened = await openTestStore('sqlite');
    t = await openTestApp(opened.store, { maxConnections: 2 });
    url = await listen(t);
  });
  afterAll(async () => {
    await t.close();
    await opened.dispose();
  });

  const connections = () =>
    new Promise<number>((resolve, reject) => {
      t.app.server.getConnections((error, count) => (error === null ? resolve(count) : reject(error)));
    });

  it('closes a connection beyond the cap unanswered, and serves again once one is free', async () => {
    const held = [await openRawRequest(url, Buffer.alloc(0)), await openRawRequest(url, Buffer.alloc(0))];
    await until(async () => (await connections()) === held.length);

    const beyond = await openRawRequest(url, healthRequest('close'));
    beyond.send();
    await beyond.closed;
    expect(await beyond.answer).toBeNull();

    held[0]?.socket.destroy();
    await until(async () => (await connections()) < held.length);
    const next = await openRawRequest(url, healthRequest('close'));
    next.send();
    expect((await next.answer)?.status).toBe(200);
    held[1]?.socket.destroy();
  });
});
