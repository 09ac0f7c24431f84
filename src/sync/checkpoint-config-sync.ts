// One sync step for the shift configuration: push the lead's pending edit, then take the server's configuration.
import type { ConfigConflict, PendingConfigEdit } from '../db/settings-repository.ts';
import type { CheckpointConfig } from '../domain/shift-schedule.ts';
import { ConfigConflictError, type CheckpointConfigRemote } from './checkpoint-config-client.ts';
import { LeadSessionNeededError } from './lead-pin-client.ts';
import { SyncRequestRejectedError } from './transport.ts';

/** What the config step needs from the tablet's storage (src/db's checkpoint-config-store is it). */
export interface CheckpointConfigCachePort {
  get(): Promise<CheckpointConfig | undefined>;
  getEdit(): Promise<PendingConfigEdit | null>;
  /**
   * Stores the server's configuration. With `settled`, that edit is done: removed if it is still the pending one
   * (an edit saved meanwhile on top of it is kept, now based on `config`'s version when accepted), and the
   * conflict recorded (null clears an old one).
   */
  applyServer(
    config: CheckpointConfig,
    settled?: { edit: PendingConfigEdit; conflict: ConfigConflict | null },
  ): Promise<void>;
  /** Calls back when a new edit is saved, so the engine can push it at once; returns the unsubscribe. */
  observeEdits?(onEdit: () => void): () => void;
}

/**
 * Pushes the pending edit (if any) from its base version, then makes sure the server's configuration is cached.
 * A 409 or 400 drops the edit and records why; a network failure throws and leaves the edit pending. Without a lead
 * session the server takes, the edit stays pending (it goes out once a lead unlocks with the server) and the server's
 * configuration is still read.
 * `pull`: false skips the GET when there was nothing to push (the engine throttles pulls).
 */
export async function syncCheckpointConfig(
  remote: CheckpointConfigRemote,
  cache: CheckpointConfigCachePort,
  now: () => number,
  pull = true,
): Promise<void> {
  const edit = await cache.getEdit();
  if (edit !== null) {
    try {
      const accepted = await remote.put({ ...edit.body, baseVersion: edit.baseVersion });
      await cache.applyServer(accepted, { edit, conflict: null });
      return;
    } catch (e) {
      if (e instanceof LeadSessionNeededError) return pullUnlessFresh(remote, cache, pull);
      const refused = e instanceof SyncRequestRejectedError;
      if (!(e instanceof ConfigConflictError) && !refused) throw e;
      // Resending cannot succeed: the server's configuration wins and the lead is told theirs was not applied.
      const server = await remote.get();
      await cache.applyServer(server, {
        edit,
        conflict: {
          kind: refused ? 'refused' : 'conflict',
          detectedAt: now(),
          editedAt: edit.editedAt,
          serverVersion: server.version,
          serverUpdatedAt: server.updatedAt,
          detail: e.detail,
        },
      });
      return;
    }
  }
  await pullUnlessFresh(remote, cache, pull);
}

/** Caches the server's configuration when it moved; `pull` false skips the GET. */
async function pullUnlessFresh(
  remote: CheckpointConfigRemote,
  cache: CheckpointConfigCachePort,
  pull: boolean,
): Promise<void> {
  if (!pull) return;
  const server = await remote.get();
  const cached = await cache.get();
  if (cached?.version !== server.version || cached.updatedAt !== server.updatedAt) await cache.applyServer(server);
}
