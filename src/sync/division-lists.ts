// The division lists on the tablet (ADR 034): each chunk from memory, else from IndexedDB, else fetched from the app's
// own origin (the built app's dist/divisions/) and kept in IndexedDB, so a list once fetched works offline. warmUp
// fetches what the checkpoint needs while the tablet is online: the country's counties, its province's townships,
// its prefecture's villages. No React, no Dexie: the store and the HTTP client come in.
import type { z } from 'zod';
import { countyIndexChunkSchema, townshipChunkSchema, villageChunkSchema } from '../contract/divisions.ts';
import type { DivisionChunkStore } from '../db/division-chunk-store.ts';
import {
  COUNTY_INDEX_KEY,
  DIVISION_DATA,
  divisionChunkPath,
  townshipChunkKey,
  villageChunkKey,
  type DivisionChunkKey,
} from '../domain/division-data.ts';
import {
  cityCodeOf,
  createDivisionLookup,
  destinationCodes,
  homeDivision,
  provinceCodeOf,
  type CheckpointPlace,
  type CountyIndexChunk,
  type DivisionLookup,
  type TownshipChunk,
  type VillageChunk,
} from '../domain/divisions.ts';
import type { Destination } from '../domain/vehicle-check.ts';
import type { ApiClient } from './transport.ts';

export interface DivisionLists {
  /** null when the list is neither kept on the tablet nor reachable now. */
  countyIndex(): Promise<CountyIndexChunk | null>;
  /** One province's townships (2-digit code). */
  townships(provinceCode: string): Promise<TownshipChunk | null>;
  /** One prefecture's villages (4-digit code). */
  villages(cityCode: string): Promise<VillageChunk | null>;
  /**
   * The lists these destinations need (their counties, recorded or matched by exact name, with their townships and
   * villages), as far as they are at hand; null without the counties.
   */
  lookupFor(destinations: readonly Destination[]): Promise<DivisionLookup | null>;
  /** Fetches and keeps what the checkpoint needs; answers the keys the tablet now holds. */
  warmUp(place: CheckpointPlace): Promise<string[]>;
}

export interface DivisionListsDeps {
  store: DivisionChunkStore;
  /** A client of the app's own origin (no token): the lists are files of the built app. */
  app: Pick<ApiClient, 'json'>;
  now: () => number;
}

export function createDivisionLists({ store, app, now }: DivisionListsDeps): DivisionLists {
  const { version } = DIVISION_DATA;
  const memory = new Map<DivisionChunkKey, Promise<unknown>>();

  async function fromStoreOrNetwork<T>(key: DivisionChunkKey, schema: z.ZodType<T>): Promise<T | null> {
    // Stored chunks were checked against the schema when fetched; this tablet wrote them.
    const kept = (await store.get(key, version).catch(() => undefined)) as T | undefined;
    if (kept !== undefined) return kept;
    let fetched: T;
    try {
      fetched = await app.json({ method: 'GET', path: `/${divisionChunkPath(key)}` }, schema, key);
    } catch {
      // Offline, or the build has no such list (a prefecture without villages): none at hand.
      return null;
    }
    // A list that could not be kept (storage full) still serves this visit.
    await store.put(key, version, fetched, now()).catch(() => undefined);
    return fetched;
  }

  function load<T>(key: DivisionChunkKey, schema: z.ZodType<T>): Promise<T | null> {
    let chunk = memory.get(key) as Promise<T | null> | undefined;
    if (chunk === undefined) {
      chunk = fromStoreOrNetwork(key, schema);
      memory.set(key, chunk);
      // What was not at hand may be later (the network returns): ask again next time.
      void chunk.then((found) => {
        if (found === null) memory.delete(key);
      });
    }
    return chunk;
  }

  const lists: DivisionLists = {
    countyIndex: () => load(COUNTY_INDEX_KEY, countyIndexChunkSchema),
    townships: (provinceCode) => load(townshipChunkKey(provinceCode), townshipChunkSchema),
    villages: (cityCode) => load(villageChunkKey(cityCode), villageChunkSchema),
    async lookupFor(destinations) {
      const index = await lists.countyIndex();
      if (index === null) return null;
      const countyOnly = createDivisionLookup(index);
      const codes = [
        ...new Set(destinations.map((d) => destinationCodes(d, countyOnly).countyCode).filter((c) => c !== undefined)),
      ];
      const townships = await Promise.all([...new Set(codes.map(provinceCodeOf))].map((p) => lists.townships(p)));
      const villages = await Promise.all([...new Set(codes.map(cityCodeOf))].map((c) => lists.villages(c)));
      return createDivisionLookup(
        index,
        townships.filter((t) => t !== null),
        villages.filter((v) => v !== null),
      );
    },
    async warmUp(place) {
      const index = await lists.countyIndex();
      if (index !== null) {
        const home = homeDivision(createDivisionLookup(index), place);
        if (home.provinceCode !== undefined) await lists.townships(home.provinceCode);
        if (home.cityCode !== undefined) await lists.villages(home.cityCode);
      }
      return store.keys(version);
    },
  };
  return lists;
}
