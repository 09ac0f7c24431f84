// Judging a whole vehicle check, as the tablet shows it and the server re-derives it.
import { describe, expect, it } from 'vitest';
import { judgeVehicleCheck } from './judge.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import type { PersonCheck, Vehicle } from './vehicle-check.ts';

const COMPLETED_AT = '2026-11-28T08:01:40+08:00';

const car: Vehicle = sampleVehicleCheck({ id: 'x', checkpointId: 'x', deviceId: 'x' }).vehicle;

const driver: PersonCheck = samplePersonCheck({
  codeDigest: null,
  // What the tablet wrote is ignored: the judge derives afresh.
  flags: ['red-code'],
  disposition: 'hand-over',
});

const noTest: PersonCheck = {
  ...driver,
  role: 'passenger',
  test: { status: 'none', sampledAt: null },
  flags: [],
  disposition: 'release',
};

describe('judgeVehicleCheck', () => {
  it('releases a car of clear people', () => {
    expect(
      judgeVehicleCheck(
        { vehicle: car, persons: [driver, { ...driver, role: 'passenger' }], completedAt: COMPLETED_AT },
        DEFAULT_POLICY,
      ),
    ).toEqual({
      persons: [
        { flags: [], recommended: 'release' },
        { flags: [], recommended: 'release' },
      ],
      recommended: 'release',
    });
  });

  it('turns a car back when one passenger has no valid test', () => {
    expect(
      judgeVehicleCheck({ vehicle: car, persons: [driver, noTest], completedAt: COMPLETED_AT }, DEFAULT_POLICY),
    ).toEqual({
      persons: [
        { flags: [], recommended: 'release' },
        { flags: ['no-valid-test'], recommended: 'turn-back' },
      ],
      recommended: 'turn-back',
    });
  });

  it('samples a truck driver without a test on site instead of turning the truck back', () => {
    const truck: Vehicle = { ...car, type: 'truck', truckPass: '123456789012' };
    expect(
      judgeVehicleCheck({ vehicle: truck, persons: [noTest], completedAt: COMPLETED_AT }, DEFAULT_POLICY).recommended,
    ).toBe('sample-on-site');
  });

  it('lets the strictest occupant decide the vehicle', () => {
    const fever: PersonCheck = { ...driver, temperatures: [37.9, 37.8] };
    const result = judgeVehicleCheck(
      { vehicle: car, persons: [noTest, fever], completedAt: COMPLETED_AT },
      DEFAULT_POLICY,
    );
    expect(result.persons.map((p) => p.recommended)).toEqual(['turn-back', 'fever-clinic']);
    expect(result.recommended).toBe('fever-clinic');
  });

  it('uses the vehicle origin for risk areas', () => {
    const policy = { ...DEFAULT_POLICY, riskAreas: [{ province: '湖南省', city: '娄底市', level: 'high' as const }] };
    expect(
      judgeVehicleCheck({ vehicle: car, persons: [driver], completedAt: COMPLETED_AT }, policy).persons[0],
    ).toEqual({
      flags: ['risk-area'],
      recommended: 'push-destination',
    });
  });
});
