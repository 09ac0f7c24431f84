// The shift configuration's client: its requests through the transport's one HTTP client (reads with the device's
// token, edits with the lead's), a 409 told apart with the server's version, no lead session told apart, and every
// other refusal with the problem detail and Retry-After the server sent.
import { describe, expect, it, vi } from 'vitest';
import { ConfigConflictError, createCheckpointConfigRemote } from './checkpoint-config-client.ts';
import { LeadSessionNeededError } from './lead-pin-client.ts';
import { SyncHttpError, SyncRequestRejectedError, type FetchLike } from './transport.ts';

const BASE = 'http://10.0.0.5:8080';
const BODY = { teams: ['A', 'B', 'C'], shifts: [{ name: '全天', start: '08:00' }], rotationAnchor: '2026-01-01' };
const CONFIG = { ...BODY, version: 3, updatedAt: '2026-11-28T08:00:00.000Z' };

function problem(status: number, members: Record<string, unknown>, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, ...members }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

const answering = (response: Response) => vi.fn<FetchLike>(() => Promise.resolve(response));
const remote = (fetch: FetchLike, leadToken: string | null = 'lead-4') =>
  createCheckpointConfigRemote({ baseUrl: BASE, token: 'tok-9', leadToken: () => leadToken, fetch });

describe('createCheckpointConfigRemote', () => {
  it("reads the configuration with the device's token and sends an edit as JSON with the lead's", async () => {
    const fetch = answering(Response.json(CONFIG));
    expect(await remote(fetch).get()).toEqual(CONFIG);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/checkpoint-config`);
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-9');

    const put = answering(Response.json({ ...CONFIG, version: 4 }));
    const update = { ...BODY, baseVersion: 3 };
    expect((await remote(put).put(update)).version).toBe(4);
    const [, putInit] = put.mock.calls[0]!;
    expect(putInit?.method).toBe('PUT');
    expect(new Headers(putInit?.headers).get('authorization')).toBe('Bearer lead-4');
    expect(JSON.parse(putInit?.body as string)).toEqual(update);
  });

  it('turns a 409 into a conflict with the version the server holds and its detail', async () => {
    const update = { ...BODY, baseVersion: 1 };
    const error = await remote(
      answering(problem(409, { detail: 'edited from version 1; the server holds 3', currentVersion: 3 })),
    )
      .put(update)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigConflictError);
    expect(error).toMatchObject({
      status: 409,
      currentVersion: 3,
      detail: 'edited from version 1; the server holds 3',
    });

    const fromProxy = await remote(answering(new Response('<html>Conflict</html>', { status: 409 })))
      .put(update)
      .catch((e: unknown) => e);
    expect(fromProxy).toMatchObject({ name: 'ConfigConflictError', currentVersion: -1, detail: null });
  });

  it('sends no edit without a lead session, and tells a lead token the server refuses from a conflict', async () => {
    const update = { ...BODY, baseVersion: 3 };
    const unused = answering(Response.json(CONFIG));
    await expect(remote(unused, null).put(update)).rejects.toBeInstanceOf(LeadSessionNeededError);
    expect(unused).not.toHaveBeenCalled();

    for (const status of [401, 403]) {
      const refused = remote(answering(problem(status, { detail: 'A lead must unlock' }))).put(update);
      await expect(refused).rejects.toBeInstanceOf(LeadSessionNeededError);
    }
  });

  it('carries the problem detail of a refused edit and the Retry-After of a busy server', async () => {
    const update = { ...BODY, baseVersion: 3 };
    const refused = remote(answering(problem(400, { detail: 'teams: names repeat' }))).put(update);
    await expect(refused).rejects.toBeInstanceOf(SyncRequestRejectedError);
    await expect(refused).rejects.toMatchObject({ detail: 'teams: names repeat' });

    const busy = await remote(answering(problem(503, { detail: 'try again shortly' }, { 'retry-after': '7' })))
      .get()
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(SyncHttpError);
    expect(busy).toMatchObject({ status: 503, detail: 'try again shortly', retryAfterMs: 7_000 });
  });
});
