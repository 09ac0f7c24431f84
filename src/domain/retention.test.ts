// The retention rule both the tablet and the server apply: where past retention begins and what it strips.
import { describe, expect, it } from 'vitest';
import { DAY_MS, hasRegistration, registrationCount, retentionCutoffs, withoutRegistrations } from './retention.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import type { VehicleCheck } from './vehicle-check.ts';

const NOW = Date.parse('2026-12-04T15:30:00Z');

function registeredCheck(): VehicleCheck {
  return sampleVehicleCheck(
    { id: '5f0c6a4e-8d8b-4b55-9a52-0f2d0c1f4a11', checkpointId: 'cp', deviceId: 'tablet' },
    {
      persons: [
        samplePersonCheck(),
        samplePersonCheck({
          role: 'passenger',
          codeColor: 'yellow',
          flags: ['yellow-code'],
          disposition: 'turn-back',
          registration: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
        }),
      ],
      disposition: 'turn-back',
    },
  );
}

describe('retentionCutoffs', () => {
  it("puts past retention at the policy's days before now, and a tablet's registrations at half of it", () => {
    expect(retentionCutoffs({ retentionDays: 28 }, NOW)).toEqual({
      pastRetentionBefore: NOW - 28 * DAY_MS,
      tabletRegistrationsBefore: NOW - 14 * DAY_MS,
    });
  });

  it('follows a shorter policy', () => {
    expect(retentionCutoffs({ retentionDays: 7 }, NOW).pastRetentionBefore).toBe(NOW - 7 * DAY_MS);
  });
});

describe('withoutRegistrations', () => {
  it('removes every name, ID number and phone and keeps the screening, flags and dispositions', () => {
    const check = registeredCheck();
    const kept = withoutRegistrations(check);

    expect(kept.persons.map((person) => person.registration)).toEqual([null, null]);
    expect(JSON.stringify(kept)).not.toMatch(/张三|11010519491231002X|13800138000/u);
    expect(kept).toEqual({ ...check, persons: check.persons.map((person) => ({ ...person, registration: null })) });
  });

  it('leaves the check it was given as it was', () => {
    const check = registeredCheck();
    withoutRegistrations(check);
    expect(check.persons[1]?.registration?.name).toBe('张三');
  });
});

describe('hasRegistration and registrationCount', () => {
  it('tell a check with a registered person from one without', () => {
    expect(hasRegistration(registeredCheck())).toBe(true);
    expect(registrationCount(registeredCheck())).toBe(1);
    expect(hasRegistration(withoutRegistrations(registeredCheck()))).toBe(false);
    expect(registrationCount(withoutRegistrations(registeredCheck()))).toBe(0);
  });
});
