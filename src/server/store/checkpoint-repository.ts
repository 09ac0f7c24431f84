// Checkpoints and their enrollment codes (stored hashed; a rotation makes the old code useless at once).
import { randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../domain/time.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { StoreInputError } from './store-errors.ts';
import { canonicalEnrollmentCode, hashSecret, newEnrollmentCode } from './tokens.ts';

export interface Checkpoint {
  id: string;
  name: string;
  province: string;
  city: string;
  timezone: string;
  /** GB/T 2260 code of the county it stands in (ADR 034); null until an admin names it. */
  countyCode: string | null;
  /** When an admin archived it (ADR 038): its tablets no longer sync or enroll; its data are kept. */
  archivedAt: string | null;
}

export interface NewCheckpoint {
  name: string;
  province: string;
  city: string;
  /** IANA zone; DEFAULT_TIME_ZONE (src/domain/time.ts) when left out. */
  timezone?: string | undefined;
  /** 6 digits; none when left out. */
  countyCode?: string | undefined;
}

/** A checkpoint as an admin looks through them: its tablets counted, never its enrollment code or the code's hash. */
export interface CheckpointListing extends Checkpoint {
  createdAt: string;
  /** Tablets enrolled and not revoked. */
  activeDevices: number;
  /** The latest time any of its tablets was seen (LAST_SEEN_RESOLUTION_MS); null before the first. */
  lastSeenAt: string | null;
  /** The latest batch any of its tablets posted; null before the first. */
  lastSyncAt: string | null;
}

/** What an admin may change of a checkpoint after creating it. */
export interface CheckpointChanges {
  name?: string | undefined;
  /** IANA zone. */
  timezone?: string | undefined;
}

export interface CheckpointRepository {
  /** The enrollment code is returned once, here; only its hash is kept. Throws StoreInputError on an unknown time zone or an empty name. */
  create(input: NewCheckpoint): Promise<{ checkpoint: Checkpoint; enrollmentCode: string }>;
  get(id: string): Promise<Checkpoint | undefined>;
  /** Accepts the code as typed: any case, with or without dashes and spaces. An archived checkpoint enrolls none. */
  findByEnrollmentCode(code: string): Promise<Checkpoint | undefined>;
  /** The checkpoint as changed; undefined when there is none. Throws StoreInputError on an unknown zone or empty name. */
  change(id: string, changes: CheckpointChanges): Promise<Checkpoint | undefined>;
  /** Archives it (a second time keeps the first time) and ends its lead sessions; false when there is none. */
  archive(id: string): Promise<boolean>;
  /** A new code for the checkpoint (the old one stops working); undefined when there is no such checkpoint. */
  rotateEnrollmentCode(id: string): Promise<string | undefined>;
  /** Names the county the checkpoint stands in (6 digits, or null for none); false when there is no such checkpoint. */
  setCountyCode(id: string, countyCode: string | null): Promise<boolean>;
  count(): Promise<number>;
  /** Every checkpoint, archived ones too, oldest first. */
  list(): Promise<CheckpointListing[]>;
}

const hashCode = (code: string): string => hashSecret(canonicalEnrollmentCode(code));

const COUNTY_CODE = /^\d{6}$/u;

function checkedCountyCode(code: string | null | undefined): string | null {
  if (code === undefined || code === null) return null;
  if (!COUNTY_CODE.test(code)) throw new StoreInputError(`a county code has 6 digits (GB/T 2260): ${code}`);
  return code;
}

type CheckpointRow = Omit<Checkpoint, 'countyCode' | 'archivedAt'> & {
  county_code: string | null;
  archived_at: string | null;
};

const fromRow = ({ county_code, archived_at, ...row }: CheckpointRow): Checkpoint => ({
  ...row,
  countyCode: county_code,
  archivedAt: archived_at,
});

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StoreInputError('a checkpoint needs a name');
  return trimmed;
}

function checkedTimeZone(timezone: string): string {
  if (!isTimeZone(timezone)) throw new StoreInputError(`unknown time zone: ${timezone}`);
  return timezone;
}

export function createCheckpointRepository({ db, now }: StoreContext): CheckpointRepository {
  const columns = ['id', 'name', 'province', 'city', 'timezone', 'county_code', 'archived_at'] as const;
  return {
    async create(input) {
      const checkpoint: Checkpoint = {
        id: randomUUID(),
        name: checkedName(input.name),
        province: input.province.trim(),
        city: input.city.trim(),
        timezone: checkedTimeZone(input.timezone ?? DEFAULT_TIME_ZONE),
        countyCode: checkedCountyCode(input.countyCode),
        archivedAt: null,
      };
      const enrollmentCode = newEnrollmentCode();
      const { countyCode, archivedAt, ...row } = checkpoint;
      await db
        .insertInto('checkpoints')
        .values({
          ...row,
          county_code: countyCode,
          archived_at: archivedAt,
          enrollment_code_hash: hashCode(enrollmentCode),
          created_at: isoAt(now()),
        })
        .execute();
      return { checkpoint, enrollmentCode };
    },

    async get(id) {
      const row = await db.selectFrom('checkpoints').select(columns).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },

    async findByEnrollmentCode(code) {
      if (canonicalEnrollmentCode(code) === '') return undefined;
      const row = await db
        .selectFrom('checkpoints')
        .select(columns)
        .where('enrollment_code_hash', '=', hashCode(code))
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },

    async change(id, changes) {
      const set = {
        ...(changes.name === undefined ? {} : { name: checkedName(changes.name) }),
        ...(changes.timezone === undefined ? {} : { timezone: checkedTimeZone(changes.timezone) }),
      };
      if (Object.keys(set).length > 0) await db.updateTable('checkpoints').set(set).where('id', '=', id).execute();
      const row = await db.selectFrom('checkpoints').select(columns).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },

    async archive(id) {
      const found = await db.selectFrom('checkpoints').select('id').where('id', '=', id).executeTakeFirst();
      if (found === undefined) return false;
      const at = isoAt(now());
      await db
        .updateTable('checkpoints')
        .set({ archived_at: at })
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .execute();
      // A lead token is its tablet acting with the lead's screens open: the tablets' tokens stop here (devices'
      // authenticate joins the checkpoint), and so must their lead sessions, or a lead could go on posting checks.
      await db
        .updateTable('lead_sessions')
        .set({ revoked_at: at })
        .where('checkpoint_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    },

    async setCountyCode(id, countyCode) {
      const result = await db
        .updateTable('checkpoints')
        .set({ county_code: checkedCountyCode(countyCode) })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async rotateEnrollmentCode(id) {
      const enrollmentCode = newEnrollmentCode();
      const result = await db
        .updateTable('checkpoints')
        .set({ enrollment_code_hash: hashCode(enrollmentCode) })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? enrollmentCode : undefined;
    },

    async count() {
      const row = await db
        .selectFrom('checkpoints')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async list() {
      const rows = await db
        .selectFrom('checkpoints')
        .select([...columns, 'created_at'])
        .select((eb) => [
          eb
            .selectFrom('devices')
            .select((inner) => inner.fn.countAll<number | string>().as('n'))
            .whereRef('devices.checkpoint_id', '=', 'checkpoints.id')
            .where('devices.revoked_at', 'is', null)
            .as('active_devices'),
          eb
            .selectFrom('devices')
            .select((inner) => inner.fn.max('devices.last_seen_at').as('latest'))
            .whereRef('devices.checkpoint_id', '=', 'checkpoints.id')
            .as('last_seen_at'),
          eb
            .selectFrom('devices')
            .select((inner) => inner.fn.max('devices.last_sync_at').as('latest'))
            .whereRef('devices.checkpoint_id', '=', 'checkpoints.id')
            .as('last_sync_at'),
        ])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        province: row.province,
        city: row.city,
        timezone: row.timezone,
        countyCode: row.county_code,
        archivedAt: row.archived_at,
        createdAt: row.created_at,
        activeDevices: Number(row.active_devices ?? 0),
        lastSeenAt: row.last_seen_at ?? null,
        lastSyncAt: row.last_sync_at ?? null,
      }));
    },
  };
}
