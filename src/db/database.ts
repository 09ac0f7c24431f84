// The tablet's IndexedDB schema (Dexie): row types, the versioned stores, and how a connection is opened.
import { Dexie, type EntityTable } from 'dexie';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { TallySlotBuilder, type TallySlot } from './tally-entry.ts';
import type { ShiftSummary } from '../domain/shift-summary.ts';

export type SyncState = 'pending' | 'synced' | 'rejected';

/** A completed check as the tablet keeps it: the wire record plus local bookkeeping. */
export interface StoredCheck {
  id: string;
  rev: number;
  /** Checkpoint-local YYYY-MM-DD of completedAt: the day the check counts on. */
  day: string;
  completedAt: string;
  /** Epoch ms of the save the officer was told about. */
  savedAt: number;
  /**
   * As stored: 'pending' from the save on, 'rejected' when the server refused this rev or the tablet parked it
   * (parkedAt), 'synced' only in rows of schema version 1. Acknowledgements do not rewrite this large row (see
   * SyncMark): the repositories return the effective state — pending while the outbox holds the check, else
   * rejected or synced.
   */
  syncState: SyncState;
  syncedAt: number | null;
  rejectReason: string | null;
  /**
   * The server's code for the refusal (src/contract/reject-code.ts), matched to an explanation; the reason above is
   * shown beside it, and alone when the code is unknown or missing (rows refused before codes existed have none).
   * No index: Dexie stores the extra field as it is.
   */
  rejectCode?: string | null;
  /**
   * Epoch ms when the tablet parked this rev (ADR 028): the server answered it with errors (5xx) again and again
   * while it took the other checks, so it is no longer sent on its own. Stored with syncState 'rejected' and the
   * server's words as rejectReason, so a build from before parking lists it with the refused checks; the officer's
   * retry (retryParked) queues it again, and an amendment replaces the row without it. Absent or null otherwise.
   * No index: Dexie stores the extra field as it is, and no schema version is needed.
   */
  parkedAt?: number | null;
  check: VehicleCheck;
}

/** One entry per check waiting to be sent, for its newest rev. */
export interface OutboxEntry {
  /** Auto-increment: creation order is send order. */
  seq?: number;
  checkId: string;
  rev: number;
  queuedAt: number;
}

/** The server acknowledged this rev: a small row, so acknowledging 500 checks writes 500 small rows. */
export interface SyncMark {
  id: string;
  rev: number;
  syncedAt: number;
}

export interface DraftRow {
  /** The id of the check being entered. */
  id: string;
  updatedAt: number;
  /** Owned and validated by the checkpoint feature; stored as given. */
  payload: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** What the closing officer handed over (交班), kept with the shift so it can be reopened and printed later. */
export interface ShiftHandover {
  /** The summary as it stood at closing: later syncs or amendments do not rewrite what was handed over. */
  summary: ShiftSummary;
  /** 交接事项 for the next team; '' when none. */
  note: string;
  /** 接班班组; null when the closing officer named none. */
  receivingTeam: string | null;
}

export interface ShiftRow {
  id: string;
  officerId: string;
  officerName: string;
  team: string;
  startedAt: number;
  endedAt: number | null;
  /** Present once the shift was closed with a hand-over (no index: Dexie stores the extra field as it is). */
  handover?: ShiftHandover;
}

/**
 * A division list the tablet keeps for offline use (ADR 034): the country's counties, its province's townships, its
 * prefecture's villages, and any other list the officer opened online. Stored as fetched (validated) and replaced
 * when the app ships lists of a newer edition.
 */
export interface DivisionChunkRow {
  /** DivisionChunkKey: 'counties', 'townships-43', 'villages-4313'. */
  key: string;
  /** DIVISION_DATA.version of the lists it belongs to. */
  version: string;
  storedAt: number;
  /** The chunk as src/contract/divisions.ts validated it. */
  chunk: unknown;
}

export type Durability = 'strict' | 'relaxed';

export const DEFAULT_DATABASE_NAME = 'kakou';
/** Whole check rows read at a time by the version-3 upgrade. */
const UPGRADE_PAGE_ROWS = 2000;

export class KakouDatabase extends Dexie {
  // `declare`, not `!`: a class field would be initialised to undefined after Dexie set the tables up.
  declare checks: EntityTable<StoredCheck, 'id'>;
  declare outbox: EntityTable<OutboxEntry, 'seq'>;
  declare drafts: EntityTable<DraftRow, 'id'>;
  declare settings: EntityTable<SettingRow, 'key'>;
  declare shifts: EntityTable<ShiftRow, 'id'>;
  declare syncMarks: EntityTable<SyncMark, 'id'>;
  declare tallySlots: EntityTable<TallySlot, 'key'>;
  declare divisionChunks: EntityTable<DivisionChunkRow, 'key'>;

  constructor(name: string, durability: Durability) {
    // Chromium commits relaxed by default: a power cut can lose a save the officer was told about.
    // Dexie applies this to every transaction of this connection.
    super(name, { chromeTransactionDurability: durability });

    // Versions are never edited once shipped: tablets in the field hold data in them.
    // To change the schema add a new version below this one, listing only the stores that change
    // (null deletes a store), and an .upgrade(tx => ...) when existing rows need new fields, e.g.
    //   this.version(2).stores({ checks: 'id, day, syncState, [day+syncState], completedAt, team' })
    //     .upgrade((tx) => tx.table('checks').toCollection().modify(...));
    this.version(1).stores({
      checks: 'id, day, syncState, [day+syncState], completedAt',
      outbox: '++seq, &checkId',
      drafts: 'id, updatedAt',
      settings: 'key',
      shifts: 'id, startedAt',
    });
    // Version 2: acknowledgements as small rows instead of rewriting each (large) check row.
    this.version(2).stores({ syncMarks: 'id, syncedAt' });
    // Version 3: the day's report's packed copy of each check (tally-entry.ts, ADR 013), filled from the checks held.
    this.version(3)
      .stores({ tallySlots: 'key, day' })
      .upgrade(async (tx) => {
        // Read in pages by id: a tablet may hold weeks of checks, too many whole rows to hold in memory at once.
        const checks = tx.table<StoredCheck, string>('checks');
        const slots = new TallySlotBuilder();
        let last: string | null = null;
        for (;;) {
          const page: StoredCheck[] = await (last === null ? checks.orderBy(':id') : checks.where(':id').above(last))
            .limit(UPGRADE_PAGE_ROWS)
            .toArray();
          if (page.length === 0) break;
          slots.add(page);
          last = page[page.length - 1]?.id ?? null;
        }
        await tx.table<TallySlot, string>('tallySlots').bulkPut(slots.slots());
      });
    // Version 4: the division lists for the destination picker offline (ADR 034); filled when the tablet is online.
    this.version(4).stores({ divisionChunks: 'key' });
  }
}

export function openKakouDatabase(options?: { name?: string; durability?: Durability }): KakouDatabase {
  return new KakouDatabase(options?.name ?? DEFAULT_DATABASE_NAME, options?.durability ?? 'strict');
}
