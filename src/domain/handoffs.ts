// The hand-off list (交接名单): a day's flagged persons grouped by destination county → township → village, for the grid
// workers (网格员), and its shape (api.md; the wire schema is src/contract/handoff.ts).
import type { VehicleCheck } from './vehicle-check.ts';
import type { Disposition, Flag } from './vocabulary.ts';

export interface HandoffPerson {
  checkId: string;
  completedAt: string;
  plate: string | null;
  /** At least one. */
  flags: Flag[];
  disposition: Disposition;
  // Full values, not masked: the grid workers call and visit these people. Null when nobody registered the person.
  name: string | null;
  idNumber: string | null;
  phone: string | null;
}

export interface HandoffGroup {
  county: string;
  township: string;
  village: string;
  persons: HandoffPerson[];
}

export interface HandoffList {
  checkpointId: string;
  /** The checkpoint's local day, 'YYYY-MM-DD'. */
  date: string;
  groups: HandoffGroup[];
}

export interface HandoffContext {
  checkpointId: string;
  /** 'YYYY-MM-DD', the checkpoint's local day the checks were read for. */
  date: string;
}

// Pinyin order, as a Chinese reader looks a place up in a list.
const placeOrder = new Intl.Collator('zh-CN');

/**
 * `checks` are the day's checks, each once at its highest rev, with the server's flags. A person counts when
 * any flag is set; one without a registration still appears, so a worker knows someone is missing.
 */
export function handoffList(checks: readonly VehicleCheck[], context: HandoffContext): HandoffList {
  const byPlace = new Map<string, HandoffGroup>();
  const ordered = [...checks].sort(
    (a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt) || a.id.localeCompare(b.id),
  );
  for (const check of ordered) {
    const { county, township, village } = check.vehicle.destination;
    for (const person of check.persons) {
      if (person.flags.length === 0) continue;
      const key = JSON.stringify([county, township, village]);
      let group = byPlace.get(key);
      if (group === undefined) {
        group = { county, township, village, persons: [] };
        byPlace.set(key, group);
      }
      const listed: HandoffPerson = {
        checkId: check.id,
        completedAt: check.completedAt,
        plate: check.vehicle.plate,
        flags: [...person.flags],
        disposition: person.disposition,
        name: person.registration?.name ?? null,
        idNumber: person.registration?.idNumber ?? null,
        phone: person.registration?.phone ?? null,
      };
      group.persons.push(listed);
    }
  }
  const groups = [...byPlace.values()].sort(
    (a, b) =>
      placeOrder.compare(a.county, b.county) ||
      placeOrder.compare(a.township, b.township) ||
      placeOrder.compare(a.village, b.village),
  );
  return { checkpointId: context.checkpointId, date: context.date, groups };
}
