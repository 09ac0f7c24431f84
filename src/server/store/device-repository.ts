// Enrolled tablets and their bearer tokens (stored hashed; revocation takes effect on the next request).
import { randomUUID } from 'node:crypto';
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
}

export interface DevicePrincipal {
  deviceId: string;
  checkpointId: string;
}

export interface DeviceRepository {
  /** The token is returned once, here; only its hash is kept. The checkpoint must exist. */
  enroll(checkpointId: string, name: string): Promise<{ deviceId: string; token: string }>;
  /** undefined for an unknown or revoked token. */
  authenticate(token: string): Promise<DevicePrincipal | undefined>;
  /** true when the device existed and was not yet revoked. */
  revoke(deviceId: string): Promise<boolean>;
  get(deviceId: string): Promise<Device | undefined>;
  /** A checkpoint's tablets, revoked ones too, most recently enrolled first: what an admin looks through for a lost one. */
  listForCheckpoint(checkpointId: string): Promise<Device[]>;
  /** Every checkpoint's tablets, grouped by checkpoint, each group in the order of listForCheckpoint. */
  listAll(): Promise<Device[]>;
}

function deviceFromRow(row: {
  id: string;
  checkpoint_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}): Device {
  return {
    id: row.id,
    checkpointId: row.checkpoint_id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
  };
}

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
        })
        .execute();
      return { deviceId, token };
    },

    async authenticate(token) {
      if (token === '') return undefined;
      const row = await db
        .selectFrom('devices')
        .select(['id', 'checkpoint_id', 'last_seen_at'])
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
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
      const row = await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
      return row === undefined ? undefined : deviceFromRow(row);
    },

    async listForCheckpoint(checkpointId) {
      const rows = await db
        .selectFrom('devices')
        .selectAll()
        .where('checkpoint_id', '=', checkpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(deviceFromRow);
    },

    async listAll() {
      const rows = await db
        .selectFrom('devices')
        .selectAll()
        .orderBy('checkpoint_id')
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(deviceFromRow);
    },
  };
}
