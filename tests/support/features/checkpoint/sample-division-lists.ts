// Division lists for the picker's tests: the sample chunks (tests/support/domain/sample-divisions.ts) served by a fake
// of the app's origin, kept in a store in memory; `offline` answers every fetch with a network error.
import type { DivisionChunkStore } from '../../../../src/db/division-chunk-store.ts';
import {
  divisionChunkPath,
  townshipChunkKey,
  villageChunkKey,
  COUNTY_INDEX_KEY,
} from '../../../../src/domain/division-data.ts';
import { createDivisionLists, type DivisionLists } from '../../../../src/sync/division-lists.ts';
import { SyncNetworkError, type ApiClient } from '../../../../src/sync/transport.ts';
import { sampleCountyIndex, sampleTownships43, sampleVillages4313 } from '../../domain/sample-divisions.ts';

const FILES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [`/${divisionChunkPath(COUNTY_INDEX_KEY)}`, sampleCountyIndex],
  [`/${divisionChunkPath(townshipChunkKey('43'))}`, sampleTownships43],
  [`/${divisionChunkPath(villageChunkKey('4313'))}`, sampleVillages4313],
]);

export function memoryDivisionStore(): DivisionChunkStore & { rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  return {
    rows,
    get: (key, version) => Promise.resolve(rows.get(`${version}/${key}`)),
    put: (key, version, chunk) => {
      rows.set(`${version}/${key}`, chunk);
      return Promise.resolve();
    },
    keys: (version) =>
      Promise.resolve(
        [...rows.keys()].filter((k) => k.startsWith(`${version}/`)).map((k) => k.slice(version.length + 1)),
      ),
  };
}

export function sampleDivisionLists(
  options: { offline?: boolean; store?: DivisionChunkStore } = {},
): DivisionLists & { requested: string[] } {
  const requested: string[] = [];
  const app: Pick<ApiClient, 'json'> = {
    json: (call, schema) => {
      requested.push(call.path);
      const file = FILES.get(call.path);
      if (options.offline === true || file === undefined) {
        return Promise.reject(new SyncNetworkError(`no ${call.path}`));
      }
      return Promise.resolve(schema.parse(file));
    },
  };
  return Object.assign(createDivisionLists({ store: options.store ?? memoryDivisionStore(), app, now: () => 0 }), {
    requested,
  });
}
