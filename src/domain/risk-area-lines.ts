// Risk areas pasted as a list, one a line ("湖南省 长沙市 岳麓区 中风险"), as the command's console takes them
// (issue 13): in 2022 the lists changed almost daily and came as text. Each line is matched against the
// administrative divisions (ADR 034) to a RiskArea under the lists' own names, or refused with a reason the admin can
// act on, in Chinese and English. The server answers a paste with this rule against its own lists
// (POST /api/v1/policy/risk-area-lines), so what the console shows is what the policy will hold.
import { cityCodeOf, createDivisionLookup, provinceCodeOf, type County, type CountyIndexChunk } from './divisions.ts';
import { canonicalPlace } from './places.ts';
import type { RiskArea } from './policy.ts';
import { firstUnsafeCharacter } from './safe-text.ts';
import { RISK_LEVELS, type RiskLevel } from './vocabulary.ts';
import { LABELS_ZH } from './vocabulary.messages.ts';

/** Lines one paste may hold: a day's national list fits several times over. */
export const RISK_AREA_LINES_MAX = 2000;

/** Why a line was refused: stable codes a client may match on (the words may be reworded). */
export const RISK_AREA_REFUSALS = [
  'hidden-character',
  'no-level',
  'unknown-level',
  'no-place',
  'too-many-parts',
  'unknown-province',
  'city-not-in-province',
  'county-not-in-city',
  'ambiguous-name',
  'duplicate',
] as const;
export type RiskAreaRefusalCode = (typeof RISK_AREA_REFUSALS)[number];

/** What to show, in the console's two languages. */
export interface RiskAreaWords {
  'zh-CN': string;
  en: string;
}

export interface RiskAreaRefusal {
  code: RiskAreaRefusalCode;
  words: RiskAreaWords;
  /** A duplicate's earlier line: the one that stands. */
  earlierLine?: number | undefined;
}

/** The codes of what a line matched; a municipality's district or a city the province runs has no prefecture code. */
export interface RiskAreaCodes {
  province: string;
  city?: string | undefined;
  county?: string | undefined;
}

export type RiskAreaLineResult =
  { kind: 'matched'; area: RiskArea; codes: RiskAreaCodes } | { kind: 'refused'; reason: RiskAreaRefusal };

export interface RiskAreaLine {
  /** 1 for the first line of the paste; blank lines are left out but counted. */
  lineNumber: number;
  /** The line as pasted, without its line break. */
  text: string;
  result: RiskAreaLineResult;
}

/** Province, city and county: a finer area (a township, a compound) is written as its county. */
const PLACE_PARTS_MAX = 3;
/** A name quoted in the words is cut here: a pasted paragraph is not worth repeating whole. */
const QUOTED_CHARS_MAX = 20;
/** Places an ambiguous name lists before "and n more". */
const AMBIGUOUS_LISTED_MAX = 5;

// A Windows text file opened and pasted whole may begin with a byte-order mark: an encoding mark, not a character.
const BYTE_ORDER_MARK = '\uFEFF';
const LINE_BREAK = /\r\n|\r|\n/u;
// Spaces of any width (the full-width U+3000 of Chinese input included) and tabs from a spreadsheet.
const PART_SEPARATOR = /[\p{Zs}\t]+/u;
const BLANK_LINE = /^[\p{Zs}\t]*$/u;

/** The lines of a paste; a final line break ends the last line rather than starting another. */
export function pastedLines(text: string): string[] {
  const lines = (text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text).split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---- The words ----

const quoted = (text: string) => {
  const chars = Array.from(text);
  return `“${chars.length > QUOTED_CHARS_MAX ? `${chars.slice(0, QUOTED_CHARS_MAX).join('')}…` : text}”`;
};
const LEVELS_ZH = RISK_LEVELS.map((l) => LABELS_ZH.riskLevel[l]).join(' 或 ');
const LEVELS_EN = RISK_LEVELS.map((l) => `${LABELS_ZH.riskLevel[l]} (${l})`).join(' or ');
const refused = (code: RiskAreaRefusalCode, zh: string, en: string): RiskAreaRefusal => ({
  code,
  words: { 'zh-CN': zh, en },
});

const refusals = {
  hidden: (position: number, codePoint: string) =>
    refused(
      'hidden-character',
      `第 ${position} 个字符是看不见的 ${codePoint}：删去后再粘贴`,
      `Character ${position} is a hidden ${codePoint}: delete it and paste again`,
    ),
  noLevel: () =>
    refused('no-level', `行末没有风险等级：写 ${LEVELS_ZH}`, `No level at the end of the line: write ${LEVELS_EN}`),
  unknownLevel: (word: string) =>
    refused(
      'unknown-level',
      `没有${quoted(word)}这个风险等级：只能是 ${LEVELS_ZH}`,
      `${quoted(word)} is not a level: only ${LEVELS_EN}`,
    ),
  noPlace: () => refused('no-place', '只有风险等级，没有地区', 'A level but no place'),
  tooManyParts: (count: number) =>
    refused(
      'too-many-parts',
      `地名有 ${count} 级：最多写省、市、县区三级，乡镇街道请写到所在县区`,
      `${count} place names: write at most province, city and county (a township as its county)`,
    ),
  unknownProvince: (name: string) =>
    refused('unknown-province', `找不到${quoted(name)}这个省份`, `There is no province named ${quoted(name)}`),
  cityNotInProvince: (province: string, name: string) =>
    refused(
      'city-not-in-province',
      `${province}没有${quoted(name)}这个市（州）或县区`,
      `No city or county named ${quoted(name)} in ${province}`,
    ),
  countyNotInCity: (city: string, name: string) =>
    refused(
      'county-not-in-city',
      `${city}没有${quoted(name)}这个县区`,
      `No county or district named ${quoted(name)} in ${city}`,
    ),
  ambiguous: (written: string, places: readonly string[]) => {
    const listed = places.slice(0, AMBIGUOUS_LISTED_MAX);
    const more = places.length - listed.length;
    return refused(
      'ambiguous-name',
      `${quoted(written)}可指 ${listed.join('、')}${more > 0 ? ` 等 ${places.length} 处` : ''}：请写上省份和市，或写全称`,
      `${quoted(written)} could be ${listed.join('; ')}${more > 0 ? ` and ${more} more` : ''}: write the province and city, or the full name`,
    );
  },
  duplicate: (earlierLine: number) => ({
    ...refused('duplicate', `与第 ${earlierLine} 行是同一地区`, `The same area as line ${earlierLine}`),
    earlierLine,
  }),
};

// ---- The level: the last part ----

// 高风险 and 中风险 as the vocabulary names them, the 区 and 地区 official notices add, and the values themselves.
const LEVEL_WORDS: ReadonlyMap<string, RiskLevel> = new Map(
  RISK_LEVELS.flatMap((level) => {
    const zh = LABELS_ZH.riskLevel[level];
    return [zh, `${zh}区`, `${zh}地区`, level].map((word) => [word, level] as const);
  }),
);
// Longest first, so '中风险地区' glued to a name ('岳麓区中风险地区') comes off whole.
const GLUED_LEVEL_WORDS = [...LEVEL_WORDS]
  .filter(([word]) => !/^[a-z]+$/u.test(word))
  .sort(([a], [b]) => b.length - a.length);
// A level the policy does not have (低风险, 'low'), told apart from a line that has none.
const LEVEL_LIKE = /风险|risk|^(?:low|mid|middle)$/iu;

type LevelReading = { places: string[]; level: RiskLevel } | { refusal: RiskAreaRefusal };

function readLevel(parts: readonly string[]): LevelReading {
  const last = parts[parts.length - 1] ?? '';
  const before = parts.slice(0, -1);
  const level = LEVEL_WORDS.get(last.toLowerCase());
  if (level !== undefined) return { places: before, level };
  const glued = GLUED_LEVEL_WORDS.find(([word]) => last.endsWith(word) && last.length > word.length);
  if (glued !== undefined) {
    const [word, gluedLevel] = glued;
    return { places: [...before, last.slice(0, -word.length)], level: gluedLevel };
  }
  return { refusal: LEVEL_LIKE.test(last) ? refusals.unknownLevel(last) : refusals.noLevel() };
}

// ---- The places: the divisions indexed by the names samePlace compares ----

interface Named {
  code: string;
  name: string;
}

/** A county, with what a line may write for its prefecture. */
interface Listed {
  county: County;
  /** Null under a municipality or the province itself (the lists' placeholder: 市辖区, 省直辖县级行政区划). */
  city: Named | null;
  /** Names a line may write for the prefecture: its own, or under a placeholder the placeholder and the area's city. */
  cityNames: readonly string[];
  /** The city the area names (see indexPlaces). */
  areaCity: string;
}

interface Places {
  provinces: ReadonlyMap<string, Named[]>;
  /** Real prefectures only. */
  cities: ReadonlyMap<string, (Named & { province: Named })[]>;
  counties: ReadonlyMap<string, Listed[]>;
  /** What a line may write as the city of a municipality, which has no prefecture but itself; by province code. */
  municipalityCityNames: ReadonlyMap<string, readonly string[]>;
}

function byCanonicalName<T>(items: readonly T[], name: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = canonicalPlace(name(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function indexPlaces(index: CountyIndexChunk): Places {
  const counties = createDivisionLookup(index).counties();
  const listedCityName = new Map(index.cities);
  // divisions.ts gives a county under a placeholder prefecture its province as city: such a prefecture is no place.
  const underProvince = (c: County) => c.city.code === c.province.code;
  const placeholders = new Set(counties.filter(underProvince).map((c) => cityCodeOf(c.code)));
  const provinces = index.provinces.map(([code, name]) => ({ code, name }));
  const provinceOf = new Map(provinces.map((p) => [p.code, p]));
  const cities = index.cities.flatMap(([code, name]) => {
    const province = provinceOf.get(provinceCodeOf(code));
    return province === undefined || placeholders.has(code) ? [] : [{ code, name, province }];
  });
  // A municipality (北京 天津 上海 重庆) has no real prefecture: every county of it stands under a placeholder.
  const withCities = new Set(cities.map((c) => c.province.code));
  const municipalityCityNames = new Map<string, string[]>();
  const listed = counties.map((county): Listed => {
    if (!underProvince(county)) {
      return { county, city: county.city, cityNames: [county.city.name], areaCity: county.city.name };
    }
    const placeholder = listedCityName.get(cityCodeOf(county.code)) ?? '';
    const municipality = !withCities.has(county.province.code);
    if (municipality) {
      const names = municipalityCityNames.get(county.province.code) ?? [county.province.name];
      if (!names.includes(placeholder)) names.push(placeholder);
      municipalityCityNames.set(county.province.code, names);
    }
    // Plates (ADR 033) and itinerary cards name a municipality's district by the municipality, and a city the province
    // runs directly (仙桃, 济源) by itself: the area names that city, so that the flag rules (places.ts) find it.
    const areaCity = municipality ? county.province.name : county.name;
    return { county, city: null, cityNames: [placeholder, areaCity, county.province.name], areaCity };
  });
  return {
    provinces: byCanonicalName(provinces, (p) => p.name),
    cities: byCanonicalName(cities, (c) => c.name),
    counties: byCanonicalName(listed, (l) => l.county.name),
    municipalityCityNames,
  };
}

const named = <T>(map: ReadonlyMap<string, T[]>, part: string): T[] => map.get(canonicalPlace(part)) ?? [];
const sameName = (written: string, listed: string) =>
  listed !== '' && canonicalPlace(written) === canonicalPlace(listed);

// ---- Reading the parts as province, city and county ----

interface Candidate {
  area: Omit<RiskArea, 'level'>;
  codes: RiskAreaCodes;
  /** Written as the lines are meant to be, province first and no level between left out (a placeholder aside). */
  full: boolean;
  /** Parts written other than as the lists write them ('湖南' for 湖南省). */
  loose: number;
  /** 0 a province, 1 a city, 2 a county: a bare name names the higher level ('长沙' is 长沙市, not 长沙县). */
  depth: number;
}

type Written = readonly (readonly [written: string, listed: string])[];
const looseness = (pairs: Written) => pairs.filter(([written, listed]) => written !== listed).length;
const PROVINCE_DEPTH = 0;
const CITY_DEPTH = 1;
const COUNTY_DEPTH = 2;

function provinceReading(province: Named, pairs: Written): Candidate {
  const area = { province: province.name };
  return { area, codes: { province: province.code }, full: true, loose: looseness(pairs), depth: PROVINCE_DEPTH };
}

function cityReading(province: Named, city: Named, pairs: Written, full: boolean): Candidate {
  return {
    area: { province: province.name, city: city.name },
    // A municipality written as its own city ('北京市 北京市') has no prefecture code.
    codes: { province: province.code, ...(city.code === province.code ? {} : { city: city.code }) },
    full,
    loose: looseness(pairs),
    depth: CITY_DEPTH,
  };
}

function countyReading(l: Listed, pairs: Written, full: boolean): Candidate {
  const { county, city } = l;
  return {
    area: { province: county.province.name, city: l.areaCity, county: county.name },
    codes: { province: county.province.code, ...(city === null ? {} : { city: city.code }), county: county.code },
    full,
    loose: looseness(pairs),
    depth: COUNTY_DEPTH,
  };
}

/**
 * Every reading of the parts as province, city and county, where the province or the city may be left out:
 * '湖南 长沙', '长沙 岳麓区', '湖南 岳麓区', '北京 朝阳区' (a municipality's district), '湖北 仙桃' (a city the
 * province runs).
 */
function readings(parts: readonly string[], places: Places): Candidate[] {
  const [a = '', b = '', c = ''] = parts;
  const found: Candidate[] = [];
  if (parts.length === 1) {
    for (const p of named(places.provinces, a)) found.push(provinceReading(p, [[a, p.name]]));
    for (const city of named(places.cities, a)) found.push(cityReading(city.province, city, [[a, city.name]], false));
    for (const l of named(places.counties, a)) found.push(countyReading(l, [[a, l.county.name]], false));
  } else if (parts.length === 2) {
    for (const p of named(places.provinces, a)) {
      for (const city of named(places.cities, b).filter((x) => x.province.code === p.code)) {
        found.push(
          cityReading(
            p,
            city,
            [
              [a, p.name],
              [b, city.name],
            ],
            true,
          ),
        );
      }
      const ownCity = places.municipalityCityNames.get(p.code)?.find((name) => sameName(b, name));
      if (ownCity !== undefined)
        found.push(
          cityReading(
            p,
            p,
            [
              [a, p.name],
              [b, ownCity],
            ],
            true,
          ),
        );
      for (const l of named(places.counties, b).filter((x) => x.county.province.code === p.code)) {
        // Under a placeholder there is no city to leave out.
        found.push(
          countyReading(
            l,
            [
              [a, p.name],
              [b, l.county.name],
            ],
            l.city === null,
          ),
        );
      }
    }
    for (const city of named(places.cities, a)) {
      for (const l of named(places.counties, b).filter((x) => x.city?.code === city.code)) {
        found.push(
          countyReading(
            l,
            [
              [a, city.name],
              [b, l.county.name],
            ],
            false,
          ),
        );
      }
    }
  } else {
    for (const p of named(places.provinces, a)) {
      for (const l of named(places.counties, c).filter((x) => x.county.province.code === p.code)) {
        const cityName = l.cityNames.find((name) => sameName(b, name));
        if (cityName !== undefined)
          found.push(
            countyReading(
              l,
              [
                [a, p.name],
                [b, cityName],
                [c, l.county.name],
              ],
              true,
            ),
          );
      }
    }
  }
  return found;
}

/** The candidates that do best by one measure (lower is better). */
function best(list: readonly Candidate[], by: (c: Candidate) => number): Candidate[] {
  const least = Math.min(...list.map(by));
  return list.filter((c) => by(c) === least);
}

const placeKey = (area: Omit<RiskArea, 'level'>) => [area.province, area.city ?? '', area.county ?? ''].join('\u0000');

/** The one likeliest reading, or why there is none. */
function matchPlaces(parts: readonly string[], places: Places): Candidate | RiskAreaRefusal {
  const found = readings(parts, places);
  // The form the lines are meant in first, then the names written most as listed, then the higher level.
  const likeliest = best(
    best(
      best(found, (c) => (c.full ? 0 : 1)),
      (c) => c.loose,
    ),
    (c) => c.depth,
  );
  const distinct = [...new Map(likeliest.map((c) => [placeKey(c.area), c])).values()];
  const [only] = distinct;
  if (only !== undefined && distinct.length === 1) return only;
  if (distinct.length > 1)
    return refusals.ambiguous(
      parts.join(' '),
      distinct.map((c) => placeNames(c.area)),
    );
  return notFound(parts, places);
}

/** Which part the lists do not know, read as the lines are meant to be written: province first. */
function notFound(parts: readonly string[], places: Places): RiskAreaRefusal {
  const [a = '', b = '', c = ''] = parts;
  const [province] = named(places.provinces, a);
  if (province !== undefined && parts.length > 1) {
    if (parts.length === 2) return refusals.cityNotInProvince(province.name, b);
    const city =
      named(places.cities, b).find((x) => x.province.code === province.code)?.name ??
      places.municipalityCityNames.get(province.code)?.find((name) => sameName(b, name));
    return city === undefined ? refusals.cityNotInProvince(province.name, b) : refusals.countyNotInCity(city, c);
  }
  const [city] = named(places.cities, a);
  if (province === undefined && city !== undefined && parts.length === 2) return refusals.countyNotInCity(city.name, b);
  return refusals.unknownProvince(a);
}

const placeNames = (area: Omit<RiskArea, 'level'>) =>
  [area.province, area.city === area.province ? undefined : area.city, area.county]
    .filter((n, i, all) => n !== undefined && all.indexOf(n) === i)
    .join(' ');

// ---- The lines ----

function readLine(line: string, places: Places): (Candidate & { level: RiskLevel }) | RiskAreaRefusal {
  // A tab separates parts; any other hidden character makes a name look right and match nothing.
  const hidden = firstUnsafeCharacter(line.replaceAll('\t', ' '), 'line');
  if (hidden !== null) return refusals.hidden(Array.from(line.slice(0, hidden.index)).length + 1, hidden.codePoint);
  const parts = line
    .normalize('NFC')
    .split(PART_SEPARATOR)
    .filter((p) => p !== '');
  const reading = readLevel(parts);
  if ('refusal' in reading) return reading.refusal;
  if (reading.places.length === 0) return refusals.noPlace();
  if (reading.places.length > PLACE_PARTS_MAX) return refusals.tooManyParts(reading.places.length);
  const matched = matchPlaces(reading.places, places);
  return 'code' in matched ? matched : { ...matched, level: reading.level };
}

/**
 * Each line of the paste matched to a risk area or refused, in the paste's order; blank lines are left out. A line
 * naming the place of an earlier matched line is refused as its duplicate, whatever its level: the earlier one stands.
 */
export function riskAreaLines(text: string, index: CountyIndexChunk): RiskAreaLine[] {
  const places = indexPlaces(index);
  const earlier = new Map<string, number>();
  const lines: RiskAreaLine[] = [];
  pastedLines(text).forEach((line, i) => {
    const lineNumber = i + 1;
    if (BLANK_LINE.test(line)) return;
    const read = readLine(line, places);
    if ('code' in read) {
      lines.push({ lineNumber, text: line, result: { kind: 'refused', reason: read } });
      return;
    }
    const key = placeKey(read.area);
    const first = earlier.get(key);
    if (first !== undefined) {
      lines.push({ lineNumber, text: line, result: { kind: 'refused', reason: refusals.duplicate(first) } });
      return;
    }
    earlier.set(key, lineNumber);
    lines.push({
      lineNumber,
      text: line,
      result: { kind: 'matched', area: { ...read.area, level: read.level }, codes: read.codes },
    });
  });
  return lines;
}
