// Screening flags of one person under a policy (api.md "Flags"): the rules the tablet and the server share.
import { cityInArea, originInArea } from './places.ts';
import type { Policy } from './policy.ts';
import { FLAGS, type CodeColor, type Flag, type TestStatus } from './vocabulary.ts';

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

/** True after a first reading at or above the threshold: docs/domain.md asks for a re-measurement. */
export function needsRemeasure(temperatures: readonly number[], policy: Policy): boolean {
  const [first] = temperatures;
  return temperatures.length === 1 && first !== undefined && isFever(first, policy);
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
  const lastReading = person.temperatures[person.temperatures.length - 1];
  const raised = new Set<Flag>();
  if (person.codeColor === 'red') raised.add('red-code');
  if (person.codeColor === 'yellow') raised.add('yellow-code');
  if (person.codeColor === 'grey') raised.add('grey-code');
  // Only what was observed raises a flag. A card not looked at (`itinerarySeen: false`, ADR 032) carries no star and
  // no cities, so it raises nothing here, as an `unknown` colour does; the record, not a missing flag, says it was
  // not seen, and no count reads a missing flag as "no star". A recorded star always counts.
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
