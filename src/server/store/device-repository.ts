// Enrolled tablets and their bearer tokens (stored hashed; revocation takes effect on the next request).
import { randomUUID } from 'node:crypto';
import type { DevicesTable } from './schema.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { hashSecret, randomToken } from './tokens.ts';

/** last_seen_at is for an admin's "is this tablet alive"; a write per request would cost more than it tells. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface Device {
  id: string;
  checkpointId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** The last batch it posted; null before the first (ADR 038). */
  lastSyncAt: string | null;
  /** The app version that batch named (Kakou-App-Version); null when none. */
  appVersion: string | null;
  /** The checks still queued on the tablet as it posted that batch (Kakou-Pending); null when none. */
  pendingChecks: number | null;
}

/** What a tablet says of itself with each batch. */
export interface SyncReport {
  appVersion: string | null;
  pendingChecks: number | null;
}

export interface DevicePrincipal {
  deviceId: string;
  checkpointId: string;
}

export interface DeviceRepository {
  /** The token is returned once, here; only its hash is kept. The checkpoint must exist. */
  enroll(checkpointId: string, name: string): Promise<{ deviceId: string; token: string }>;
  /** undefined for an unknown or revoked token, and for a tablet of an archived checkpoint. */
  authenticate(token: string): Promise<DevicePrincipal | undefined>;
  /** Keeps the time of a batch and what the tablet said with it. */
  recordSync(deviceId: string, report: SyncReport): Promise<void>;
  /** true when the device existed and was not yet revoked. */
  revoke(deviceId: string): Promise<boolean>;
  get(deviceId: string): Promise<Device | undefined>;
  /** A checkpoint's tablets, revoked ones too, most recently enrolled first: what an admin looks through for a lost one. */
  listForCheckpoint(checkpointId: string): Promise<Device[]>;
  /** Every checkpoint's tablets, grouped by checkpoint, each group in the order of listForCheckpoint. */
  listAll(): Promise<Device[]>;
}

function deviceFromRow(row: Omit<DevicesTable, 'token_hash'>): Device {
  return {
    id: row.id,
    checkpointId: row.checkpoint_id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    lastSyncAt: row.last_sync_at,
    appVersion: row.app_version,
    pendingChecks: row.pending_checks,
  };
}

/** Every column but the token's hash: nothing that lists tablets ever reads it. */
const LISTED_COLUMNS = [
  'id',
  'checkpoint_id',
  'name',
  'created_at',
  'revoked_at',
  'last_seen_at',
  'last_sync_at',
  'app_version',
  'pending_checks',
] as const;

export function createDeviceRepository({ db, now }: StoreContext): DeviceRepository {
  return {
    async enroll(checkpointId, name) {
      const deviceId = randomUUID();
      const token = randomToken();
      await db
        .insertInto('devices')
        .values({
          id: deviceId,
          checkpoint_id: checkpointId,
          name: name.trim(),
          token_hash: hashSecret(token),
          created_at: isoAt(now()),
          revoked_at: null,
          last_seen_at: null,
          last_sync_at: null,
          app_version: null,
          pending_checks: null,
        })
        .execute();
      return { deviceId, token };
    },

    async authenticate(token) {
      if (token === '') return undefined;
      const row = await db
        .selectFrom('devices')
        .innerJoin('checkpoints', 'checkpoints.id', 'devices.checkpoint_id')
        .select(['devices.id', 'devices.checkpoint_id', 'devices.last_seen_at'])
        .where('devices.token_hash', '=', hashSecret(token))
        .where('devices.revoked_at', 'is', null)
        .where('checkpoints.archived_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const nowMs = now();
      const lastSeenMs = row.last_seen_at === null ? Number.NEGATIVE_INFINITY : Date.parse(row.last_seen_at);
      if (nowMs - lastSeenMs >= LAST_SEEN_RESOLUTION_MS) {
        await db
          .updateTable('devices')
          .set({ last_seen_at: isoAt(nowMs) })
          .where('id', '=', row.id)
          .execute();
      }
      return { deviceId: row.id, checkpointId: row.checkpoint_id };
    },

    async recordSync(deviceId, report) {
      await db
        .updateTable('devices')
        .set({ last_sync_at: isoAt(now()), app_version: report.appVersion, pending_checks: report.pendingChecks })
        .where('id', '=', deviceId)
        .execute();
    },

    async revoke(deviceId) {
      const result = await db
        .updateTable('devices')
        .set({ revoked_at: isoAt(now()) })
        .where('id', '=', deviceId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async get(deviceId) {
      const row = await db.selectFrom('devices').select(LISTED_COLUMNS).where('id', '=', deviceId).executeTakeFirst();
      return row === undefined ? undefined : deviceFromRow(row);
    },

    async listForCheckpoint(checkpointId) {
      const rows = await db
        .selectFrom('devices')
        .select(LISTED_COLUMNS)
        .where('checkpoint_id', '=', checkpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(deviceFromRow);
    },

    async listAll() {
      const rows = await db
        .selectFrom('devices')
        .select(LISTED_COLUMNS)
        .orderBy('checkpoint_id')
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(deviceFromRow);
    },
  };
}
