// Typed key/value settings of the device: enrollment, the signed-in officer, the shift configuration, the cached
// policy, the lead PIN's hash.
import type { ClockSkewRecord } from '../domain/clock-skew.ts';
import type { LeadPinAttempts } from '../domain/lead-pin-rules.ts';
import type { Policy } from '../domain/policy.ts';
import type { Destination } from '../domain/vehicle-check.ts';
import type { CheckpointConfig, CheckpointConfigBody } from '../domain/shift-schedule.ts';
import type { LeadPinRecord } from '../platform/crypto/lead-pin-hash.ts';
import type { KakouDatabase } from './database.ts';
import { withStorageErrors } from './storage-errors.ts';

/** A lead's edit saved on this tablet and not yet accepted by the server. */
export interface PendingConfigEdit {
  body: CheckpointConfigBody;
  /** The server version it was edited from; the server accepts it only while that is still its version. */
  baseVersion: number;
  /** Epoch ms of the save. */
  editedAt: number;
}

/** Why an edit was dropped: another tablet saved first (conflict), or the server refused its content. */
export interface ConfigConflict {
  kind: 'conflict' | 'refused';
  /** Epoch ms the tablet learned of it. */
  detectedAt: number;
  /** When the dropped edit had been made. */
  editedAt: number;
  /** The server's configuration the tablet now follows. */
  serverVersion: number;
  serverUpdatedAt: string | null;
  /** The server's words, when it gave any. */
  detail: string | null;
}

/**
 * The lead PIN as this tablet keeps it: the hash and its parameters (never the PIN), and which of the checkpoint's PIN
 * versions it is. Without serverVersion it was set on this tablet and the server has not taken it yet (ADR 030).
 */
export interface StoredLeadPin extends LeadPinRecord {
  serverVersion?: number;
}

/** Every setting and the type of its value. Add keys here; values are read back as written by `set`. */
export interface SettingsMap {
  device: {
    checkpointId: string;
    checkpointName: string;
    province: string;
    city: string;
    /** IANA zone of the checkpoint: the day a check counts on. */
    timeZone: string;
    /**
     * GB/T 2260 code of the checkpoint's county, as the server named it at enrollment (ADR 034): the destination
     * picker starts there, and the tablet keeps its province's townships and its prefecture's villages. Absent
     * before enrollment, from a server that names none, and on tablets enrolled before.
     */
    countyCode?: string;
    deviceId: string;
    deviceName: string;
    // Set by enrollment; absent on a tablet that was never enrolled (and on rows written before sync existed).
    /** Base URL of the sync server, without a trailing slash. */
    serverUrl?: string;
    /** Bearer token the server issued to this device. */
    token?: string;
    /** Epoch ms of the enrollment. */
    enrolledAt?: number;
  };
  session: {
    officerId: string;
    officerName: string;
    team: string;
    shiftId: string;
    startedAt: number;
  } | null;
  /** Team names from before the shift configuration existed: used until the server's configuration arrives. */
  teams: string[];
  /** The checkpoint's shift configuration as the server last gave it. */
  checkpointConfig: CheckpointConfig;
  /** A lead's edit not yet accepted by the server; null (or absent) when none. */
  checkpointConfigEdit: PendingConfigEdit | null;
  /** Why the lead's last edit was not applied, until they see a newer outcome; null when none. */
  checkpointConfigConflict: ConfigConflict | null;
  /** Prefills the sign-in form for the next shift on this tablet. */
  lastOfficer: { officerId: string; officerName: string };
  /** The server's current policy, as last fetched: new checks are judged under it. */
  policy: Policy;
  /** Sync bookkeeping that outlives a reload. */
  syncMeta: { lastSuccessAt: number | null };
  /** Retention's watermark (epoch ms): registrations of checks acknowledged before it are already cleared. */
  retention: { registrationsClearedBefore: number };
  /**
   * The checkpoint's lead PIN, hashed (never the PIN itself): the server's, or one set here at enrollment or on first
   * use that the next sync hands to the server when it has none. Absent until either.
   */
  leadPin: StoredLeadPin;
  /** Wrong lead PINs in a row and the lock they earned: kept here so a reload does not reset the count. */
  leadPinAttempts: LeadPinAttempts;
  /**
   * How far this tablet's clock is off, as the last sync that could tell found it (src/sync/clock-check.ts); null once
   * a sync found it right, absent before any could tell. Kept across reloads: a check saved offline still carries it.
   */
  clockSkew: ClockSkewRecord | null;
  /** The destinations last chosen from the division lists on this tablet, newest first (ADR 034). */
  recentDestinations: Destination[];
}

/** Checks saved before the tablet is enrolled carry this checkpoint id; enrollment adopts them (CheckRepository.adoptPending). */
export const UNENROLLED_CHECKPOINT_ID = 'unenrolled';

export type SettingKey = keyof SettingsMap;

export interface SettingsRepository {
  get<K extends SettingKey>(key: K): Promise<SettingsMap[K] | undefined>;
  set<K extends SettingKey>(key: K, value: SettingsMap[K]): Promise<void>;
}

export function createSettingsRepository(db: KakouDatabase): SettingsRepository {
  return {
    get: <K extends SettingKey>(key: K) =>
      withStorageErrors(async () => {
        const row = await db.settings.get(key);
        // Only `set` writes this table, with the type SettingsMap names for the key.
        return row?.value as SettingsMap[K] | undefined;
      }),
    set: (key, value) =>
      withStorageErrors(async () => {
        await db.settings.put({ key, value });
      }),
  };
}
