// The tablet's copy of the shift configuration: the server's last one, the lead's pending edit, the last conflict.
// Each change is one read-write transaction over the settings rows, so an edit saved while a push is in flight is never lost.
import { boundedLiveQuery } from './bounded-live-query.ts';
import type { CheckpointConfig, CheckpointConfigBody } from '../domain/shift-schedule.ts';
import type { KakouDatabase } from './database.ts';
import type { ConfigConflict, PendingConfigEdit, SettingKey, SettingsMap } from './settings-repository.ts';
import { withStorageErrors } from './storage-errors.ts';

export interface CheckpointConfigStore {
  get(): Promise<CheckpointConfig | undefined>;
  getEdit(): Promise<PendingConfigEdit | null>;
  /**
   * The lead saves `body`. It is based on the pending edit's base when one is waiting (this edit replaces it),
   * else on the version of the server's configuration held here (0 when none yet).
   */
  saveEdit(body: CheckpointConfigBody, editedAt: number): Promise<PendingConfigEdit>;
  /** See CheckpointConfigCachePort.applyServer (src/sync). */
  applyServer(
    config: CheckpointConfig,
    settled?: { edit: PendingConfigEdit; conflict: ConfigConflict | null },
  ): Promise<void>;
  /** The lead has read the conflict message. */
  dismissConflict(): Promise<void>;
  observeEdits(onEdit: () => void): () => void;
}

export function createCheckpointConfigStore(db: KakouDatabase): CheckpointConfigStore {
  const read = async <K extends SettingKey>(key: K): Promise<SettingsMap[K] | undefined> =>
    // Only the settings repository and this store write these rows, with the type SettingsMap names.
    (await db.settings.get(key))?.value as SettingsMap[K] | undefined;
  const write = <K extends SettingKey>(key: K, value: SettingsMap[K]) => db.settings.put({ key, value });

  return {
    get: () => withStorageErrors(() => read('checkpointConfig')),
    getEdit: () => withStorageErrors(async () => (await read('checkpointConfigEdit')) ?? null),

    saveEdit: (body, editedAt) =>
      withStorageErrors(() =>
        db.transaction('rw', db.settings, async () => {
          const pending = (await read('checkpointConfigEdit')) ?? null;
          const baseVersion = pending?.baseVersion ?? (await read('checkpointConfig'))?.version ?? 0;
          const edit: PendingConfigEdit = { body, baseVersion, editedAt };
          await write('checkpointConfigEdit', edit);
          return edit;
        }),
      ),

    applyServer: (config, settled) =>
      withStorageErrors(() =>
        db.transaction('rw', db.settings, async () => {
          await write('checkpointConfig', config);
          if (settled === undefined) return;
          const pending = (await read('checkpointConfigEdit')) ?? null;
          if (pending !== null && pending.editedAt === settled.edit.editedAt) {
            await write('checkpointConfigEdit', null);
          } else if (
            pending !== null &&
            settled.conflict === null &&
            pending.baseVersion === settled.edit.baseVersion
          ) {
            // Saved on top of the edit just accepted: it builds on that version now.
            await write('checkpointConfigEdit', { ...pending, baseVersion: config.version });
          }
          await write('checkpointConfigConflict', settled.conflict);
        }),
      ),

    dismissConflict: () => withStorageErrors(() => write('checkpointConfigConflict', null).then(() => undefined)),

    observeEdits(onEdit) {
      let last: number | null = null;
      const subscription = boundedLiveQuery(
        async () => (await read('checkpointConfigEdit'))?.editedAt ?? null,
      ).subscribe(
        (editedAt) => {
          // Any edit waiting asks for a push, also one found at the first read (the save may have come first).
          if (editedAt !== null && editedAt !== last) onEdit();
          last = editedAt;
        },
        () => {
          // A missed notification only delays the push to the next pass.
        },
      );
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
