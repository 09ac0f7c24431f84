// The day's report's own copy of the stored checks (ADR 013), kept in step with the checks inside their write
// transactions: removed from and added to quarter-hour rows, and read back for one day.
import type { TallySource } from '../domain/tally.ts';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import type { KakouDatabase } from './database.ts';
import {
  slotKeyOf,
  tallyEntryOf,
  tallySourceOf,
  type SlotPlace,
  type TallyEntry,
  type TallySlot,
} from './tally-entry.ts';

/** Removes checks from the slots they were in and adds checks to theirs; call inside a transaction that includes tallySlots. */
export async function updateTallySlots(
  db: KakouDatabase,
  changes: { remove?: readonly (SlotPlace & { id: string })[]; add?: readonly (SlotPlace & { check: VehicleCheck })[] },
): Promise<void> {
  const removeByKey = new Map<string, Set<string>>();
  for (const place of changes.remove ?? []) {
    const key = slotKeyOf(place);
    removeByKey.set(key, (removeByKey.get(key) ?? new Set()).add(place.id));
  }
  const addByKey = new Map<string, { day: string; entries: TallyEntry[] }>();
  for (const place of changes.add ?? []) {
    const key = slotKeyOf(place);
    const slot = addByKey.get(key) ?? { day: place.day, entries: [] };
    slot.entries.push(tallyEntryOf(place.check));
    addByKey.set(key, slot);
  }
  const keys = [...new Set([...removeByKey.keys(), ...addByKey.keys()])];
  if (keys.length === 0) return;
  const stored = await db.tallySlots.bulkGet(keys);
  const puts: TallySlot[] = [];
  const deletes: string[] = [];
  keys.forEach((key, i) => {
    const added = addByKey.get(key);
    // An id is in a slot once: an added entry replaces an older one of the same check.
    const leaving = new Set([...(removeByKey.get(key) ?? []), ...(added?.entries.map((entry) => entry[0]) ?? [])]);
    const kept = (stored[i]?.entries ?? []).filter((entry) => !leaving.has(entry[0]));
    const entries = [...kept, ...(added?.entries ?? [])];
    const day = stored[i]?.day ?? added?.day;
    if (entries.length === 0 || day === undefined) deletes.push(key);
    else puts.push({ key, day, entries });
  });
  await db.tallySlots.bulkDelete(deletes);
  await db.tallySlots.bulkPut(puts);
}

/** What the day's report counts of each check stored for that day, in no particular order. */
export async function tallySourcesForDay(db: KakouDatabase, day: string): Promise<TallySource[]> {
  const slots = await db.tallySlots.where('day').equals(day).toArray();
  return slots.flatMap((slot) => slot.entries.map(tallySourceOf));
}
