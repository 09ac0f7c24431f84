// The server's tables as Kysely sees them: one interface per table, the same on SQLite and PostgreSQL.
// Times are ISO 8601 text (UTC, from toISOString); JSON is text so both dialects store it alike.
import type { Disposition, Flag } from '../../domain/vocabulary.ts';

export interface CheckpointsTable {
  id: string;
  name: string;
  province: string;
  city: string;
  /** IANA zone (DEFAULT_TIME_ZONE of src/domain/time.ts unless given): decides a check's local day. */
  timezone: string;
  /** GB/T 2260 code of the county the checkpoint stands in; null until an admin names it (migration 006). */
  county_code: string | null;
  /** sha256 of the canonical (ungrouped, upper-case) enrollment code; the code itself is never stored. */
  enrollment_code_hash: string;
  created_at: string;
  /** Set when an admin archives it (008): its tablets can no longer sync, its data are kept. */
  archived_at: string | null;
}

export interface DevicesTable {
  id: string;
  checkpoint_id: string;
  name: string;
  /** sha256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  /** The last batch this tablet posted that was answered (008). */
  last_sync_at: string | null;
  /** Kakou-App-Version of that batch (008). */
  app_version: string | null;
  /** Kakou-Pending of that batch: the checks still queued on the tablet as it posted (008). */
  pending_checks: number | null;
}

export interface AdminTokensTable {
  id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** Admin accounts (008): a username, a scrypt hash of the password, and the checkpoints it may see and manage. */
export interface AdminAccountsTable {
  id: string;
  username: string;
  /** 'scrypt$N$r$p$salt$hash' (src/server/store/admin-password.ts); the password itself is never stored. */
  password_hash: string;
  /** 'all' | 'province' | 'city' (AdminScope). */
  scope_kind: string;
  scope_province: string | null;
  scope_city: string | null;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
}

/** An admin's signed-in session: a bearer token for 8 hours, stored hashed. */
export interface AdminSessionsTable {
  id: string;
  token_hash: string;
  admin_id: string;
  created_at: string;
  expires_at: string;
  expires_at_ms: number;
  /** Signed out, the password reset or the account disabled. */
  revoked_at: string | null;
}

/** A sign-in attempt not (yet) found right: what limits wrong passwords per username and per address. */
export interface AdminSignInAttemptsTable {
  id: string;
  username: string;
  address: string;
  attempted_at_ms: number;
}

export interface PoliciesTable {
  version: number;
  /** As published (with its offset), for the wire. */
  effective_from: string;
  /** The same instant in epoch ms: text with different offsets does not sort by time. */
  effective_from_ms: number;
  /** JSON of the whole Policy, version included. */
  body: string;
  created_at: string;
  /** Who published it: an admin's username, 'admin-token' for a script, null for the default and before 008. */
  published_by: string | null;
}

export interface VehicleChecksTable {
  id: string;
  checkpoint_id: string;
  device_id: string;
  rev: number;
  completed_at: string;
  completed_at_ms: number;
  /** 'YYYY-MM-DD' of completed_at in the checkpoint's time zone. */
  local_day: string;
  team: string;
  /**
   * sha256 of the check as the tablet sent it in this rev: tells a resent copy (duplicate) from a different check
   * under the same id and rev (rejected), also after retention stripped registrations from body.
   */
  content_hash: string;
  /** JSON of the VehicleCheck as validated; registrations removed once past retention (src/domain/retention.ts). */
  body: string;
  /** 1 while body holds a registration (name, ID number, phone), else 0: what retention looks for. */
  has_registration: number;
  /** JSON Flag[][]: each person's flags as the server derived them. */
  server_flags: string;
  received_at: string;
  updated_at: string;
}

export interface CheckpointConfigsTable {
  checkpoint_id: string;
  /** 1 on the first save, +1 on each accepted edit (0, "never configured", has no row). */
  version: number;
  /** JSON of the CheckpointConfigBody as checked. */
  body: string;
  updated_at: string;
}

/** Each accepted version of a checkpoint's configuration, and what made it (migration 005). */
export interface CheckpointConfigHistoryTable {
  checkpoint_id: string;
  version: number;
  /** JSON of the CheckpointConfigBody of that version. */
  body: string;
  updated_at: string;
  /** 'lead' | 'admin' | 'unknown' (ConfigChangeMaker): 'unknown' only for the version stored before 005. */
  made_by: string;
  /** The tablet whose lead session saved it; null for an admin and for 'unknown'. */
  device_id: string | null;
}

/** The checkpoint's one lead PIN, as a PBKDF2 hash (src/domain/lead-pin.ts); no row until one is set. */
export interface CheckpointLeadPinsTable {
  checkpoint_id: string;
  /** 1 when first set, +1 on each change: tablets replace their copy when it moves. */
  version: number;
  algorithm: string;
  iterations: number;
  salt_b64: string;
  hash_b64: string;
  set_at: string;
  /** 'admin' | 'lead' | 'tablet' (LeadPinSetter). */
  set_by: string;
  /** The tablet that set it (a lead's or a first lead's); null for an admin. */
  set_by_device_id: string | null;
}

/** Lead sessions: a bearer token bought with the PIN on one tablet, for 15 minutes (stored hashed, like every token). */
export interface LeadSessionsTable {
  id: string;
  /** sha256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  checkpoint_id: string;
  device_id: string;
  created_at: string;
  expires_at: string;
  expires_at_ms: number;
  /** Set when the lead locks the tablet, or when the PIN changes (every session of the checkpoint ends). */
  revoked_at: string | null;
}

/** One row per PIN tried for a lead session and not (yet) found right: what limits a device to 5 wrong in 15 minutes. */
export interface LeadPinAttemptsTable {
  id: string;
  device_id: string;
  attempted_at_ms: number;
}

/** 'no-valid-test' → 'no_valid_test': flag and disposition names as column names. */
type Snake<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${Snake<Tail>}` : S;
export type FlagColumn = `flag_${Snake<Flag>}`;
export type PersonDispositionColumn = `persons_${Snake<Disposition>}`;

/**
 * What each stored check adds to its day's tally (src/domain/tally-facts.ts), one narrow row per check kept in the
 * same transaction as its vehicle_checks row, so a day of 50,000 checks is summed in SQL without reading bodies.
 */
export type CheckTalliesTable = {
  id: string;
  checkpoint_id: string;
  local_day: string;
  /** 0–23 of completed_at on the checkpoint's clock. */
  local_hour: number;
  team: string;
  device_id: string;
  completed_at: string;
  completed_at_ms: number;
  vehicle_type: string;
  origin_province_key: string;
  origin_city_key: string;
  vehicle_disposition: string;
  person_count: number;
  /** The tablet's clock minus the server's (seconds) while it was off as the check was made, else null (007). */
  clock_skew_seconds: number | null;
  /** Persons of the check with at least one flag (008). */
  flagged_persons: number;
} & Record<FlagColumn | PersonDispositionColumn, number>;

export interface Database {
  checkpoints: CheckpointsTable;
  devices: DevicesTable;
  admin_tokens: AdminTokensTable;
  policies: PoliciesTable;
  vehicle_checks: VehicleChecksTable;
  checkpoint_configs: CheckpointConfigsTable;
  check_tallies: CheckTalliesTable;
  checkpoint_config_history: CheckpointConfigHistoryTable;
  checkpoint_lead_pins: CheckpointLeadPinsTable;
  lead_sessions: LeadSessionsTable;
  lead_pin_attempts: LeadPinAttemptsTable;
  admin_accounts: AdminAccountsTable;
  admin_sessions: AdminSessionsTable;
  admin_sign_in_attempts: AdminSignInAttemptsTable;
}
