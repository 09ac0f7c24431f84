// Who changed the checkpoint's shift configuration and when: each accepted version is kept (ADR 030).
import type { CheckpointConfigBody } from './shift-schedule.ts';

/**
 * What made a version: a lead session on a tablet, an admin token, or — for the version already stored when the
 * history began — nobody knows (any device token could save one then).
 */
export const CONFIG_CHANGE_MAKERS = ['lead', 'admin', 'unknown'] as const;
export type ConfigChangeMaker = (typeof CONFIG_CHANGE_MAKERS)[number];

/** One accepted version of the configuration, as it was saved. */
export interface CheckpointConfigChange extends CheckpointConfigBody {
  version: number;
  /** ISO 8601 of the save. */
  updatedAt: string;
  madeBy: ConfigChangeMaker;
  /** The tablet whose lead saved it; null for an admin and for the unknown first version. */
  deviceId: string | null;
}

/** GET /api/v1/checkpoint-config/history: newest first. */
export interface CheckpointConfigHistory {
  checkpointId: string;
  changes: CheckpointConfigChange[];
}
