// The report's packed copy of a check (ADR 013): the tuple of what tallyDay reads, and the quarter-hour row it lives in.
import type { TallySource } from '../domain/tally.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import type { Disposition, Flag, VehicleType } from '../domain/vocabulary.ts';

// Reading 20,000 rows of one object each costs ~10 µs a row in Chromium's IndexedDB, before a value is decoded;
// 96 rows a day of packed tuples cost a fraction of that (docs/benchmarks.md, figure 11). A busy quarter hour holds a
// few hundred checks, so the row a save rewrites stays small.
const SLOT_MS = 15 * 60_000;

/**
 * id, rev, checkpointId, deviceId, team, completedAt, vehicle type, origin province, origin city, disposition, persons,
 * and the clock skew the check recorded, only when it recorded one (entries written before it have eleven members).
 */
export type TallyEntry = [
  id: string,
  rev: number,
  checkpointId: string,
  deviceId: string,
  team: string,
  completedAt: string,
  vehicleType: VehicleType,
  originProvince: string,
  originCity: string,
  disposition: Disposition,
  /** Per person: their disposition, then their flags. */
  persons: [Disposition, ...Flag[]][],
  /** The tablet's clock minus the server's, in seconds, while it was off (ADR 035). */
  clockSkewSeconds?: number,
];

/** One row of the tallySlots store: the entries of the checks completed in one quarter hour. */
export interface TallySlot {
  /** `${day}|${quarter hours since the epoch}` */
  key: string;
  /** The checkpoint-local day of its checks (the check rows' `day`). */
  day: string;
  entries: TallyEntry[];
}

/** Where a check's entry lives: its local day and the quarter hour (as an instant) of its completedAt. */
export interface SlotPlace {
  day: string;
  completedAt: string;
}

export function slotKeyOf({ day, completedAt }: SlotPlace): string {
  return `${day}|${Math.floor(Date.parse(completedAt) / SLOT_MS)}`;
}

export function tallyEntryOf(check: VehicleCheck): TallyEntry {
  const entry: TallyEntry = [
    check.id,
    check.rev,
    check.checkpointId,
    check.deviceId,
    check.team,
    check.completedAt,
    check.vehicle.type,
    check.vehicle.origin.province,
    check.vehicle.origin.city,
    check.disposition,
    check.persons.map((person): [Disposition, ...Flag[]] => [person.disposition, ...person.flags]),
  ];
  // Most checks record none: their entries stay as short as before.
  if (check.clockSkewSeconds !== undefined) entry.push(check.clockSkewSeconds);
  return entry;
}

export function tallySourceOf(entry: TallyEntry): TallySource {
  const [id, rev, checkpointId, deviceId, team, completedAt, type, province, city, disposition, persons, clockSkew] =
    entry;
  return {
    id,
    rev,
    checkpointId,
    deviceId,
    team,
    completedAt,
    vehicle: { type, origin: { province, city } },
    disposition,
    persons: persons.map(([personDisposition, ...flags]) => ({ disposition: personDisposition, flags })),
    ...(clockSkew === undefined ? {} : { clockSkewSeconds: clockSkew }),
  };
}

/** The slots of checks given in any number of parts, built afresh (the schema upgrade fills the store with them). */
export class TallySlotBuilder {
  readonly #slots = new Map<string, TallySlot>();

  add(rows: readonly (SlotPlace & { check: VehicleCheck })[]): void {
    for (const row of rows) {
      const key = slotKeyOf(row);
      const slot = this.#slots.get(key) ?? { key, day: row.day, entries: [] };
      slot.entries.push(tallyEntryOf(row.check));
      this.#slots.set(key, slot);
    }
  }

  slots(): TallySlot[] {
    return [...this.#slots.values()];
  }
}
