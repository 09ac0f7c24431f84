// The hand-off list (交接名单): a day's flagged persons grouped by destination county → township → village, for the grid
// workers (网格员), and its shape (api.md; the wire schema is src/contract/handoff.ts).
import { destinationCodes, type DivisionCodes, type DivisionLookup } from './divisions.ts';
import type { Destination, VehicleCheck } from './vehicle-check.ts';
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
  /** The listed name when the division is known by its code; else the name as the first person's record wrote it. */
  county: string;
  township: string;
  village: string;
  persons: HandoffPerson[];
  // Added (ADR 034): the group's division codes, as far as they are known; a group of free-text names has none.
  countyCode?: string | undefined;
  townshipCode?: string | undefined;
  villageCode?: string | undefined;
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

/** One level's part of a group's key: its code when known, else its name exactly as written. */
const keyPart = (code: string | undefined, name: string): string =>
  code === undefined ? `name:${name}` : `code:${code}`;

/** A destination's codes (recorded, or matched by exact name) and the names its group shows. */
function placeOf(destination: Destination, lookup: DivisionLookup | null): DivisionCodes & Destination {
  const codes = destinationCodes(destination, lookup);
  const listedCounty = codes.countyCode === undefined ? undefined : lookup?.county(codes.countyCode);
  const listedTownship = codes.townshipCode === undefined ? undefined : lookup?.township(codes.townshipCode);
  const listedVillage = codes.villageCode === undefined ? undefined : lookup?.village(codes.villageCode);
  return {
    province: listedCounty?.province.name ?? destination.province,
    city: listedCounty?.city.name ?? destination.city,
    county: listedCounty?.name ?? destination.county,
    township: listedTownship?.name ?? destination.township,
    village: listedVillage?.name ?? destination.village,
    ...codes,
  };
}

/**
 * `checks` are the day's checks, each once at its highest rev, with the server's flags. A person counts when
 * any flag is set; one without a registration still appears, so a worker knows someone is missing.
 *
 * Persons are grouped by the codes of their destination (ADR 034): '三塘铺镇' and '三塘铺' chosen from the lists are one
 * township. A record of free text is matched to the codes whose names it writes exactly (`lookup`: the lists at hand;
 * null when none are); what still has no code is grouped by its name.
 */
export function handoffList(
  checks: readonly VehicleCheck[],
  context: HandoffContext,
  lookup: DivisionLookup | null = null,
): HandoffList {
  const byPlace = new Map<string, HandoffGroup>();
  const ordered = [...checks].sort(
    (a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt) || a.id.localeCompare(b.id),
  );
  for (const check of ordered) {
    const flagged = check.persons.filter((person) => person.flags.length > 0);
    if (flagged.length === 0) continue;
    const place = placeOf(check.vehicle.destination, lookup);
    const { countyCode, townshipCode, villageCode } = place;
    const key = JSON.stringify([
      keyPart(countyCode, place.county),
      keyPart(townshipCode, place.township),
      keyPart(villageCode, place.village),
    ]);
    let group = byPlace.get(key);
    if (group === undefined) {
      group = {
        county: place.county,
        township: place.township,
        village: place.village,
        persons: [],
        ...(countyCode === undefined ? {} : { countyCode }),
        ...(townshipCode === undefined ? {} : { townshipCode }),
        ...(villageCode === undefined ? {} : { villageCode }),
      };
      byPlace.set(key, group);
    }
    for (const person of flagged) {
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
