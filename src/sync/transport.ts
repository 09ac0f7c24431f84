// The tablet's one HTTP client for the sync endpoint (docs/api.md): requests with the token and a timeout, errors with
// the problem details and Retry-After; on it the batch upload, the policy and enrollment. Every answer validated.
import { z } from 'zod';
import { policySchema } from '../contract/policy.ts';
import { batchResponseSchema, type BatchResult } from '../contract/vehicle-check.ts';
import type { ServerDateSample } from '../domain/clock-skew.ts';
import type { Policy } from '../domain/policy.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { timeoutSignal } from './timeout-signal.ts';

/** The subset of fetch the transport calls; inject a fake in tests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

// A detached window.fetch called as a method of another object throws "Illegal invocation".
const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** What the sync engine needs from the server. */
/** What the tablet says of itself with each batch, for the command's console (ADR 038). */
export interface BatchReport {
  /** The checks queued on the tablet besides this batch: what is left once the server stores it. */
  pendingChecks: number;
}

/** The headers carrying a BatchReport and the app's version (api.md v1.1). */
export const APP_VERSION_HEADER = 'Kakou-App-Version';
export const PENDING_HEADER = 'Kakou-Pending';

export interface Transport {
  /** One result per check, in order, each naming its check's id (checked here). */
  postBatch(checks: readonly VehicleCheck[], report?: BatchReport): Promise<BatchResult[]>;
  getPolicy(): Promise<Policy>;
}

// A batch of 500 checks is about 0.5 MB: on a weak 3G link that is tens of seconds. Past this the
// request is abandoned and retried: a hung connection must not stall the outbox for good.
export const REQUEST_TIMEOUT_MS = 60_000;

/** The request got no HTTP answer: offline, server down, DNS, TLS, timeout. Retry later. */
export class SyncNetworkError extends Error {
  override name = 'SyncNetworkError';
}

/**
 * RFC 9457 problem details as the server sent them (application/problem+json), extension members included: a 409 of
 * the shift configuration carries `currentVersion`. Every member is optional: a proxy's error may carry any of them.
 */
export interface ProblemDetails {
  readonly type?: string | undefined;
  readonly title?: string | undefined;
  readonly status?: number | undefined;
  readonly detail?: string | undefined;
  readonly instance?: string | undefined;
  readonly [member: string]: unknown;
}

/** The server answered with an error status. Retry later unless a subclass says otherwise. */
export class SyncHttpError extends Error {
  override name = 'SyncHttpError';
  readonly status: number;
  /** From Retry-After, when the server sent one: no retry should come sooner. */
  readonly retryAfterMs: number | null;
  /** The problem JSON's detail (or title), when the server sent one. */
  readonly detail: string | null;
  /** The whole problem JSON, when the answer was one. */
  readonly problem: ProblemDetails | null;
  constructor(
    status: number,
    detail: string | null,
    retryAfterMs: number | null,
    problem: ProblemDetails | null = null,
  ) {
    super(detail === null ? `HTTP ${status}` : `HTTP ${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
    this.retryAfterMs = retryAfterMs;
    this.problem = problem;
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

// Loose: extension members are kept, and a member of the wrong type is dropped rather than the whole problem.
const problemSchema = z.looseObject({
  type: z.string().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  status: z.number().optional().catch(undefined),
  detail: z.string().optional().catch(undefined),
  instance: z.string().optional().catch(undefined),
});

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

/**
 * The round trip and the Date header of an answer, on the tablet's clock: what the tablet's clock is compared with
 * (src/domain/clock-skew.ts). Null when the answer has no Date a browser lets the page read, or none that parses.
 */
export function serverDateSample(response: Response, sentAtMs: number, receivedAtMs: number): ServerDateSample | null {
  const header = response.headers.get('date');
  if (header === null) return null;
  const serverDateMs = Date.parse(header);
  return Number.isNaN(serverDateMs) ? null : { sentAtMs, receivedAtMs, serverDateMs };
}

async function readProblem(response: Response): Promise<ProblemDetails | null> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): the status alone has to do.
    return null;
  }
}

/** The error for a non-2xx answer, with the problem details and Retry-After the server sent. */
async function toHttpError(response: Response, nowMs: number): Promise<SyncHttpError> {
  const problem = await readProblem(response);
  const detail = problem?.detail ?? problem?.title ?? null;
  const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), nowMs);
  if (response.status === 401) return new SyncUnauthorizedError(401, detail, retryAfterMs, problem);
  if (response.status === 400 || response.status === 413) {
    return new SyncRequestRejectedError(response.status, detail, retryAfterMs, problem);
  }
  return new SyncHttpError(response.status, detail, retryAfterMs, problem);
}

async function readJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
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

/** One request to the sync endpoint. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** From the server's address, e.g. '/api/v1/policy'. */
  path: string;
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Besides the bearer token and the content type. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The one way the tablet speaks HTTP to its server: every endpoint client (batch upload, policy, enrollment, shift
 * configuration, report) sends through this, so each gets the same timeout, bearer token and errors.
 */
export interface ApiClient {
  /**
   * A 2xx answer. Throws SyncNetworkError when there was no answer, else for any other status a SyncHttpError (401:
   * SyncUnauthorizedError, 400/413: SyncRequestRejectedError) carrying the problem details and Retry-After.
   */
  send(call: ApiCall): Promise<Response>;
  /** send, then the body checked against the contract's schema (SyncProtocolError when it does not follow it). */
  json<T>(call: ApiCall, schema: z.ZodType<T>, what: string): Promise<T>;
}

export interface ApiClientOptions {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  /** The device's (or an admin's) bearer token; none for enrollment. */
  token?: string | null;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /**
   * Told of every answer's round trip and Date header, errors included: how the tablet learns whether its clock is
   * right (src/sync/clock-check.ts). Never throws into the request.
   */
  onServerDate?: ((sample: ServerDateSample) => void) | undefined;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetch = options.fetch ?? defaultFetch;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const token = options.token ?? null;

  function tellServerDate(response: Response, sentAtMs: number, receivedAtMs: number): void {
    const observe = options.onServerDate;
    if (observe === undefined) return;
    const sample = serverDateSample(response, sentAtMs, receivedAtMs);
    if (sample === null) return;
    try {
      observe(sample);
    } catch {
      // What the clock check does with a sample must never fail the request that brought it.
    }
  }

  async function send(call: ApiCall): Promise<Response> {
    const query = call.query === undefined ? '' : `?${new URLSearchParams(call.query).toString()}`;
    const url = `${options.baseUrl}${call.path}${query}`;
    const headers: Record<string, string> = { ...call.headers };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    // The clock is read either side of the whole exchange: the server wrote its Date somewhere in between.
    const sentAtMs = now();
    try {
      response = await fetch(url, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: timeoutSignal(timeoutMs),
      });
    } catch (e) {
      const reason = e instanceof Error ? e.message : 'request failed';
      throw new SyncNetworkError(`could not reach ${new URL(url).host}: ${reason}`, { cause: e });
    }
    const receivedAtMs = now();
    tellServerDate(response, sentAtMs, receivedAtMs);
    if (!response.ok) throw await toHttpError(response, receivedAtMs);
    return response;
  }

  return {
    send,
    json: async (call, schema, what) => readJson(await send(call), schema, what),
  };
}

export function createHttpTransport(options: {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /** See ApiClientOptions. */
  onServerDate?: ((sample: ServerDateSample) => void) | undefined;
  /** Sent with each batch (Kakou-App-Version): the console lists each tablet's version. */
  appVersion?: string;
}): Transport {
  const api = createApiClient(options);
  return {
    async postBatch(checks, report) {
      const headers: Record<string, string> = {};
      if (options.appVersion !== undefined) headers[APP_VERSION_HEADER] = options.appVersion;
      if (report !== undefined) headers[PENDING_HEADER] = String(report.pendingChecks);
      const { results } = await api.json(
        { method: 'POST', path: '/api/v1/vehicle-checks/batch', body: { checks }, headers },
        batchResponseSchema,
        'batch',
      );
      // Acknowledgements are matched by position and id: an answer that does not line up acknowledges nothing.
      if (results.length !== checks.length) {
        throw new SyncProtocolError(`batch: ${results.length} results for ${checks.length} checks`);
      }
      results.forEach((result, i) => {
        if (result.id !== checks[i]?.id) throw new SyncProtocolError(`batch: result ${i} names another check`);
      });
      return results;
    },

    getPolicy: () => api.json({ method: 'GET', path: '/api/v1/policy' }, policySchema, 'policy'),
  };
}

export const enrolledDeviceSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(1),
  checkpoint: z.object({
    id: z.string().min(1),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    timezone: z.string().min(1),
    // Servers before ADR 034 send none; null until an admin names the checkpoint's county.
    countyCode: z
      .string()
      .regex(/^\d{6}$/u)
      .nullish()
      .catch(null),
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
  const api = createApiClient({ baseUrl: request.baseUrl, fetch, ...options });
  let response: Response;
  try {
    response = await api.send({
      method: 'POST',
      path: '/api/v1/devices',
      body: { enrollmentCode: normaliseEnrollmentCode(request.enrollmentCode), name: request.name },
    });
  } catch (e) {
    if (!(e instanceof SyncHttpError))
      throw new EnrollmentError('network', { status: null, detail: null }, { cause: e });
    const info = { status: e.status, detail: e.detail, retryAfterMs: e.retryAfterMs };
    if (e.status === 401 || e.status === 403) throw new EnrollmentError('invalid-code', info, { cause: e });
    if (e.status === 429) throw new EnrollmentError('rate-limited', info, { cause: e });
    if (e.status === 400) throw new EnrollmentError('bad-request', info, { cause: e });
    throw new EnrollmentError('server', info, { cause: e });
  }
  try {
    return await readJson(response, enrolledDeviceSchema, 'enrollment');
  } catch (e) {
    throw new EnrollmentError('server', { status: response.status, detail: null }, { cause: e });
  }
}
