// Each checkpoint's shift configuration, versioned: an edit is accepted only from the version it was made on, and each
// accepted version is kept with what made it (a lead session or an admin).
import { checkpointConfigBodySchema } from '../../contract/checkpoint-config.ts';
import type { CheckpointConfigChange, ConfigChangeMaker } from '../../domain/config-history.ts';
import {
  DEFAULT_CHECKPOINT_CONFIG,
  type CheckpointConfig,
  type CheckpointConfigBody,
} from '../../domain/shift-schedule.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { ConfigVersionConflictError } from './store-errors.ts';
import { writeTransaction } from './write-transaction.ts';

/** Who saves an edit: since migration 005 only a lead session or an admin may. */
export interface ConfigEditor {
  madeBy: Exclude<ConfigChangeMaker, 'unknown'>;
  /** The lead's tablet; null for an admin. */
  deviceId: string | null;
}

/** Versions a history request returns at most. */
export const CONFIG_HISTORY_LIMIT_MAX = 500;

export interface CheckpointConfigRepository {
  /** The stored configuration, or DEFAULT_CHECKPOINT_CONFIG (version 0) when the checkpoint never saved one. */
  get(checkpointId: string): Promise<CheckpointConfig>;
  /**
   * Stores `body` as version baseVersion + 1 when baseVersion is the stored version (0: none stored), in one
   * conditional statement so two concurrent edits from the same base cannot both win; otherwise throws
   * ConfigVersionConflictError naming the stored version. The body must already have passed checkCheckpointConfig.
   * The accepted version goes into the history in the same transaction, with `editor`.
   */
  update(
    checkpointId: string,
    body: CheckpointConfigBody,
    baseVersion: number,
    editor: ConfigEditor,
  ): Promise<CheckpointConfig>;
  /** The accepted versions, newest first, at most `limit` (≤ CONFIG_HISTORY_LIMIT_MAX). */
  history(checkpointId: string, limit: number): Promise<CheckpointConfigChange[]>;
}

export function createCheckpointConfigRepository({ db, dialect, now }: StoreContext): CheckpointConfigRepository {
  async function get(checkpointId: string): Promise<CheckpointConfig> {
    const row = await db
      .selectFrom('checkpoint_configs')
      .select(['version', 'body', 'updated_at'])
      .where('checkpoint_id', '=', checkpointId)
      .executeTakeFirst();
    if (row === undefined) return DEFAULT_CHECKPOINT_CONFIG;
    const body = checkpointConfigBodySchema.parse(JSON.parse(row.body));
    return { ...body, version: row.version, updatedAt: row.updated_at };
  }

  return {
    get,
    async update(checkpointId, body, baseVersion, editor) {
      const stored: CheckpointConfigBody = {
        teams: body.teams,
        shifts: body.shifts,
        rotationAnchor: body.rotationAnchor,
      };
      const updatedAt = isoAt(now());
      const json = JSON.stringify(stored);
      const values = { version: baseVersion + 1, body: json, updated_at: updatedAt };
      const written = await writeTransaction(db, dialect, async (trx) => {
        // Both are single statements: the row lock (PostgreSQL) or the write lock (SQLite) orders two writers,
        // and the loser finds the version moved (update) or the row present (insert).
        const row =
          baseVersion === 0
            ? await trx
                .insertInto('checkpoint_configs')
                .values({ checkpoint_id: checkpointId, ...values })
                .onConflict((oc) => oc.column('checkpoint_id').doNothing())
                .returning('version')
                .executeTakeFirst()
            : await trx
                .updateTable('checkpoint_configs')
                .set(values)
                .where('checkpoint_id', '=', checkpointId)
                .where('version', '=', baseVersion)
                .returning('version')
                .executeTakeFirst();
        if (row === undefined) return undefined;
        await trx
          .insertInto('checkpoint_config_history')
          .values({
            checkpoint_id: checkpointId,
            version: row.version,
            body: json,
            updated_at: updatedAt,
            made_by: editor.madeBy,
            device_id: editor.deviceId,
          })
          .execute();
        return row;
      });
      if (written === undefined) throw new ConfigVersionConflictError((await get(checkpointId)).version, baseVersion);
      return { ...stored, version: written.version, updatedAt };
    },

    async history(checkpointId, limit) {
      const rows = await db
        .selectFrom('checkpoint_config_history')
        .select(['version', 'body', 'updated_at', 'made_by', 'device_id'])
        .where('checkpoint_id', '=', checkpointId)
        .orderBy('version', 'desc')
        .limit(Math.min(Math.max(1, limit), CONFIG_HISTORY_LIMIT_MAX))
        .execute();
      return rows.map((row) => ({
        ...checkpointConfigBodySchema.parse(JSON.parse(row.body)),
        version: row.version,
        updatedAt: row.updated_at,
        // Written only from ConfigEditor, or 'unknown' by migration 005.
        madeBy: row.made_by as ConfigChangeMaker,
        deviceId: row.device_id,
      }));
    },
  };
}
