// The checkpoint's one lead PIN, kept as a PBKDF2 hash and versioned: the tablets take each new version on sync, and a
// change ends every lead session of the checkpoint in the same transaction (ADR 030).
import type { CheckpointLeadPin, LeadPinHash, LeadPinSetter } from '../../domain/lead-pin.ts';
import type { CheckpointLeadPinsTable } from './schema.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { writeTransaction } from './write-transaction.ts';

/** Who is setting the PIN, for the record. */
export interface LeadPinSetterInfo {
  setBy: LeadPinSetter;
  /** The tablet (its lead's, or its first lead's); null for an admin. */
  deviceId: string | null;
}

export interface LeadPinRepository {
  /** The PIN in force: version 0 with no hash while none is set. */
  get(checkpointId: string): Promise<CheckpointLeadPin>;
  /**
   * Stores the checkpoint's first PIN; undefined (nothing written) when one is set already. One statement, so two
   * tablets pushing their first PINs at once cannot both win. The checkpoint must exist.
   */
  setFirst(checkpointId: string, hash: LeadPinHash, by: LeadPinSetterInfo): Promise<CheckpointLeadPin | undefined>;
  /** Sets the PIN as the next version (1 when none was set) and ends every lead session of the checkpoint. */
  replace(checkpointId: string, hash: LeadPinHash, by: LeadPinSetterInfo): Promise<CheckpointLeadPin>;
}

type Row = Omit<CheckpointLeadPinsTable, 'checkpoint_id' | 'set_by_device_id'>;

function fromRow(checkpointId: string, row: Row): CheckpointLeadPin {
  return {
    checkpointId,
    version: row.version,
    setAt: row.set_at,
    // Written only from LeadPinSetterInfo.
    setBy: row.set_by as LeadPinSetter,
    hash: {
      // Only LEAD_PIN_ALGORITHM is ever written (the wire schema accepts no other).
      algorithm: row.algorithm as LeadPinHash['algorithm'],
      iterations: row.iterations,
      saltB64: row.salt_b64,
      hashB64: row.hash_b64,
    },
  };
}

const RETURNED = ['version', 'algorithm', 'iterations', 'salt_b64', 'hash_b64', 'set_at', 'set_by'] as const;

export function createLeadPinRepository({ db, dialect, now }: StoreContext): LeadPinRepository {
  const values = (checkpointId: string, hash: LeadPinHash, by: LeadPinSetterInfo, setAt: string) => ({
    checkpoint_id: checkpointId,
    version: 1,
    algorithm: hash.algorithm,
    iterations: hash.iterations,
    salt_b64: hash.saltB64,
    hash_b64: hash.hashB64,
    set_at: setAt,
    set_by: by.setBy,
    set_by_device_id: by.deviceId,
  });

  return {
    async get(checkpointId) {
      const row = await db
        .selectFrom('checkpoint_lead_pins')
        .select(RETURNED)
        .where('checkpoint_id', '=', checkpointId)
        .executeTakeFirst();
      if (row === undefined) return { checkpointId, version: 0, setAt: null, setBy: null, hash: null };
      return fromRow(checkpointId, row);
    },

    async setFirst(checkpointId, hash, by) {
      const row = await db
        .insertInto('checkpoint_lead_pins')
        .values(values(checkpointId, hash, by, isoAt(now())))
        .onConflict((oc) => oc.column('checkpoint_id').doNothing())
        .returning(RETURNED)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(checkpointId, row);
    },

    replace(checkpointId, hash, by) {
      const setAt = isoAt(now());
      return writeTransaction(db, dialect, async (trx) => {
        // One upsert: the first PIN or the next version, whichever the row's presence says at the moment it is written.
        const row = await trx
          .insertInto('checkpoint_lead_pins')
          .values(values(checkpointId, hash, by, setAt))
          .onConflict((oc) =>
            oc.column('checkpoint_id').doUpdateSet((eb) => ({
              version: eb(eb.ref('checkpoint_lead_pins.version'), '+', 1),
              algorithm: eb.ref('excluded.algorithm'),
              iterations: eb.ref('excluded.iterations'),
              salt_b64: eb.ref('excluded.salt_b64'),
              hash_b64: eb.ref('excluded.hash_b64'),
              set_at: eb.ref('excluded.set_at'),
              set_by: eb.ref('excluded.set_by'),
              set_by_device_id: eb.ref('excluded.set_by_device_id'),
            })),
          )
          .returning(RETURNED)
          .executeTakeFirstOrThrow();
        // Whoever knew the old PIN no longer holds the lead's screens on the server, the one who changed it included.
        await trx
          .updateTable('lead_sessions')
          .set({ revoked_at: setAt })
          .where('checkpoint_id', '=', checkpointId)
          .where('revoked_at', 'is', null)
          .execute();
        return fromRow(checkpointId, row);
      });
    },
  };
}
