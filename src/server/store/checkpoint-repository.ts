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
}

export interface NewCheckpoint {
  name: string;
  province: string;
  city: string;
  /** IANA zone; DEFAULT_TIME_ZONE (src/domain/time.ts) when left out. */
  timezone?: string;
  /** 6 digits; none when left out. */
  countyCode?: string;
}

/** A checkpoint as an admin looks through them: its tablets counted, never its enrollment code or the code's hash. */
export interface CheckpointListing extends Checkpoint {
  createdAt: string;
  /** Tablets enrolled and not revoked. */
  activeDevices: number;
  /** The latest time any of its tablets was seen (LAST_SEEN_RESOLUTION_MS); null before the first. */
  lastSeenAt: string | null;
}

export interface CheckpointRepository {
  /** The enrollment code is returned once, here; only its hash is kept. Throws StoreInputError on an unknown time zone or an empty name. */
  create(input: NewCheckpoint): Promise<{ checkpoint: Checkpoint; enrollmentCode: string }>;
  get(id: string): Promise<Checkpoint | undefined>;
  /** Accepts the code as typed: any case, with or without dashes and spaces. */
  findByEnrollmentCode(code: string): Promise<Checkpoint | undefined>;
  /** A new code for the checkpoint (the old one stops working); undefined when there is no such checkpoint. */
  rotateEnrollmentCode(id: string): Promise<string | undefined>;
  /** Names the county the checkpoint stands in (6 digits, or null for none); false when there is no such checkpoint. */
  setCountyCode(id: string, countyCode: string | null): Promise<boolean>;
  count(): Promise<number>;
  /** Every checkpoint, oldest first. */
  list(): Promise<CheckpointListing[]>;
}

const hashCode = (code: string): string => hashSecret(canonicalEnrollmentCode(code));

const COUNTY_CODE = /^\d{6}$/u;

function checkedCountyCode(code: string | null | undefined): string | null {
  if (code === undefined || code === null) return null;
  if (!COUNTY_CODE.test(code)) throw new StoreInputError(`a county code has 6 digits (GB/T 2260): ${code}`);
  return code;
}

type CheckpointRow = Omit<Checkpoint, 'countyCode'> & { county_code: string | null };

const fromRow = ({ county_code, ...row }: CheckpointRow): Checkpoint => ({ ...row, countyCode: county_code });

export function createCheckpointRepository({ db, now }: StoreContext): CheckpointRepository {
  const columns = ['id', 'name', 'province', 'city', 'timezone', 'county_code'] as const;
  return {
    async create(input) {
      const timezone = input.timezone ?? DEFAULT_TIME_ZONE;
      if (!isTimeZone(timezone)) throw new StoreInputError(`unknown time zone: ${timezone}`);
      const name = input.name.trim();
      if (name === '') throw new StoreInputError('a checkpoint needs a name');
      const checkpoint: Checkpoint = {
        id: randomUUID(),
        name,
        province: input.province.trim(),
        city: input.city.trim(),
        timezone,
        countyCode: checkedCountyCode(input.countyCode),
      };
      const enrollmentCode = newEnrollmentCode();
      const { countyCode, ...row } = checkpoint;
      await db
        .insertInto('checkpoints')
        .values({
          ...row,
          county_code: countyCode,
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
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
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
        createdAt: row.created_at,
        activeDevices: Number(row.active_devices ?? 0),
        lastSeenAt: row.last_seen_at ?? null,
      }));
    },
  };
}
