import { describe, expect, it, vi } from 'vitest';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import {
  EnrollmentError,
  SyncHttpError,
  SyncNetworkError,
  SyncProtocolError,
  SyncRequestRejectedError,
  SyncUnauthorizedError,
  createApiClient,
  createHttpTransport,
  enrollDevice,
  normaliseServerUrl,
  parseRetryAfterMs,
  type FetchLike,
} from './transport.ts';

const BASE = 'http://10.0.0.5:8080';

function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType, ...headers } });
}

function problem(status: number, detail: string, headers?: Record<string, string>): Response {
  return json(status, { type: 'about:blank', title: 'Error', status, detail }, headers);
}

function answering(response: Response | (() => Promise<Response>)) {
  return vi.fn<FetchLike>(() => (typeof response === 'function' ? response() : Promise.resolve(response)));
}

describe('postBatch', () => {
  it('posts the checks with the bearer token and returns the results in order', async () => {
    const checks = [makeVehicleCheck(), makeVehicleCheck()];
    const fetch = answering(
      json(200, {
        results: [
          { id: checks[0]!.id, status: 'created' },
          { id: checks[1]!.id, status: 'duplicate' },
        ],
      }),
    );
    const transport = createHttpTransport({ baseUrl: BASE, token: 'tok-123', fetch });

    const results = await transport.postBatch(checks);

    expect(results.map((r) => r.status)).toEqual(['created', 'duplicate']);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/vehicle-checks/batch`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer tok-123', 'content-type': 'application/json' });
    expect(JSON.parse(init?.body as string)).toEqual({ checks });
  });

  it('tells the server its app version and the checks still queued, for the command console', async () => {
    const checks = [makeVehicleCheck()];
    const fetch = answering(json(200, { results: [{ id: checks[0]!.id, status: 'created' }] }));
    const transport = createHttpTransport({ baseUrl: BASE, token: 't', fetch, appVersion: '0.4.0+abc1234' });

    await transport.postBatch(checks, { pendingChecks: 17 });

    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({
      'Kakou-App-Version': '0.4.0+abc1234',
      'Kakou-Pending': '17',
    });
  });

  it('maps statuses onto the errors the engine acts on, with the problem detail and Retry-After', async () => {
    const checks = [makeVehicleCheck()];
    const post = (response: Response) =>
      createHttpTransport({ baseUrl: BASE, token: 't', fetch: answering(response) }).postBatch(checks);

    const unauthorized = post(problem(401, 'token revoked'));
    await expect(unauthorized).rejects.toBeInstanceOf(SyncUnauthorizedError);
    await expect(unauthorized).rejects.toMatchObject({ status: 401, detail: 'token revoked' });

    await expect(post(problem(413, 'body larger than 2 MiB'))).rejects.toBeInstanceOf(SyncRequestRejectedError);
    await expect(post(problem(400, 'checks: expected 1 to 500'))).rejects.toMatchObject({
      name: 'SyncRequestRejectedError',
      detail: 'checks: expected 1 to 500',
    });

    const limited = post(problem(429, 'slow down', { 'retry-after': '30' }));
    await expect(limited).rejects.toBeInstanceOf(SyncHttpError);
    await expect(limited).rejects.toMatchObject({ status: 429, retryAfterMs: 30_000 });

    const down = post(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(down).rejects.toMatchObject({ name: 'SyncHttpError', status: 502, detail: null });
  });

  it('reports no answer at all as a network error', async () => {
    const fetch = answering(() => Promise.reject(new TypeError('Failed to fetch')));
    const transport = createHttpTransport({ baseUrl: BASE, token: 't', fetch });

    await expect(transport.postBatch([makeVehicleCheck()])).rejects.toBeInstanceOf(SyncNetworkError);
  });

  it('gives up on a request that hangs past the timeout', async () => {
    const fetch = vi.fn<FetchLike>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(init.signal?.reason as Error);
          });
        }),
    );
    const transport = createHttpTransport({ baseUrl: BASE, token: 't', fetch, timeoutMs: 20 });

    await expect(transport.postBatch([makeVehicleCheck()])).rejects.toBeInstanceOf(SyncNetworkError);
  });

  it('acknowledges nothing when the answer does not line up with the checks sent', async () => {
    const checks = [makeVehicleCheck(), makeVehicleCheck()];
    const post = (body: unknown) =>
      createHttpTransport({ baseUrl: BASE, token: 't', fetch: answering(json(200, body)) }).postBatch(checks);

    await expect(post({ results: [{ id: checks[0]!.id, status: 'created' }] })).rejects.toBeInstanceOf(
      SyncProtocolError,
    );
    await expect(
      post({
        results: [
          { id: checks[1]!.id, status: 'created' },
          { id: checks[0]!.id, status: 'created' },
        ],
      }),
    ).rejects.toBeInstanceOf(SyncProtocolError);
    await expect(post({ results: [{ id: checks[0]!.id, status: 'saved' }] })).rejects.toBeInstanceOf(SyncProtocolError);
    await expect(
      createHttpTransport({
        baseUrl: BASE,
        token: 't',
        fetch: answering(new Response('not json', { status: 200 })),
      }).postBatch(checks),
    ).rejects.toBeInstanceOf(SyncProtocolError);
  });
});

describe('getPolicy', () => {
  it('returns a policy that passes the contract schema and refuses one that does not', async () => {
    const ok = createHttpTransport({ baseUrl: BASE, token: 't', fetch: answering(json(200, DEFAULT_POLICY)) });
    expect(await ok.getPolicy()).toEqual(DEFAULT_POLICY);

    const broken = createHttpTransport({
      baseUrl: BASE,
      token: 't',
      fetch: answering(json(200, { ...DEFAULT_POLICY, feverThresholdC: 'high' })),
    });
    await expect(broken.getPolicy()).rejects.toBeInstanceOf(SyncProtocolError);
  });
});

describe('createApiClient', () => {
  it('hands on the whole problem JSON, extension members included, and Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-11-28T00:00:00Z');
    const api = createApiClient({
      baseUrl: BASE,
      token: 't',
      now: () => now,
      fetch: answering(problem(503, 'busy', { 'retry-after': 'Sat, 28 Nov 2026 00:00:20 GMT' })),
    });
    const error = await api.send({ method: 'GET', path: '/api/v1/health' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 503,
      detail: 'busy',
      retryAfterMs: 20_000,
      problem: { type: 'about:blank', status: 503 },
    });

    const conflict = createApiClient({
      baseUrl: BASE,
      fetch: answering(json(409, { title: 'Conflict', status: 409, currentVersion: 4 })),
    });
    await expect(conflict.send({ method: 'PUT', path: '/x', body: {} })).rejects.toMatchObject({
      detail: 'Conflict',
      problem: { currentVersion: 4 },
    });
  });

  it('sends no Authorization header without a token, and the query encoded', async () => {
    const fetch = answering(json(200, {}));
    await createApiClient({ baseUrl: BASE, fetch }).send({
      method: 'GET',
      path: '/api/v1/handoffs',
      query: { date: '2026-11-28' },
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/handoffs?date=2026-11-28`);
    expect(new Headers(init?.headers).has('authorization')).toBe(false);
  });
});

describe('getPolicy on a busy server', () => {
  it('carries the problem detail and Retry-After', async () => {
    const transport = createHttpTransport({
      baseUrl: BASE,
      token: 't',
      fetch: answering(problem(503, 'busy with uploads', { 'retry-after': '15' })),
    });
    await expect(transport.getPolicy()).rejects.toMatchObject({
      name: 'SyncHttpError',
      status: 503,
      detail: 'busy with uploads',
      retryAfterMs: 15_000,
    });
  });
});

describe("the server's Date header", () => {
  const DATE = 'Sat, 28 Nov 2026 00:07:00 GMT';

  /** A clock that reads `times` in turn, one per call. */
  function clockReading(...times: number[]): () => number {
    return () => times.shift() ?? Number.NaN;
  }

  it('is handed on with the tablet’s clock read just before the request and as the answer arrived', async () => {
    const seen: unknown[] = [];
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(json(200, {}, { date: DATE })),
      now: clockReading(1000, 1350),
      onServerDate: (sample) => seen.push(sample),
    });
    await api.send({ method: 'GET', path: '/api/v1/health' });
    expect(seen).toEqual([{ sentAtMs: 1000, receivedAtMs: 1350, serverDateMs: Date.parse(DATE) }]);
  });

  it('is handed on from an error answer too, which is still thrown as such', async () => {
    const seen: unknown[] = [];
    const transport = createHttpTransport({
      baseUrl: BASE,
      token: 't',
      fetch: answering(problem(503, 'busy', { date: DATE, 'retry-after': '5' })),
      now: clockReading(1000, 1200),
      onServerDate: (sample) => seen.push(sample),
    });
    await expect(transport.getPolicy()).rejects.toMatchObject({ status: 503, retryAfterMs: 5000 });
    expect(seen).toEqual([{ sentAtMs: 1000, receivedAtMs: 1200, serverDateMs: Date.parse(DATE) }]);
  });

  it('is passed over when missing or unreadable, and when there was no answer at all', async () => {
    const seen: unknown[] = [];
    const onServerDate = (sample: unknown) => seen.push(sample);
    await createApiClient({ baseUrl: BASE, fetch: answering(json(200, {})), onServerDate }).send({
      method: 'GET',
      path: '/',
    });
    await createApiClient({ baseUrl: BASE, fetch: answering(json(200, {}, { date: 'yesterday' })), onServerDate }).send(
      { method: 'GET', path: '/' },
    );
    const offline = vi.fn<FetchLike>(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(
      createApiClient({ baseUrl: BASE, fetch: offline, onServerDate }).send({ method: 'GET', path: '/' }),
    ).rejects.toBeInstanceOf(SyncNetworkError);
    expect(seen).toEqual([]);
  });

  it('never fails the request when whoever listens fails', async () => {
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(json(200, { ok: true }, { date: DATE })),
      onServerDate: () => {
        throw new Error('the clock check broke');
      },
    });
    const response = await api.send({ method: 'GET', path: '/' });
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('enrollDevice', () => {
  const enrolled = {
    deviceId: 'dev-1',
    token: 'secret-token',
    checkpoint: { id: 'cp-1', name: '娄底收费站', province: '湖南', city: '娄底', timezone: 'Asia/Shanghai' },
  };

  it('sends the typed code cleaned up and returns the device, its token and its checkpoint', async () => {
    const fetch = answering(json(201, enrolled));

    const result = await enrollDevice({ baseUrl: BASE, enrollmentCode: ' k7qx-2mvp 9rtd ', name: '3号平板' }, fetch);

    expect(result).toEqual(enrolled);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${BASE}/api/v1/devices`);
    expect(JSON.parse(init?.body as string)).toEqual({ enrollmentCode: 'K7QX-2MVP9RTD', name: '3号平板' });
  });

  it('tells a wrong code, a rate limit, an unreachable server and a broken answer apart', async () => {
    const enroll = (fetch: FetchLike) => enrollDevice({ baseUrl: BASE, enrollmentCode: 'X', name: 'n' }, fetch);

    await expect(enroll(answering(problem(401, 'unknown enrollment code')))).rejects.toMatchObject({
      kind: 'invalid-code',
      detail: 'unknown enrollment code',
    });
    await expect(enroll(answering(problem(429, 'too many attempts', { 'retry-after': '60' })))).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 60_000,
    });
    await expect(enroll(answering(() => Promise.reject(new TypeError('Failed to fetch'))))).rejects.toMatchObject({
      kind: 'network',
    });
    await expect(enroll(answering(json(201, { deviceId: 'd' })))).rejects.toMatchObject({ kind: 'server' });
    await expect(enroll(answering(problem(500, 'internal')))).rejects.toBeInstanceOf(EnrollmentError);
  });
});

describe('normaliseServerUrl', () => {
  it('accepts what an officer types and refuses what is not a server address', () => {
    expect(normaliseServerUrl('192.168.1.20:8080')).toBe('http://192.168.1.20:8080');
    expect(normaliseServerUrl(' HTTPS://Kakou.example.cn/ ')).toBe('https://kakou.example.cn');
    expect(normaliseServerUrl('http://proxy.local/kakou/')).toBe('http://proxy.local/kakou');
    expect(normaliseServerUrl('')).toBeNull();
    expect(normaliseServerUrl('ftp://host')).toBeNull();
    expect(normaliseServerUrl('http://host/?a=1')).toBeNull();
    expect(normaliseServerUrl('http://exa mple')).toBeNull();
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-28T00:00:00Z');
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs('Sat, 28 Nov 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});
