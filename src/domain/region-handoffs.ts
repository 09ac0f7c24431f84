// The region's hand-off list (区域交接名单, issue 13): the flagged persons of one date from every checkpoint of a
// command's region, grouped by destination county → township → village exactly as one checkpoint's list groups them
// (handoffList, ADR 034), each person carrying the checkpoint that found them; and the list cut per township, as the
// grid workers of each township take their part.
import { destinationCodes, type DivisionLookup } from './divisions.ts';
import { handoffList, type HandoffGroup, type HandoffPerson } from './handoffs.ts';
import type { Destination, VehicleCheck } from './vehicle-check.ts';

/** A checkpoint of the region as the server lists it. */
export interface RegionHandoffCheckpointPlace {
  checkpointId: string;
  name: string;
  province: string;
  city: string;
  /** IANA zone: its persons' times are read on its clock. */
  timezone: string;
  /** When it was archived; null while it works. */
  archivedAt: string | null;
}

/** A checkpoint the list covers, and how many of the list's persons it found. */
export interface RegionHandoffCheckpoint {
  checkpointId: string;
  name: string;
  province: string;
  city: string;
  timezone: string;
  flaggedPersons: number;
}

export interface RegionHandoffPerson extends HandoffPerson {
  /** The checkpoint that checked the person: whom the grid worker calls back. */
  checkpointId: string;
  checkpointName: string;
}

export interface RegionHandoffGroup extends Omit<HandoffGroup, 'persons'> {
  persons: RegionHandoffPerson[];
}

export interface RegionHandoffList {
  /** 'YYYY-MM-DD': each checkpoint's own local day of it. */
  date: string;
  checkpoints: RegionHandoffCheckpoint[];
  groups: RegionHandoffGroup[];
}

/** A township's part of the list: the groups of its villages (and of the township itself when no village was named). */
export interface RegionTownship {
  /** Tells townships apart: the code when known, else the county and the name as written. */
  key: string;
  county: string;
  township: string;
  countyCode?: string | undefined;
  townshipCode?: string | undefined;
  groups: RegionHandoffGroup[];
}

/**
 * handoffList wants one checkpoint's id for the list it makes; the region's list has many, named person by person,
 * so the one it is given is dropped.
 */
const NO_SINGLE_CHECKPOINT = '';

const destinationKey = (d: Destination): string =>
  JSON.stringify([d.province, d.city, d.county, d.township, d.village, d.countyCode, d.townshipCode, d.villageCode]);

/** Each destination once: what the division lists must be read for. */
export function distinctDestinations(checks: readonly VehicleCheck[]): Destination[] {
  const seen = new Map<string, Destination>();
  for (const check of checks) {
    const destination = check.vehicle.destination;
    const key = destinationKey(destination);
    if (!seen.has(key)) seen.set(key, destination);
  }
  return [...seen.values()];
}

/**
 * The checks with the codes their destinations resolve to written beside the names, each distinct destination
 * resolved once. destinationCodes on a record of free text walks the country's ~2,800 counties, and a name it does
 * not find among a township's villages is looked for again on every call; a region's day repeats a few hundred
 * destinations over tens of thousands of checks, so handoffList is handed the codes already found (and namesOnly).
 */
function withResolvedCodes(checks: readonly VehicleCheck[], lookup: DivisionLookup | null): readonly VehicleCheck[] {
  // Without lists only recorded codes count, and reading them costs nothing.
  if (lookup === null) return checks;
  const resolved = new Map<string, Destination>();
  return checks.map((check) => {
    const destination = check.vehicle.destination;
    const key = destinationKey(destination);
    let coded = resolved.get(key);
    if (coded === undefined) {
      coded = { ...destination, ...destinationCodes(destination, lookup) };
      resolved.set(key, coded);
    }
    return { ...check, vehicle: { ...check.vehicle, destination: coded } };
  });
}

/** One answer per code, asked once. */
function memoized<T>(find: (code: string) => T): (code: string) => T {
  const answers = new Map<string, T>();
  return (code) => {
    if (answers.has(code)) return answers.get(code) as T;
    const answer = find(code);
    answers.set(code, answer);
    return answer;
  };
}

/**
 * The lists as handoffList gets them after withResolvedCodes: divisions named by code (each looked up once), no
 * search by name. The grouping is unchanged: every level a search could find has its code written already, and a
 * search for a level without one would only fail again, so destinationCodes answers each destination as it did.
 */
function namesOnly(lookup: DivisionLookup): DivisionLookup {
  return {
    version: lookup.version,
    county: memoized((code) => lookup.county(code)),
    township: memoized((code) => lookup.township(code)),
    village: memoized((code) => lookup.village(code)),
    counties: () => [],
    countiesNamed: () => [],
    townships: () => undefined,
    villages: () => undefined,
  };
}

/**
 * `checks`: the flagged checks of `date` of the region's checkpoints (each on its own local day), each once at its
 * highest rev with the server's flags (its unflagged persons may be left out already); a check of a checkpoint not in
 * `checkpoints` is left out. Persons are grouped
 * by handoffList's rules, so two checkpoints' persons bound for one village are one group, whatever name each tablet
 * wrote, and within a group in time order across the checkpoints.
 *
 * `checkpoints` lists every checkpoint of the region; an archived one is listed only when it found someone that day
 * (its data are kept, and it is no longer part of the region's work otherwise). Listing order is kept.
 */
export function regionHandoffList(
  date: string,
  checkpoints: readonly RegionHandoffCheckpointPlace[],
  checks: readonly VehicleCheck[],
  lookup: DivisionLookup | null = null,
): RegionHandoffList {
  const byId = new Map(checkpoints.map((checkpoint) => [checkpoint.checkpointId, checkpoint]));
  const ours = checks.filter((check) => byId.has(check.checkpointId));
  const checkpointOfCheck = new Map(ours.map((check) => [check.id, check.checkpointId]));
  const list = handoffList(
    withResolvedCodes(ours, lookup),
    { checkpointId: NO_SINGLE_CHECKPOINT, date },
    lookup === null ? null : namesOnly(lookup),
  );
  const found = new Map<string, number>();
  const groups = list.groups.map(({ persons, ...group }) => ({
    ...group,
    persons: persons.map((person) => {
      const checkpointId = checkpointOfCheck.get(person.checkId) ?? '';
      found.set(checkpointId, (found.get(checkpointId) ?? 0) + 1);
      return { ...person, checkpointId, checkpointName: byId.get(checkpointId)?.name ?? '' };
    }),
  }));
  const listed = checkpoints
    .map(({ archivedAt, ...checkpoint }) => ({
      archived: archivedAt !== null,
      checkpoint: { ...checkpoint, flaggedPersons: found.get(checkpoint.checkpointId) ?? 0 },
    }))
    .filter(({ archived, checkpoint }) => !archived || checkpoint.flaggedPersons > 0)
    .map(({ checkpoint }) => checkpoint);
  return { date, checkpoints: listed, groups };
}

/** A township's key: its code, or for one known only by name, its county (by code or name) and that name. */
function townshipKey(group: Pick<HandoffGroup, 'county' | 'township' | 'countyCode' | 'townshipCode'>): string {
  if (group.townshipCode !== undefined) return `code:${group.townshipCode}`;
  return JSON.stringify([group.countyCode ?? `name:${group.county}`, group.township]);
}

/** The list's townships in its order (county, then township, in pinyin), each with its groups. */
export function regionTownships(list: RegionHandoffList): RegionTownship[] {
  const townships = new Map<string, RegionTownship>();
  for (const group of list.groups) {
    const key = townshipKey(group);
    let township = townships.get(key);
    if (township === undefined) {
      township = {
        key,
        county: group.county,
        township: group.township,
        ...(group.countyCode === undefined ? {} : { countyCode: group.countyCode }),
        ...(group.townshipCode === undefined ? {} : { townshipCode: group.townshipCode }),
        groups: [],
      };
      townships.set(key, township);
    }
    township.groups.push(group);
  }
  return [...townships.values()];
}

/**
 * The part of the list bound for the township of this 9-digit code. A destination written by hand that no list
 * matched has no code and belongs to no township's part: it is in the whole region's list only.
 */
export function townshipPart(list: RegionHandoffList, townshipCode: string): RegionHandoffList {
  return { ...list, groups: list.groups.filter((group) => group.townshipCode === townshipCode) };
}
