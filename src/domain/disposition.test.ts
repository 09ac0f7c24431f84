// Dispositions: the strictest wins, per the policy, and a truck is never turned back.
import { describe, expect, it } from 'vitest';
import {
  dispositionRank,
  isAllowedDisposition,
  recommendPersonDisposition,
  recommendVehicleDisposition,
  strictestDisposition,
} from './disposition.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { DISPOSITIONS, VEHICLE_TYPES, type Disposition, type Flag, type VehicleType } from './vocabulary.ts';

describe('dispositionRank and strictestDisposition', () => {
  it('ranks in the order of DISPOSITIONS, release lowest and hand-over highest', () => {
    expect(DISPOSITIONS.map(dispositionRank)).toEqual(DISPOSITIONS.map((_, i) => i));
    expect(dispositionRank('release')).toBeLessThan(dispositionRank('turn-back'));
    expect(dispositionRank('fever-clinic')).toBeLessThan(dispositionRank('hand-over'));
  });

  it.each<[Disposition[], Disposition]>([
    [[], 'release'],
    [['release'], 'release'],
    [['push-destination', 'release'], 'push-destination'],
    [['turn-back', 'sample-on-site', 'push-destination'], 'turn-back'],
    [['hold', 'fever-clinic', 'turn-back'], 'fever-clinic'],
    [['hand-over', 'escort', 'fever-clinic'], 'hand-over'],
  ])('strictest of %j is %s', (list, strictest) => {
    expect(strictestDisposition(list)).toBe(strictest);
  });
});

describe('recommendPersonDisposition', () => {
  it.each<[Flag[], VehicleType, Disposition]>([
    [[], 'car', 'release'],
    [[], 'truck', 'release'],
    [['itinerary-star'], 'car', 'push-destination'],
    [['unvaccinated'], 'bus', 'push-destination'],
    [['grey-code'], 'van', 'sample-on-site'],
    [['no-valid-test'], 'car', 'turn-back'],
    [['no-valid-test'], 'truck', 'sample-on-site'],
    [['yellow-code'], 'car', 'turn-back'],
    [['yellow-code'], 'truck', 'sample-on-site'],
    [['red-code'], 'car', 'hand-over'],
    [['red-code'], 'truck', 'hold'],
    [['fever', 'no-valid-test'], 'car', 'fever-clinic'],
    [['itinerary-star', 'no-valid-test'], 'motorcycle', 'turn-back'],
    [['no-valid-test', 'positive-test'], 'truck', 'hand-over'],
  ])('%j on a %s → %s', (flags, type, disposition) => {
    expect(recommendPersonDisposition(flags, type, DEFAULT_POLICY)).toBe(disposition);
  });
});

describe('recommendVehicleDisposition', () => {
  it.each<[Disposition[], VehicleType, Disposition]>([
    [[], 'car', 'release'],
    [['release', 'release'], 'bus', 'release'],
    [['release', 'push-destination'], 'car', 'push-destination'],
    [['push-destination', 'turn-back'], 'car', 'turn-back'],
    [['release', 'fever-clinic', 'turn-back'], 'bus', 'fever-clinic'],
    // An occupant turned back in a car becomes, in a truck, the strictest allowed one below.
    [['turn-back'], 'truck', 'sample-on-site'],
    [['push-destination', 'turn-back'], 'truck', 'sample-on-site'],
    [['turn-back', 'hold'], 'truck', 'hold'],
  ])('%j in a %s → %s', (persons, type, disposition) => {
    expect(recommendVehicleDisposition(persons, type, DEFAULT_POLICY)).toBe(disposition);
  });

  it('never recommends what a vehicle type may not get, for any occupant', () => {
    for (const type of VEHICLE_TYPES) {
      for (const d of DISPOSITIONS) {
        expect(isAllowedDisposition(recommendVehicleDisposition([d], type, DEFAULT_POLICY), type, DEFAULT_POLICY)).toBe(
          true,
        );
      }
    }
  });

  it('falls back to release when nothing stricter is allowed', () => {
    const strict: Policy = {
      ...DEFAULT_POLICY,
      allowedDispositions: { ...DEFAULT_POLICY.allowedDispositions, truck: ['release', 'hand-over'] },
    };
    expect(recommendVehicleDisposition(['escort'], 'truck', strict)).toBe('release');
    expect(recommendVehicleDisposition(['escort', 'hand-over'], 'truck', strict)).toBe('hand-over');
  });
});

describe('isAllowedDisposition', () => {
  it.each<[Disposition, VehicleType, boolean]>([
    ['turn-back', 'car', true],
    ['turn-back', 'truck', false],
    ['sample-on-site', 'truck', true],
    ['hand-over', 'truck', true],
    ['release', 'motorcycle', true],
  ])('%s for a %s: %s', (d, type, allowed) => {
    expect(isAllowedDisposition(d, type, DEFAULT_POLICY)).toBe(allowed);
  });
});
