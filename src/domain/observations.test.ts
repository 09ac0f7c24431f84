// What a person's record says was not observed: a card not looked at, an ID not recorded as checked; a record from
// before itinerarySeen existed keeps its star answer as seen.
import { describe, expect, it } from 'vitest';
import { itinerarySeen, unobservedFacts } from './observations.ts';

describe('unobservedFacts', () => {
  it('names nothing for a card looked at and an ID checked', () => {
    expect(unobservedFacts({ itinerarySeen: true, idChecked: true })).toEqual([]);
  });

  it('names a card not seen and an ID not checked, in the order of the steps', () => {
    expect(unobservedFacts({ itinerarySeen: false, idChecked: false })).toEqual([
      'itinerary-not-seen',
      'id-not-checked',
    ]);
    expect(unobservedFacts({ itinerarySeen: true, idChecked: false })).toEqual(['id-not-checked']);
  });

  it('reads a record from before itinerarySeen as seen: it keeps what it holds', () => {
    expect(itinerarySeen({})).toBe(true);
    expect(itinerarySeen({ itinerarySeen: undefined })).toBe(true);
    expect(unobservedFacts({ idChecked: true })).toEqual([]);
  });
});
