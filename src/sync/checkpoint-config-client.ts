// The tablet's client for the checkpoint's shift configuration (GET and PUT /api/v1/checkpoint-config), answers
// validated; its requests go through the transport's one HTTP client. Reading takes the device's token; an edit, the
// lead's (ADR 030).
import { z } from 'zod';
import { checkpointConfigSchema, type CheckpointConfigUpdate } from '../contract/checkpoint-config.ts';
import type { CheckpointConfig } from '../domain/shift-schedule.ts';
import { LeadSessionNeededError } from './lead-pin-client.ts';
import {
  createApiClient,
  SyncHttpError,
  type ApiCall,
  type ApiClientOptions,
  type FetchLike,
  type ProblemDetails,
} from './transport.ts';

/** 409: the configuration was edited from a version that is no longer the server's. */
export class ConfigConflictError extends SyncHttpError {
  override name = 'ConfigConflictError';
  /** The version the server holds now; -1 when the answer did not say (a proxy's page). */
  readonly currentVersion: number;
  constructor(detail: string | null, currentVersion: number, problem: ProblemDetails | null = null) {
    super(409, detail, null, problem);
    this.currentVersion = currentVersion;
  }
}

export interface CheckpointConfigRemote {
  get(): Promise<CheckpointConfig>;
  /**
   * With the lead's token. Throws LeadSessionNeededError when no lead session is held or the server does not take it
   * (401, 403), ConfigConflictError on 409, SyncRequestRejectedError on 400, the transport's other errors otherwise.
   */
  put(update: CheckpointConfigUpdate): Promise<CheckpointConfig>;
}

const HTTP_CONFLICT = 409;
const HTTP_UNAUTHORIZED = 401;
const HTTP_FORBIDDEN = 403;
const conflictSchema = z.object({ currentVersion: z.number().int().min(0) });

export function createCheckpointConfigRemote(options: {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  /** The lead session's token now, or null without one: an edit waits for a lead to unlock with the server. */
  leadToken: () => string | null;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  onServerDate?: ApiClientOptions['onServerDate'];
}): CheckpointConfigRemote {
  const api = createApiClient(options);
  const path = '/api/v1/checkpoint-config';
  const what = 'checkpoint configuration';
  return {
    get: () => api.json({ method: 'GET', path }, checkpointConfigSchema, what),
    async put(update) {
      const leadToken = options.leadToken();
      if (leadToken === null) throw new LeadSessionNeededError('no lead session on this tablet');
      const call: ApiCall = { method: 'PUT', path, body: update };
      try {
        return await createApiClient({ ...options, token: leadToken }).json(call, checkpointConfigSchema, what);
      } catch (e) {
        if (e instanceof SyncHttpError && (e.status === HTTP_UNAUTHORIZED || e.status === HTTP_FORBIDDEN)) {
          throw new LeadSessionNeededError(e.detail ?? `HTTP ${e.status}`, { cause: e });
        }
        if (!(e instanceof SyncHttpError) || e.status !== HTTP_CONFLICT) throw e;
        // A 409 without the version (a proxy's page) still means "not applied"; the next GET tells the version.
        const conflict = conflictSchema.safeParse(e.problem);
        throw new ConfigConflictError(e.detail, conflict.success ? conflict.data.currentVersion : -1, e.problem);
      }
    },
  };
}
