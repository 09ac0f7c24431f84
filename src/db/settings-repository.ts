// Typed key/value settings of the device: enrollment, the signed-in officer, the checkpoint's teams, the cached policy,
// the lead PIN's hash.
import type { Policy } from '../contract/policy.ts';
import type { LeadPinAttempts } from '../domain/lead-pin-rules.ts';
import type { LeadPinRecord } from '../lib/lead-pin-hash.ts';
import type { KakouDatabase } from './database.ts';
import { withStorageErrors } from './storage-errors.ts';

/** Every setting and the type of its value. Add keys here; values are read back as written by `set`. */
export interface SettingsMap {
  device: {
    checkpointId: string;
    checkpointName: string;
    province: string;
    city: string;
    /** IANA zone of the checkpoint: the day a check counts on. */
    timeZone: string;
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
  teams: string[];
  /** Prefills the sign-in form for the next shift on this tablet. */
  lastOfficer: { officerId: string; officerName: string };
  /** The server's current policy, as last fetched: new checks are judged under it. */
  policy: Policy;
  /** Sync bookkeeping that outlives a reload. */
  syncMeta: { lastSuccessAt: number | null };
  /** Retention's watermark (epoch ms): registrations of checks acknowledged before it are already cleared. */
  retention: { registrationsClearedBefore: number };
  /** The shift lead's PIN, hashed (never the PIN itself); absent until it is set at enrollment or on first use. */
  leadPin: LeadPinRecord;
  /** Wrong lead PINs in a row and the lock they earned: kept here so a reload does not reset the count. */
  leadPinAttempts: LeadPinAttempts;
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
