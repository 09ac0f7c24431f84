// A built app's folder holding only the sample division chunks (tests/support/domain/sample-divisions.ts), as the
// server reads them from dist/divisions/ for the hand-off list.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  COUNTY_INDEX_KEY,
  divisionChunkPath,
  townshipChunkKey,
  villageChunkKey,
} from '../../../src/domain/division-data.ts';
import { sampleCountyIndex, sampleTownships43, sampleVillages4313 } from '../domain/sample-divisions.ts';

export interface DivisionDist {
  dir: string;
  remove(): void;
}

export function writeSampleDivisionDist(): DivisionDist {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-divisions-'));
  const chunks = [
    [COUNTY_INDEX_KEY, sampleCountyIndex],
    [townshipChunkKey('43'), sampleTownships43],
    [villageChunkKey('4313'), sampleVillages4313],
  ] as const;
  for (const [key, chunk] of chunks) {
    const path = join(dir, divisionChunkPath(key));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(chunk));
  }
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
