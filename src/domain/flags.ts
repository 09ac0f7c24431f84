// Screening flags of one person under a policy (api.md "Flags"): the rules the tablet and the server share.
import type { Policy, RiskArea } from '../contract/policy.ts';
import { FLAGS, type CodeColor, type Flag, type TestStatus } from '../contract/vehicle-check.ts';

export interface PersonFacts {
  codeColor: CodeColor;
  itineraryStar: boolean;
  itineraryCities: readonly string[];
  temperatures: readonly number[];
  test: { status: TestStatus; sampledAt: string | null };
  vaccineDoses: number | null;
}

const MS_PER_HOUR = 3_600_000;
// Readings are rounded to 0.1 °C; this keeps 37.3 from missing a 37.3 threshold by a float error.
const TEMPERATURE_EPSILON_C = 1e-9;

/** A reading at or above the policy's fever threshold. */
export function isFever(readingC: number, policy: Policy): boolean {
  return readingC + TEMPERATURE_EPSILON_C >= policy.feverThresholdC;
}

/** True after a first reading at or above the threshold: screening.md asks for a re-measurement. */
export function needsRemeasure(temperatures: readonly number[], policy: Policy): boolean {
  const [first] = temperatures;
  return temperatures.length === 1 && first !== undefined && isFever(first, policy);
}

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
  '土家族', '苗族', '藏族', '羌族', '彝族', '傣族', '景颇族', '哈尼族', '白族', '傈僳族', '壮族', '布依族',
  '侗族', '朝鲜族', '蒙古族', '蒙古', '回族', '哈萨克', '柯尔克孜', '维吾尔', '瑶族', '畲族', '满族',
  '达斡尔族', '鄂伦春', '鄂温克族', '仫佬族', '毛南族', '仡佬族', '水族', '纳西族', '拉祜族', '佤族',
  '布朗族', '普米族', '独龙族', '怒族', '裕固族', '保安族', '东乡族', '撒拉族', '土族', '锡伯', '塔吉克',
  '黎族', '各族', '京族',
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

function originInArea(origin: { province: string; city: string }, area: RiskArea): boolean {
  if (!samePlace(origin.province, area.province)) return false;
  return area.city === undefined || samePlace(origin.city, area.city);
}

function cityInArea(city: string, area: RiskArea): boolean {
  return area.city !== undefined && samePlace(city, area.city);
}

function hasValidTest(test: PersonFacts['test'], completedAt: string, policy: Policy): boolean {
  if (test.status !== 'negative' || test.sampledAt === null) return false;
  // Instants, not wall-clock text: '+08:00' and 'Z' times compare correctly.
  const sampledMs = Date.parse(test.sampledAt);
  const completedMs = Date.parse(completedAt);
  if (Number.isNaN(sampledMs) || Number.isNaN(completedMs)) return false;
  const ageMs = completedMs - sampledMs;
  return ageMs >= 0 && ageMs <= policy.testWindowHours * MS_PER_HOUR;
}

/** The flags of one person, in the order of FLAGS. */
export function derivePersonFlags(
  person: PersonFacts,
  context: { origin: { province: string; city: string }; completedAt: string; policy: Policy },
): Flag[] {
  const { origin, completedAt, policy } = context;
  const lastReading = person.temperatures.at(-1);
  const raised = new Set<Flag>();
  if (person.codeColor === 'red') raised.add('red-code');
  if (person.codeColor === 'yellow') raised.add('yellow-code');
  if (person.codeColor === 'grey') raised.add('grey-code');
  if (person.itineraryStar) raised.add('itinerary-star');
  if (
    policy.riskAreas.some(
      (area) => originInArea(origin, area) || person.itineraryCities.some((city) => cityInArea(city, area)),
    )
  ) {
    raised.add('risk-area');
  }
  if (lastReading !== undefined && isFever(lastReading, policy)) raised.add('fever');
  if (!hasValidTest(person.test, completedAt, policy)) raised.add('no-valid-test');
  if (person.test.status === 'positive') raised.add('positive-test');
  if (person.vaccineDoses === 0) raised.add('unvaccinated');
  return FLAGS.filter((flag) => raised.has(flag));
}
