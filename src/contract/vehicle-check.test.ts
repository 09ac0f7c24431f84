// The person record on the wire: what it says was not observed (ADR 032), and checks from before that field.
import { describe, expect, it } from 'vitest';
import { personCheckSchema, vehicleCheckSchema } from './vehicle-check.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';

const IDENTITY = {
  id: 'c0000000-0000-4000-8000-000000000001',
  checkpointId: 'cp-hn-lou-01',
  deviceId: 'tablet-03',
} as const;

const issuePaths = (payload: unknown) =>
  (personCheckSchema.safeParse(payload).error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('personCheckSchema: itinerarySeen', () => {
  it('takes a check from before the field as it is, with no itinerarySeen added', () => {
    const older = sampleVehicleCheck(IDENTITY);
    const parsed = vehicleCheckSchema.parse(older);
    expect(parsed).toEqual(older);
    expect(parsed.persons[0]).not.toHaveProperty('itinerarySeen');
  });

  it('keeps a card not seen and a card seen', () => {
    expect(personCheckSchema.parse(samplePersonCheck({ itinerarySeen: false })).itinerarySeen).toBe(false);
    expect(personCheckSchema.parse(samplePersonCheck({ itinerarySeen: true })).itinerarySeen).toBe(true);
  });

  it('refuses a star or a city on a card not seen, naming the field', () => {
    expect(
      issuePaths(samplePersonCheck({ itinerarySeen: false, itineraryStar: true, itineraryCities: ['上海'] })),
    ).toEqual(['itineraryStar', 'itineraryCities']);
    expect(issuePaths(samplePersonCheck({ itinerarySeen: false, itineraryCities: ['上海'] }))).toEqual([
      'itineraryCities',
    ]);
  });

  it('refuses an itinerarySeen that is not a boolean', () => {
    expect(issuePaths({ ...samplePersonCheck(), itinerarySeen: 'no' })).toEqual(['itinerarySeen']);
  });
});
