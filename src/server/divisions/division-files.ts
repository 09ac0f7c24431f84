// The division chunks the server finds in the app's build (dist/divisions/<version>/, ADR 034), read for the hand-off
// list: older records of free text are matched to codes by their exact names, and groups are shown under the listed
// names. A server without the built app (API only) or without the chunks simply has no lists: groups then go by the
// codes the records carry and by names.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { countyIndexChunkSchema, townshipChunkSchema, villageChunkSchema } from '../../contract/divisions.ts';
import {
  COUNTY_INDEX_KEY,
  divisionChunkPath,
  townshipChunkKey,
  villageChunkKey,
  type DivisionChunkKey,
} from '../../domain/division-data.ts';
import {
  cityCodeOf,
  createDivisionLookup,
  destinationCodes,
  provinceCodeOf,
  type CountyIndexChunk,
  type DivisionLookup,
  type TownshipChunk,
  type VillageChunk,
} from '../../domain/divisions.ts';
import type { Destination } from '../../domain/vehicle-check.ts';

export interface DivisionFiles {
  /** The lists the destinations need: their counties' townships and villages; null when the server has none. */
  lookupFor(destinations: readonly Destination[]): Promise<DivisionLookup | null>;
  /** Whether the county code is one of the lists' (true when the server has no lists to tell). */
  knowsCounty(code: string): Promise<boolean>;
  /** Every province, prefecture and county (pasted risk areas are matched against it); null when the server has none. */
  countyIndex(): Promise<CountyIndexChunk | null>;
}

/** Chunks are read once and kept: a province's townships are about 30 KB, a prefecture's villages 30–300 KB. */
export function createDivisionFiles(distDir: string | null): DivisionFiles {
  const cache = new Map<DivisionChunkKey, Promise<unknown>>();
  // The counties alone, made once per index read: its by-name map is what matches older records' free text.
  const countyLookups = new WeakMap<CountyIndexChunk, DivisionLookup>();
  const countiesOf = (index: CountyIndexChunk): DivisionLookup => {
    let lookup = countyLookups.get(index);
    if (lookup === undefined) {
      lookup = createDivisionLookup(index);
      countyLookups.set(index, lookup);
    }
    return lookup;
  };

  function read<T>(key: DivisionChunkKey, schema: z.ZodType<T>): Promise<T | null> {
    if (distDir === null) return Promise.resolve(null);
    let chunk = cache.get(key);
    if (chunk === undefined) {
      chunk = readFile(join(distDir, divisionChunkPath(key)), 'utf8').then(
        (text) => schema.parse(JSON.parse(text)),
        // No such chunk in this build (no build at all, or a prefecture without villages): no list.
        () => null,
      );
      cache.set(key, chunk);
    }
    return chunk as Promise<T | null>;
  }

  const index = () => read<CountyIndexChunk>(COUNTY_INDEX_KEY, countyIndexChunkSchema);

  return {
    async lookupFor(destinations) {
      const counties = await index();
      if (counties === null) return null;
      // The counties first (recorded or matched by name), then the lists below them.
      const countyOnly = countiesOf(counties);
      const countyCodes = new Set(
        destinations.map((d) => destinationCodes(d, countyOnly).countyCode).filter((c) => c !== undefined),
      );
      const provinces = new Set([...countyCodes].map(provinceCodeOf));
      const cities = new Set([...countyCodes].map(cityCodeOf));
      const townships = await Promise.all(
        [...provinces].map((p) => read<TownshipChunk>(townshipChunkKey(p), townshipChunkSchema)),
      );
      const villages = await Promise.all(
        [...cities].map((c) => read<VillageChunk>(villageChunkKey(c), villageChunkSchema)),
      );
      return createDivisionLookup(
        counties,
        townships.filter((t) => t !== null),
        villages.filter((v) => v !== null),
      );
    },
    async knowsCounty(code) {
      const counties = await index();
      return counties === null || counties.counties.some(([county]) => county === code);
    },
    countyIndex: index,
  };
}
