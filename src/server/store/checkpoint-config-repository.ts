// Each checkpoint's shift configuration, versioned: an edit is accepted only from the version it was made on.
import { checkpointConfigBodySchema } from '../../contract/checkpoint-config.ts';
import {
  DEFAULT_CHECKPOINT_CONFIG,
  type CheckpointConfig,
  type CheckpointConfigBody,
} from '../../domain/shift-schedule.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { ConfigVersionConflictError } from './store-errors.ts';

export interface CheckpointConfigRepository {
  /** The stored configuration, or DEFAULT_CHECKPOINT_CONFIG (version 0) when the checkpoint never saved one. */
  get(checkpointId: string): Promise<CheckpointConfig>;
  /**
   * Stores `body` as version baseVersion + 1 when baseVersion is the stored version (0: none stored), in one
   * conditional statement so two concurrent edits from the same base cannot both win; otherwise throws
   * ConfigVersionConflictError naming the stored version. The body must already have passed checkCheckpointConfig.
   */
  update(checkpointId: string, body: CheckpointConfigBody, baseVersion: number): Promise<CheckpointConfig>;
}

export function createCheckpointConfigRepository({ db, now }: StoreContext): CheckpointConfigRepository {
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
    async update(checkpointId, body, baseVersion) {
      const stored: CheckpointConfigBody = {
        teams: body.teams,
        shifts: body.shifts,
        rotationAnchor: body.rotationAnchor,
      };
      const updatedAt = isoAt(now());
      const values = { version: baseVersion + 1, body: JSON.stringify(stored), updated_at: updatedAt };
      // Both are single statements: the row lock (PostgreSQL) or the write lock (SQLite) orders two writers,
      // and the loser finds the version moved (update) or the row present (insert).
      const written =
        baseVersion === 0
          ? await db
              .insertInto('checkpoint_configs')
              .values({ checkpoint_id: checkpointId, ...values })
              .onConflict((oc) => oc.column('checkpoint_id').doNothing())
              .returning('version')
              .executeTakeFirst()
          : await db
              .updateTable('checkpoint_configs')
              .set(values)
              .where('checkpoint_id', '=', checkpointId)
              .where('version', '=', baseVersion)
              .returning('version')
              .executeTakeFirst();
      if (written === undefined) throw new ConfigVersionConflictError((await get(checkpointId)).version, baseVersion);
      return { ...stored, version: written.version, updatedAt };
    },
  };
}
