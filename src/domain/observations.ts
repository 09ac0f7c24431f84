// What a record says the officer did not observe of a person (ADR 032): a record says only what the officer saw, and
// the screens name what it does not say instead of letting a blank read as "checked" or "no star".
import type { PersonCheck } from './vehicle-check.ts';

/** The observations a person's record may lack, in the order of the steps (二看 the itinerary, 三查 the ID). */
export const UNOBSERVED_FACTS = ['itinerary-not-seen', 'id-not-checked'] as const;
export type UnobservedFact = (typeof UNOBSERVED_FACTS)[number];

/** The card was looked at: a check from before `itinerarySeen` existed recorded a star answer as seen. */
export function itinerarySeen(person: Pick<PersonCheck, 'itinerarySeen'>): boolean {
  return person.itinerarySeen !== false;
}

/** What this person's record does not say was observed, in the order of UNOBSERVED_FACTS. */
export function unobservedFacts(person: Pick<PersonCheck, 'itinerarySeen' | 'idChecked'>): UnobservedFact[] {
  const facts: UnobservedFact[] = [];
  if (!itinerarySeen(person)) facts.push('itinerary-not-seen');
  if (!person.idChecked) facts.push('id-not-checked');
  return facts;
}
