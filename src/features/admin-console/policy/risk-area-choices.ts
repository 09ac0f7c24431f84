// Risk areas chosen from the division lists (ADR 034): province → city → county, each area written under the lists'
// names exactly as the server's reading of a pasted line writes it (src/domain/risk-area-lines.ts), so a chosen area
// and a pasted one are the same area, and the flag rules (src/domain/flags.ts) compare its city with an origin's:
// - a prefecture's county: 湖南省 长沙市 岳麓区;
// - a municipality is its own city: 北京市 北京市 (朝阳区), as plates and itinerary cards name it;
// - a county the province runs itself (省直辖县级行政区划) is its own city: 湖北省 仙桃市 仙桃市.
// Pure, and the one place the console keys areas by place (canonicalPlace, as policyDiff follows them).
import {
  cityCodeOf,
  createDivisionLookup,
  provinceCodeOf,
  type County,
  type CountyIndexChunk,
} from '../../../domain/divisions.ts';
import { canonicalPlace } from '../../../domain/places.ts';
import type { RiskArea } from '../../../domain/policy.ts';
import type { RiskLevel } from '../../../domain/vocabulary.ts';

export interface ProvinceChoice {
  code: string;
  name: string;
}

/** What the city list offers under a province. */
export interface CityChoice {
  /** A prefecture's code; a municipality's own code; a placeholder prefecture's code. */
  code: string;
  /** What the list shows: the prefecture, the municipality, or the lists' placeholder (省直辖县级行政区划). */
  name: string;
  /**
   * 'city': a prefecture, an area by itself or with a county; 'municipality': the province is its own city;
   * 'direct': the province's own counties, each its own city, so a county must be chosen.
   */
  kind: 'city' | 'municipality' | 'direct';
}

export interface CountyChoice {
  code: string;
  name: string;
}

export interface RiskAreaChoices {
  provinces: readonly ProvinceChoice[];
  cities(provinceCode: string): readonly CityChoice[];
  counties(provinceCode: string, cityCode: string): readonly CountyChoice[];
  /** The area of a choice; null when the choice names no area (a placeholder without its county). */
  area(choice: { provinceCode: string; cityCode: string; countyCode: string; level: RiskLevel }): RiskArea | null;
}

export function riskAreaChoices(index: CountyIndexChunk): RiskAreaChoices {
  const counties = createDivisionLookup(index).counties();
  const provinces = index.provinces.map(([code, name]) => ({ code, name }));
  const provinceName = new Map(index.provinces);
  // divisions.ts gives a county under a placeholder prefecture (市辖区, 县, 省直辖县级行政区划) its province as city.
  const underProvince = (county: County) => county.city.code === county.province.code;
  const placeholders = new Set(counties.filter(underProvince).map((county) => cityCodeOf(county.code)));
  const withPrefectures = new Set(
    index.cities.filter(([code]) => !placeholders.has(code)).map(([code]) => provinceCodeOf(code)),
  );
  const isMunicipality = (provinceCode: string) => !withPrefectures.has(provinceCode);
  const countyByCode = new Map(counties.map((county) => [county.code, county]));

  const cities = (provinceCode: string): CityChoice[] => {
    const listed = index.cities.filter(([code]) => provinceCodeOf(code) === provinceCode);
    if (isMunicipality(provinceCode)) {
      const name = provinceName.get(provinceCode);
      return name === undefined || listed.length === 0 ? [] : [{ code: provinceCode, name, kind: 'municipality' }];
    }
    return listed.map(([code, name]) => ({ code, name, kind: placeholders.has(code) ? 'direct' : 'city' }));
  };

  const countiesOf = (provinceCode: string, cityCode: string): CountyChoice[] => {
    // A municipality's districts stand under one or two placeholders (重庆: 市辖区 and 县): all of them are its own.
    const inCity =
      cityCode === provinceCode
        ? (county: County) => county.province.code === provinceCode
        : (county: County) => cityCodeOf(county.code) === cityCode;
    return counties.filter(inCity).map(({ code, name }) => ({ code, name }));
  };

  const area: RiskAreaChoices['area'] = ({ provinceCode, cityCode, countyCode, level }) => {
    const province = provinceName.get(provinceCode);
    if (province === undefined) return null;
    if (cityCode === '') return { province, level };
    const city = cities(provinceCode).find((choice) => choice.code === cityCode);
    if (city === undefined) return null;
    const county = countyCode === '' ? undefined : countyByCode.get(countyCode);
    if (county !== undefined && !countiesOf(provinceCode, cityCode).some((choice) => choice.code === county.code)) {
      return null;
    }
    switch (city.kind) {
      case 'city':
        return { province, city: city.name, ...(county === undefined ? {} : { county: county.name }), level };
      case 'municipality':
        return { province, city: province, ...(county === undefined ? {} : { county: county.name }), level };
      case 'direct':
        return county === undefined ? null : { province, city: county.name, county: county.name, level };
    }
  };

  return { provinces, cities, counties: countiesOf, area };
}

/** An area's place as a key: '湖南' and '湖南省' are one place, as the flag rules and policyDiff compare them. */
export function riskAreaPlaceKey(area: Omit<RiskArea, 'level'>): string {
  return [area.province, area.city ?? '', area.county ?? ''].map(canonicalPlace).join('\u0000');
}

/** The place as one reads it: 湖南省 长沙市 岳麓区, 北京市 朝阳区 (the municipality once), 湖北省 仙桃市. */
export function riskAreaPlaceWords(area: Omit<RiskArea, 'level'>): string {
  const names: string[] = [];
  for (const name of [area.province, area.city, area.county]) {
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names.join(' ');
}

/** What adding an area did to the list. */
export type AddedArea = 'added' | 'already-listed' | 'level-changed' | 'list-full';

/**
 * The list with `area` added: a place already listed keeps its position and takes the new level; a full list (the
 * policy's bound) takes nothing new.
 */
export function withRiskArea(
  areas: readonly RiskArea[],
  area: RiskArea,
  max: number,
): { areas: RiskArea[]; outcome: AddedArea } {
  const key = riskAreaPlaceKey(area);
  const at = areas.findIndex((listed) => riskAreaPlaceKey(listed) === key);
  if (at >= 0) {
    const listed = areas[at];
    if (listed?.level === area.level) return { areas: [...areas], outcome: 'already-listed' };
    return { areas: areas.map((a, i) => (i === at ? { ...a, level: area.level } : a)), outcome: 'level-changed' };
  }
  if (areas.length >= max) return { areas: [...areas], outcome: 'list-full' };
  return { areas: [...areas, area], outcome: 'added' };
}
