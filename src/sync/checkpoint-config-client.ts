// The tablet's client for the checkpoint's shift configuration (GET and PUT /api/v1/checkpoint-config), answers
// validated; its requests go through the transport's one HTTP client.
import { z } from 'zod';
import { checkpointConfigSchema, type CheckpointConfigUpdate } from '../contract/checkpoint-config.ts';
import type { CheckpointConfig } from '../domain/shift-schedule.ts';
import { createApiClient, SyncHttpError, type ApiCall, type FetchLike, type ProblemDetails } from './transport.ts';

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
  /** Throws ConfigConflictError on 409, SyncRequestRejectedError on 400, the transport's other errors otherwise. */
  put(update: CheckpointConfigUpdate): Promise<CheckpointConfig>;
}

const HTTP_CONFLICT = 409;
const conflictSchema = z.object({ currentVersion: z.number().int().min(0) });

export function createCheckpointConfigRemote(options: {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
}): CheckpointConfigRemote {
  const api = createApiClient(options);
  const path = '/api/v1/checkpoint-config';
  const what = 'checkpoint configuration';
  return {
    get: () => api.json({ method: 'GET', path }, checkpointConfigSchema, what),
    async put(update) {
      const call: ApiCall = { method: 'PUT', path, body: update };
      try {
        return await api.json(call, checkpointConfigSchema, what);
      } catch (e) {
        if (!(e instanceof SyncHttpError) || e.status !== HTTP_CONFLICT) throw e;
        // A 409 without the version (a proxy's page) still means "not applied"; the next GET tells the version.
        const conflict = conflictSchema.safeParse(e.problem);
        throw new ConfigConflictError(e.detail, conflict.success ? conflict.data.currentVersion : -1, e.problem);
      }
    },
  };
}
