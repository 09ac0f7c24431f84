// The tablet's HTTP client for the sync endpoint (api.md): batch upload, policy, enrollment; every answer validated.
import { z } from 'zod';
import { policySchema } from '../contract/policy.ts';
import { batchResponseSchema, type BatchResult } from '../contract/vehicle-check.ts';
import type { Policy } from '../domain/policy.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';

/** The subset of fetch the transport calls; inject a fake in tests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What the sync engine needs from the server. */
export interface Transport {
  /** One result per check, in order, each naming its check's id (checked here). */
  postBatch(checks: readonly VehicleCheck[]): Promise<BatchResult[]>;
  getPolicy(): Promise<Policy>;
}

// A batch of 500 checks is about 0.5 MB: on a weak 3G link that is tens of seconds. Past this the
// request is abandoned and retried: a hung connection must not stall the outbox for good.
export const REQUEST_TIMEOUT_MS = 60_000;

/** The request got no HTTP answer: offline, server down, DNS, TLS, timeout. Retry later. */
export class SyncNetworkError extends Error {
  override name = 'SyncNetworkError';
}

/** The server answered with an error status. Retry later unless a subclass says otherwise. */
export class SyncHttpError extends Error {
  override name = 'SyncHttpError';
  readonly status: number;
  /** From Retry-After, when the server sent one. */
  readonly retryAfterMs: number | null;
  /** The problem JSON's detail (or title), when the server sent one. */
  readonly detail: string | null;
  constructor(status: number, detail: string | null, retryAfterMs: number | null) {
    super(detail === null ? `HTTP ${status}` : `HTTP ${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
    this.retryAfterMs = retryAfterMs;
  }
}

/** 401: the token is unknown or revoked. Retrying cannot help; the tablet must be enrolled again. */
export class SyncUnauthorizedError extends SyncHttpError {
  override name = 'SyncUnauthorizedError';
}

/**
 * 400/413 on a whole request: the same request will fail the same way, so it must not be resent as is.
 * The engine splits the batch to find the check the server cannot take.
 */
export class SyncRequestRejectedError extends SyncHttpError {
  override name = 'SyncRequestRejectedError';
}

/** A 2xx answer that does not follow the contract (wrong shape, results not matching the checks sent). */
export class SyncProtocolError extends Error {
  override name = 'SyncProtocolError';
}

const problemSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

/** Accepts what an officer types: "192.168.1.20:8080", "http://host/", " HTTPS://Host:8443 ". Null when it is not an address. */
export function normaliseServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.search !== '' || url.hash !== '' || url.username !== '') return null;
  // Paths are kept (a server behind a reverse proxy under /kakou); the trailing slash is not.
  return `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/u.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

async function readProblemDetail(response: Response): Promise<string | null> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    if (!parsed.success) return null;
    return parsed.data.detail ?? parsed.data.title ?? null;
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): the status alone has to do.
    return null;
  }
}

export interface RequestOptions {
  fetch: FetchLike;
  timeoutMs: number;
  now: () => number;
}

export async function send(url: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  try {
    return await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'request failed';
    throw new SyncNetworkError(`could not reach ${new URL(url).host}: ${reason}`, { cause: e });
  }
}

export async function toHttpError(response: Response, nowMs: number): Promise<SyncHttpError> {
  const detail = await readProblemDetail(response);
  const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), nowMs);
  if (response.status === 401) return new SyncUnauthorizedError(401, detail, retryAfterMs);
  if (response.status === 400 || response.status === 413) {
    return new SyncRequestRejectedError(response.status, detail, retryAfterMs);
  }
  return new SyncHttpError(response.status, detail, retryAfterMs);
}

export async function readJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (e) {
    throw new SyncProtocolError(`${what}: the answer is not JSON`, { cause: e });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncProtocolError(`${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function createHttpTransport(options: {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
}): Transport {
  const request: RequestOptions = {
    fetch: options.fetch ?? defaultFetch,
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    now: options.now ?? Date.now,
  };
  const auth = { authorization: `Bearer ${options.token}` };

  return {
    async postBatch(checks) {
      const response = await send(
        `${options.baseUrl}/api/v1/vehicle-checks/batch`,
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ checks }) },
        request,
      );
      if (!response.ok) throw await toHttpError(response, request.now());
      const { results } = await readJson(response, batchResponseSchema, 'batch');
      // Acknowledgements are matched by position and id: an answer that does not line up acknowledges nothing.
      if (results.length !== checks.length) {
        throw new SyncProtocolError(`batch: ${results.length} results for ${checks.length} checks`);
      }
      results.forEach((result, i) => {
        if (result.id !== checks[i]?.id) throw new SyncProtocolError(`batch: result ${i} names another check`);
      });
      return results;
    },

    async getPolicy() {
      const response = await send(`${options.baseUrl}/api/v1/policy`, { method: 'GET', headers: auth }, request);
      if (!response.ok) throw await toHttpError(response, request.now());
      return readJson(response, policySchema, 'policy');
    },
  };
}

// A detached window.fetch called as a method of another object throws "Illegal invocation".
const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export const enrolledDeviceSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(1),
  checkpoint: z.object({
    id: z.string().min(1),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    timezone: z.string().min(1),
  }),
});
export type EnrolledDevice = z.infer<typeof enrolledDeviceSchema>;

/**
 * Why enrollment failed, for the enrollment screen to put in words:
 * - invalid-code: the server does not know the code (401/403)
 * - rate-limited: too many wrong codes from this address (429); retryAfterMs says how long to wait
 * - bad-request: the server refused the request's shape (400)
 * - network: no answer (wrong address, server down, offline)
 * - server: 5xx, or an answer that is not an enrollment
 */
export type EnrollmentErrorKind = 'invalid-code' | 'rate-limited' | 'bad-request' | 'network' | 'server';

export class EnrollmentError extends Error {
  override name = 'EnrollmentError';
  readonly kind: EnrollmentErrorKind;
  readonly status: number | null;
  /** The server's problem detail, when it sent one. */
  readonly detail: string | null;
  readonly retryAfterMs: number | null;
  constructor(
    kind: EnrollmentErrorKind,
    info: { status: number | null; detail: string | null; retryAfterMs?: number | null },
    options?: { cause?: unknown },
  ) {
    super(info.detail === null ? `enrollment failed: ${kind}` : `enrollment failed: ${kind}: ${info.detail}`, options);
    this.kind = kind;
    this.status = info.status;
    this.detail = info.detail;
    this.retryAfterMs = info.retryAfterMs ?? null;
  }
}

/** Codes are printed in upper-case groups; officers type them with spaces or in lower case. */
export function normaliseEnrollmentCode(input: string): string {
  return input.replace(/\s+/gu, '').toUpperCase();
}

/** POST /api/v1/devices. Throws EnrollmentError. baseUrl as returned by normaliseServerUrl. */
export async function enrollDevice(
  request: { baseUrl: string; enrollmentCode: string; name: string },
  fetch: FetchLike = defaultFetch,
  options?: { timeoutMs?: number; now?: () => number },
): Promise<EnrolledDevice> {
  const requestOptions: RequestOptions = {
    fetch,
    timeoutMs: options?.timeoutMs ?? REQUEST_TIMEOUT_MS,
    now: options?.now ?? Date.now,
  };
  let response: Response;
  try {
    response = await send(
      `${request.baseUrl}/api/v1/devices`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentCode: normaliseEnrollmentCode(request.enrollmentCode), name: request.name }),
      },
      requestOptions,
    );
  } catch (e) {
    throw new EnrollmentError('network', { status: null, detail: null }, { cause: e });
  }
  if (!response.ok) {
    const error = await toHttpError(response, requestOptions.now());
    const info = { status: error.status, detail: error.detail, retryAfterMs: error.retryAfterMs };
    if (response.status === 401 || response.status === 403) throw new EnrollmentError('invalid-code', info);
    if (response.status === 429) throw new EnrollmentError('rate-limited', info);
    if (response.status === 400) throw new EnrollmentError('bad-request', info);
    throw new EnrollmentError('server', info);
  }
  try {
    return await readJson(response, enrolledDeviceSchema, 'enrollment');
  } catch (e) {
    throw new EnrollmentError('server', { status: response.status, detail: null }, { cause: e });
  }
}
