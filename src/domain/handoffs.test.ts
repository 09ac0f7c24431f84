import { expect, it } from 'vitest';
import { handoffList } from './handoffs.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import type { VehicleCheck } from './vehicle-check.ts';

const check = (id: string, completedAt: string, village: string, flagged: boolean): VehicleCheck => {
  const base = sampleVehicleCheck({ id, checkpointId: 'cp', deviceId: 'd' });
  return {
    ...base,
    completedAt,
    vehicle: { ...base.vehicle, destination: { ...base.vehicle.destination, village } },
    persons: [samplePersonCheck(flagged ? { flags: ['yellow-code'], disposition: 'sample-on-site' } : {})],
  };
};

it('lists each flagged person under the village, in time order whatever order the checks came in', () => {
  const list = handoffList(
    [
      check('c3', '2026-11-28T12:00:00+08:00', '三塘村', true),
      check('c1', '2026-11-28T01:00:00Z', '三塘村', true), // 09:00 in Shanghai: before c3
      check('c2', '2026-11-28T08:00:00+08:00', '三塘村', false),
    ],
    { checkpointId: 'cp', date: '2026-11-28' },
  );
  expect(list.groups).toHaveLength(1);
  expect(list.groups[0]?.persons.map((p) => p.checkId)).toEqual(['c1', 'c3']);
});

it('keeps persons with no destination village in a group of their own instead of dropping them', () => {
  const list = handoffList(
    [check('c1', '2026-11-28T08:00:00+08:00', '', true), check('c2', '2026-11-28T08:00:00+08:00', '三塘村', true)],
    {
      checkpointId: 'cp',
      date: '2026-11-28',
    },
  );
  expect(list.groups.map((g) => [g.village, g.persons.length])).toEqual([
    ['', 1],
    ['三塘村', 1],
  ]);
});

it('answers a day without flagged persons with no groups', () => {
  expect(
    handoffList([check('c1', '2026-11-28T08:00:00+08:00', '三塘村', false)], { checkpointId: 'cp', date: '2026-11-28' })
      .groups,
  ).toEqual([]);
});
