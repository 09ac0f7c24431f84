// Place names as officers type them and policies list them: '湖南' and '湖南省', '湘西' and '湘西土家族苗族自治州' name
// the same place. Risk-area matching (flags.ts), the report's local / in-province / out-of-province split (tally.ts)
// and the server's tally keys (tally-facts.ts) all compare places this one way.
import type { RiskArea } from './policy.ts';

// Administrative suffixes, longest first so '壮族自治区' goes before '自治区' and '区'.
const ADMIN_SUFFIXES = [
  '特别行政区',
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '地区',
  '林区',
  '省',
  '市',
  '盟',
  '县',
  '区',
  '旗',
] as const;

// Peoples named in autonomous prefectures and counties ('湘西土家族苗族自治州' → '湘西').
const PEOPLES = [
  '土家族',
  '苗族',
  '藏族',
  '羌族',
  '彝族',
  '傣族',
  '景颇族',
  '哈尼族',
  '白族',
  '傈僳族',
  '壮族',
  '布依族',
  '侗族',
  '朝鲜族',
  '蒙古族',
  '蒙古',
  '回族',
  '哈萨克',
  '柯尔克孜',
  '维吾尔',
  '瑶族',
  '畲族',
  '满族',
  '达斡尔族',
  '鄂伦春',
  '鄂温克族',
  '仫佬族',
  '毛南族',
  '仡佬族',
  '水族',
  '纳西族',
  '拉祜族',
  '佤族',
  '布朗族',
  '普米族',
  '独龙族',
  '怒族',
  '裕固族',
  '保安族',
  '东乡族',
  '撒拉族',
  '土族',
  '锡伯',
  '塔吉克',
  '黎族',
  '各族',
  '京族',
] as const;

// Never strip a name down to one character: '泸县' stays '泸县'.
const MIN_PLACE_NAME_CHARS = 2;

/** The name reduced to what samePlace compares (suffixes like 省, 市, 自治州 dropped); empty never matches. */
export function canonicalPlace(name: string): string {
  let place = name.replace(/\s/gu, '');
  const suffix = ADMIN_SUFFIXES.find((s) => place.endsWith(s) && place.length - s.length >= MIN_PLACE_NAME_CHARS);
  if (suffix === undefined) return place;
  place = place.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) {
    for (let people = findPeople(place); people !== undefined; people = findPeople(place)) {
      place = place.slice(0, -people.length);
    }
  }
  return place;
}

function findPeople(place: string): string | undefined {
  return PEOPLES.find((p) => place.endsWith(p) && place.length - p.length >= MIN_PLACE_NAME_CHARS);
}

/** Whether two place names name the same place: '湖南' = '湖南省', '湘西' = '湘西土家族苗族自治州'. */
export function samePlace(a: string, b: string): boolean {
  const left = canonicalPlace(a);
  return left !== '' && left === canonicalPlace(b);
}

/** Whether a vehicle's origin lies in the risk area: its province, and its city when the area names one. */
export function originInArea(origin: { province: string; city: string }, area: RiskArea): boolean {
  if (!samePlace(origin.province, area.province)) return false;
  return area.city === undefined || samePlace(origin.city, area.city);
}

/** Whether a city of the itinerary card is the risk area's city (an area of a whole province names none). */
export function cityInArea(city: string, area: RiskArea): boolean {
  return area.city !== undefined && samePlace(city, area.city);
}
