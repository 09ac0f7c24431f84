// The shift configuration the tablet follows: the lead's pending edit if any, else the server's last one, else the
// teams of the old "teams" setting (tablets from before the configuration existed), else the default.
import { useSetting } from './live-queries.ts';
import type { ConfigConflict, PendingConfigEdit, SettingsMap } from './settings-repository.ts';
import { DEFAULT_CHECKPOINT_CONFIG, type CheckpointConfigBody } from '../domain/shift-schedule.ts';

export interface CheckpointConfigView {
  config: CheckpointConfigBody;
  /** The server version this tablet holds (0: none yet). */
  serverVersion: number;
  pendingEdit: PendingConfigEdit | null;
  conflict: ConfigConflict | null;
}

export function effectiveCheckpointConfig(
  server: SettingsMap['checkpointConfig'] | null,
  pendingEdit: PendingConfigEdit | null,
  legacyTeams: readonly string[] | null,
): CheckpointConfigBody {
  if (pendingEdit !== null) return pendingEdit.body;
  const base = server ?? DEFAULT_CHECKPOINT_CONFIG;
  const { teams, shifts, rotationAnchor } = base;
  // A configuration from the server (version ≥ 1) replaces the old setting; until then its names stay in use.
  const keepLegacy = base.version === 0 && legacyTeams !== null && legacyTeams.length > 0;
  return { teams: keepLegacy ? [...legacyTeams] : teams, shifts, rotationAnchor };
}

/** undefined while the settings are first read. */
export function useCheckpointConfig(): CheckpointConfigView | undefined {
  const server = useSetting('checkpointConfig');
  const pendingEdit = useSetting('checkpointConfigEdit');
  const conflict = useSetting('checkpointConfigConflict');
  const legacyTeams = useSetting('teams');
  if (server === undefined || pendingEdit === undefined || conflict === undefined || legacyTeams === undefined) {
    return undefined;
  }
  return {
    config: effectiveCheckpointConfig(server, pendingEdit, legacyTeams),
    serverVersion: server?.version ?? 0,
    pendingEdit,
    conflict,
  };
}
