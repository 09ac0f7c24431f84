// The default policy carries the Hunan defaults and the 2022 truck rule (its validity on the wire: src/contract/policy.test.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.ts';
import { DISPOSITIONS, FLAGS, VEHICLE_TYPES } from './vocabulary.ts';

describe('DEFAULT_POLICY', () => {
  it('carries the Hunan defaults', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00+08:00',
      feverThresholdC: 37.3,
      testWindowHours: 48,
      riskAreas: [],
      retentionDays: 28,
    });
  });

  it.each(VEHICLE_TYPES.filter((t) => t !== 'truck'))(
    'lets a %s be turned back for a yellow code or no test',
    (type) => {
      expect(DEFAULT_POLICY.recommendations[type]).toEqual({
        'red-code': 'hand-over',
        'yellow-code': 'turn-back',
        'grey-code': 'sample-on-site',
        'itinerary-star': 'push-destination',
        'risk-area': 'push-destination',
        fever: 'fever-clinic',
        'no-valid-test': 'turn-back',
        'positive-test': 'hand-over',
        unvaccinated: 'push-destination',
      });
      expect(DEFAULT_POLICY.allowedDispositions[type]).toEqual([...DISPOSITIONS]);
    },
  );

  it('never turns a truck back: holds a red code, samples on site', () => {
    expect(DEFAULT_POLICY.recommendations.truck).toMatchObject({
      'red-code': 'hold',
      'yellow-code': 'sample-on-site',
      'no-valid-test': 'sample-on-site',
      fever: 'fever-clinic',
      'positive-test': 'hand-over',
    });
    expect(DEFAULT_POLICY.allowedDispositions.truck).not.toContain('turn-back');
    expect(DEFAULT_POLICY.allowedDispositions.truck).toHaveLength(DISPOSITIONS.length - 1);
    for (const flag of FLAGS) expect(DEFAULT_POLICY.recommendations.truck[flag]).not.toBe('turn-back');
  });
});
