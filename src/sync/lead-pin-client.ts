// The tablet's client for the lead (docs/api.md "The lead"): the checkpoint's PIN hash, the first PIN, a change, and
// lead sessions. Every request goes through the transport's one HTTP client; each refusal becomes an error the caller
// can tell apart.
import { z } from 'zod';
import { checkpointLeadPinSchema, leadSessionSchema } from '../contract/lead-pin.ts';
import type { CheckpointLeadPin, LeadPinHash } from '../domain/lead-pin.ts';
import type { LeadCredentials } from './lead-credentials.ts';
import { createApiClient, SyncHttpError, type ApiClientOptions, type FetchLike } from './transport.ts';

/** POST /api/v1/lead-pin: the checkpoint has a PIN already (another tablet, or an admin, set it first). */
export class LeadPinAlreadySetError extends SyncHttpError {
  override name = 'LeadPinAlreadySetError';
}

/** POST /api/v1/lead-sessions: the server's PIN is another than the one typed (403). */
export class WrongLeadPinError extends SyncHttpError {
  override name = 'WrongLeadPinError';
  /** Tries this tablet has left before the server makes it wait (null when the answer did not say). */
  readonly attemptsLeft: number | null;
  constructor(detail: string | null, attemptsLeft: number | null) {
    super(403, detail, null);
    this.attemptsLeft = attemptsLeft;
  }
}

/** POST /api/v1/lead-sessions: the checkpoint has no PIN on the server yet (409). */
export class NoServerLeadPinError extends SyncHttpError {
  override name = 'NoServerLeadPinError';
}

/** A lead's call without a lead session the server takes (none held, expired, or ended): the lead unlocks again. */
export class LeadSessionNeededError extends Error {
  override name = 'LeadSessionNeededError';
}

const HTTP_FORBIDDEN = 403;
const HTTP_CONFLICT = 409;
const HTTP_UNAUTHORIZED = 401;
const wrongPinSchema = z.object({ attemptsLeft: z.number().int().min(0) });

export interface LeadServer {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  /** The device's token. */
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /** The sync's clock check (src/sync/clock-check.ts), told of each answer's Date. */
  onServerDate?: ApiClientOptions['onServerDate'];
}

/** The checkpoint's PIN as the sync step reads it and hands over the first one (src/sync/lead-pin-sync.ts). */
export interface LeadPinRemote {
  get(): Promise<CheckpointLeadPin>;
  /** Throws LeadPinAlreadySetError when the checkpoint has one. */
  pushFirst(hash: LeadPinHash): Promise<CheckpointLeadPin>;
}

export function createLeadPinRemote(server: LeadServer): LeadPinRemote {
  const api = createApiClient(server);
  const path = '/api/v1/lead-pin';
  return {
    get: () => api.json({ method: 'GET', path }, checkpointLeadPinSchema, 'lead PIN'),
    async pushFirst(hash) {
      try {
        return await api.json({ method: 'POST', path, body: { hash } }, checkpointLeadPinSchema, 'lead PIN');
      } catch (e) {
        if (e instanceof SyncHttpError && e.status === HTTP_CONFLICT) {
          throw new LeadPinAlreadySetError(e.status, e.detail, e.retryAfterMs, e.problem);
        }
        throw e;
      }
    },
  };
}

/**
 * POST /api/v1/lead-sessions with the device's token. Throws WrongLeadPinError, NoServerLeadPinError, a SyncHttpError
 * of 429 with retryAfterMs when the tablet sent too many wrong PINs, or the transport's errors.
 */
export async function openLeadSession(server: LeadServer, pin: string): Promise<LeadCredentials> {
  const api = createApiClient(server);
  try {
    const session = await api.json(
      { method: 'POST', path: '/api/v1/lead-sessions', body: { pin } },
      leadSessionSchema,
      'lead session',
    );
    return { token: session.token, expiresAt: Date.parse(session.expiresAt) };
  } catch (e) {
    if (!(e instanceof SyncHttpError)) throw e;
    if (e.status === HTTP_FORBIDDEN) {
      const wrong = wrongPinSchema.safeParse(e.problem);
      throw new WrongLeadPinError(e.detail, wrong.success ? wrong.data.attemptsLeft : null);
    }
    if (e.status === HTTP_CONFLICT) throw new NoServerLeadPinError(e.status, e.detail, e.retryAfterMs, e.problem);
    throw e;
  }
}

/** The server's answer to a lead token it does not take, as the lead's call should see it. */
function asLeadError(e: unknown): unknown {
  if (e instanceof SyncHttpError && (e.status === HTTP_UNAUTHORIZED || e.status === HTTP_FORBIDDEN)) {
    return new LeadSessionNeededError(e.detail ?? `HTTP ${e.status}`, { cause: e });
  }
  return e;
}

/**
 * PUT /api/v1/lead-pin with the lead's token: the server hashes the new PIN and ends every lead session of the
 * checkpoint, this one too. Throws LeadSessionNeededError when the token is not taken, SyncRequestRejectedError (400)
 * for a PIN the server refuses, the transport's errors otherwise.
 */
export async function changeLeadPinOnServer(
  server: Omit<LeadServer, 'token'>,
  leadToken: string,
  pin: string,
): Promise<CheckpointLeadPin> {
  const api = createApiClient({ ...server, token: leadToken });
  try {
    return await api.json(
      { method: 'PUT', path: '/api/v1/lead-pin', body: { pin } },
      checkpointLeadPinSchema,
      'lead PIN',
    );
  } catch (e) {
    throw asLeadError(e);
  }
}

/** DELETE /api/v1/lead-sessions/current: the lead locked the tablet. A failure changes nothing the lead relies on. */
export async function endLeadSession(server: Omit<LeadServer, 'token'>, leadToken: string): Promise<void> {
  await createApiClient({ ...server, token: leadToken }).send({
    method: 'DELETE',
    path: '/api/v1/lead-sessions/current',
  });
}
