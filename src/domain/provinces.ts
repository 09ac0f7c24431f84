// The 31 provinces of the mainland as plates name them (one character each), and how a typed province name finds
// its entry: a checkpoint's province comes from the server's checkpoint record, written by an admin as '湖南',
// '湖南省' or '广西壮族自治区'.
import { samePlace } from './places.ts';

/** The 31 province characters in the keyboard's standard order (docs/domain.md), with each province's short name. */
export const PROVINCES = [
  { abbr: '京', name: '北京' },
  { abbr: '津', name: '天津' },
  { abbr: '沪', name: '上海' },
  { abbr: '渝', name: '重庆' },
  { abbr: '冀', name: '河北' },
  { abbr: '豫', name: '河南' },
  { abbr: '云', name: '云南' },
  { abbr: '辽', name: '辽宁' },
  { abbr: '黑', name: '黑龙江' },
  { abbr: '湘', name: '湖南' },
  { abbr: '皖', name: '安徽' },
  { abbr: '鲁', name: '山东' },
  { abbr: '新', name: '新疆' },
  { abbr: '苏', name: '江苏' },
  { abbr: '浙', name: '浙江' },
  { abbr: '赣', name: '江西' },
  { abbr: '鄂', name: '湖北' },
  { abbr: '桂', name: '广西' },
  { abbr: '甘', name: '甘肃' },
  { abbr: '晋', name: '山西' },
  { abbr: '蒙', name: '内蒙古' },
  { abbr: '陕', name: '陕西' },
  { abbr: '吉', name: '吉林' },
  { abbr: '闽', name: '福建' },
  { abbr: '贵', name: '贵州' },
  { abbr: '粤', name: '广东' },
  { abbr: '青', name: '青海' },
  { abbr: '藏', name: '西藏' },
  { abbr: '川', name: '四川' },
  { abbr: '宁', name: '宁夏' },
  { abbr: '琼', name: '海南' },
] as const;

export type Province = (typeof PROVINCES)[number];
/** A province's plate character: the key of every per-province table, so a table missing one fails the type check. */
export type ProvinceAbbr = Province['abbr'];

/** The four municipalities: each is its own only city, so every plate of theirs comes from the municipality itself. */
export const MUNICIPALITY_ABBRS: ReadonlySet<ProvinceAbbr> = new Set<ProvinceAbbr>(['京', '津', '沪', '渝']);

/** The province with this plate character, or undefined. */
export function provinceByAbbr(abbr: string | undefined): Province | undefined {
  return PROVINCES.find((province) => province.abbr === abbr);
}

/** The province a name names as samePlace reads it ('湖南省', '广西壮族自治区', ' 内蒙古 '), or undefined. */
export function provinceNamed(name: string): Province | undefined {
  return PROVINCES.find((province) => samePlace(name, province.name));
}

/** Whether the name is one of the four municipalities (北京, 天津市, …). */
export function isMunicipality(name: string): boolean {
  const province = provinceNamed(name);
  return province !== undefined && MUNICIPALITY_ABBRS.has(province.abbr);
}
