// The tablet's client for the checkpoint's shift configuration (GET and PUT /api/v1/checkpoint-config), answers validated.
import { z } from 'zod';
import { checkpointConfigSchema, type CheckpointConfigUpdate } from '../contract/checkpoint-config.ts';
import type { CheckpointConfig } from '../domain/shift-schedule.ts';
import { readJson, REQUEST_TIMEOUT_MS, send, SyncHttpError, toHttpError, type FetchLike, type RequestOptions } from './transport.ts';

/** 409: the configuration was edited from a version that is no longer the server's. */
export class ConfigConflictError extends SyncHttpError {
  override name = 'ConfigConflictError';
  /** The version the server holds now. */
  readonly currentVersion: number;
  constructor(detail: string | null, currentVersion: number) {
    super(409, detail, null);
    this.currentVersion = currentVersion;
  }
}

export interface CheckpointConfigRemote {
  get(): Promise<CheckpointConfig>;
  /** Throws ConfigConflictError on 409, SyncRequestRejectedError on 400, the transport's other errors otherwise. */
  put(update: CheckpointConfigUpdate): Promise<CheckpointConfig>;
}

const conflictSchema = z.object({ detail: z.string().optional(), currentVersion: z.number().int().min(0) });

// A detached window.fetch called as a method of another object throws "Illegal invocation".
const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function createCheckpointConfigRemote(options: {
  /** As returned by normaliseServerUrl: no trailing slash. */
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
}): CheckpointConfigRemote {
  const request: RequestOptions = {
    fetch: options.fetch ?? defaultFetch,
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    now: options.now ?? Date.now,
  };
  const url = `${options.baseUrl}/api/v1/checkpoint-config`;
  const auth = { authorization: `Bearer ${options.token}` };
  return {
    async get() {
      const response = await send(url, { method: 'GET', headers: auth }, request);
      if (!response.ok) throw await toHttpError(response, request.now());
      return readJson(response, checkpointConfigSchema, 'checkpoint configuration');
    },
    async put(update) {
      const response = await send(
        url,
        { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(update) },
        request,
      );
      if (response.status === 409) {
        const conflict = conflictSchema.safeParse(await response.json().catch(() => null));
        // A 409 without the version (a proxy's page) still means "not applied"; the next GET tells the version.
        if (!conflict.success) throw new ConfigConflictError(null, -1);
        throw new ConfigConflictError(conflict.data.detail ?? null, conflict.data.currentVersion);
      }
      if (!response.ok) throw await toHttpError(response, request.now());
      return readJson(response, checkpointConfigSchema, 'checkpoint configuration');
    },
  };
}
