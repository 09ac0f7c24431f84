import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { isPolicyUnchanged, policyDiff } from './policy-diff.ts';

/** A copy of the default as another version, with its lists copied so that a change to one leaves the other. */
function version(number: number, change: (policy: Policy) => void = () => undefined): Policy {
  const policy = structuredClone({ ...DEFAULT_POLICY, version: number });
  change(policy);
  return policy;
}

describe('the difference between two policy versions', () => {
  it('is nothing when only the version number differs', () => {
    const diff = policyDiff(version(1), version(2));
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(isPolicyUnchanged(diff)).toBe(true);
  });

  it('lists the single values that changed, before and after, in the form’s order', () => {
    const after = version(3, (p) => {
      p.retentionDays = 14;
      p.feverThresholdC = 37.5;
      p.effectiveFrom = '2026-12-01T00:00:00+08:00';
    });
    expect(policyDiff(version(2), after).scalars).toEqual([
      { field: 'effectiveFrom', before: '2026-01-01T00:00:00+08:00', after: '2026-12-01T00:00:00+08:00' },
      { field: 'feverThresholdC', before: 37.3, after: 37.5 },
      { field: 'retentionDays', before: 28, after: 14 },
    ]);
  });

  it('does not call one instant written in another zone a new effective time', () => {
    const after = version(2, (p) => {
      p.effectiveFrom = '2025-12-31T16:00:00Z';
    });
    expect(isPolicyUnchanged(policyDiff(version(1), after))).toBe(true);
  });

  it('lists risk areas added, removed and moved to another level, following each place by its name', () => {
    const before = version(4, (p) => {
      p.riskAreas = [
        { province: '湖南省', city: '长沙市', county: '岳麓区', level: 'medium' },
        { province: '广东省', level: 'medium' },
        { province: '北京市', city: '北京市', county: '朝阳区', level: 'high' },
      ];
    });
    const after = version(5, (p) => {
      p.riskAreas = [
        { province: '上海市', level: 'high' },
        // Written shorter, the same place for the flag rules: only its level counts.
        { province: '湖南', city: '长沙', county: '岳麓区', level: 'high' },
        { province: '北京市', city: '北京市', county: '朝阳区', level: 'high' },
        { province: '湖北省', city: '仙桃市', county: '仙桃市', level: 'medium' },
      ];
    });
    expect(policyDiff(before, after).riskAreas).toEqual({
      added: [
        { province: '上海市', level: 'high' },
        { province: '湖北省', city: '仙桃市', county: '仙桃市', level: 'medium' },
      ],
      removed: [{ province: '广东省', level: 'medium' }],
      levelChanged: [{ place: { province: '湖南', city: '长沙', county: '岳麓区' }, before: 'medium', after: 'high' }],
    });
  });

  it('tells a province from a city of it and a county from its city', () => {
    const before = version(1, (p) => {
      p.riskAreas = [{ province: '湖南省', level: 'medium' }];
    });
    const after = version(2, (p) => {
      p.riskAreas = [{ province: '湖南省', city: '长沙市', level: 'medium' }];
    });
    const { added, removed } = policyDiff(before, after).riskAreas;
    expect([added.length, removed.length]).toEqual([1, 1]);
  });

  it('lists recommendations changed per vehicle type and flag, in the vocabulary’s order', () => {
    const after = version(2, (p) => {
      p.recommendations.truck.fever = 'hold';
      p.recommendations.car['no-valid-test'] = 'sample-on-site';
      p.recommendations.car['red-code'] = 'escort';
    });
    expect(policyDiff(version(1), after).recommendations).toEqual([
      { vehicleType: 'car', flag: 'red-code', before: 'hand-over', after: 'escort' },
      { vehicleType: 'car', flag: 'no-valid-test', before: 'turn-back', after: 'sample-on-site' },
      { vehicleType: 'truck', flag: 'fever', before: 'fever-clinic', after: 'hold' },
    ]);
  });

  it('lists the dispositions allowed or no longer allowed per vehicle type, whatever order the lists are in', () => {
    const after = version(2, (p) => {
      p.allowedDispositions.bus = p.allowedDispositions.bus.filter((d) => d !== 'escort' && d !== 'turn-back');
      p.allowedDispositions.truck = ['turn-back', ...p.allowedDispositions.truck];
      p.allowedDispositions.car = [...p.allowedDispositions.car].reverse();
    });
    expect(policyDiff(version(1), after).allowedDispositions).toEqual([
      { vehicleType: 'bus', added: [], removed: ['turn-back', 'escort'] },
      { vehicleType: 'truck', added: ['turn-back'], removed: [] },
    ]);
  });

  it('reads the other way round as the same changes reversed', () => {
    const older = version(1);
    const newer = version(2, (p) => {
      p.testWindowHours = 72;
      p.riskAreas = [{ province: '湖南省', level: 'high' }];
    });
    const back = policyDiff(newer, older);
    expect(back).toMatchObject({ fromVersion: 2, toVersion: 1 });
    expect(back.scalars).toEqual([{ field: 'testWindowHours', before: 72, after: 48 }]);
    expect(back.riskAreas.removed).toEqual([{ province: '湖南省', level: 'high' }]);
  });
});
