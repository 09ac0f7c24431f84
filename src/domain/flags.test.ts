// Every flag rule of api.md at its boundaries, as an officer would see the person flagged or not.
import { describe, expect, it } from 'vitest';
import { derivePersonFlags, isFever, needsRemeasure, type PersonFacts } from './flags.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import type { Flag } from './vocabulary.ts';

const COMPLETED_AT = '2026-11-28T08:00:00+08:00';
const LOUDI = { province: '湖南', city: '娄底' };

const clear: PersonFacts = {
  codeColor: 'green',
  itineraryStar: false,
  itineraryCities: [],
  temperatures: [36.6],
  test: { status: 'negative', sampledAt: '2026-11-27T10:00:00+08:00' },
  vaccineDoses: 3,
};

function flagsOf(
  changes: Partial<PersonFacts>,
  context: { origin?: { province: string; city: string }; completedAt?: string; policy?: Policy } = {},
): Flag[] {
  return derivePersonFlags(
    { ...clear, ...changes },
    {
      origin: context.origin ?? LOUDI,
      completedAt: context.completedAt ?? COMPLETED_AT,
      policy: context.policy ?? DEFAULT_POLICY,
    },
  );
}

const withRiskAreas = (riskAreas: Policy['riskAreas']): Policy => ({ ...DEFAULT_POLICY, riskAreas });

describe('derivePersonFlags', () => {
  it('raises nothing for the common case: green, no star, normal temperature, valid test', () => {
    expect(flagsOf({})).toEqual([]);
  });

  it.each<[PersonFacts['codeColor'], Flag[]]>([
    ['green', []],
    ['yellow', ['yellow-code']],
    ['red', ['red-code']],
    ['grey', ['grey-code']],
    ['unknown', []],
  ])('code colour %s → %j', (codeColor, flags) => {
    expect(flagsOf({ codeColor })).toEqual(flags);
  });

  it('flags an itinerary star', () => {
    expect(flagsOf({ itineraryStar: true, itineraryCities: ['上海'] })).toEqual(['itinerary-star']);
  });

  describe('fever: the last reading decides', () => {
    it.each<[number[], Flag[]]>([
      [[37.2], []],
      [[37.3], ['fever']],
      [[37.4], ['fever']],
      [[37.5, 36.8], []],
      [[37.5, 37.3], ['fever']],
      [[36.5, 37.6], ['fever']],
    ])('%j → %j', (temperatures, flags) => {
      expect(flagsOf({ temperatures })).toEqual(flags);
    });

    it('follows the policy threshold', () => {
      expect(flagsOf({ temperatures: [37.3] }, { policy: { ...DEFAULT_POLICY, feverThresholdC: 37.5 } })).toEqual([]);
    });
  });

  describe('no-valid-test: negative and sampled within the window before completion', () => {
    it.each<[string, string | null, string, Flag[]]>([
      ['exactly 48 h before', '2026-11-26T08:00:00+08:00', COMPLETED_AT, []],
      ['48 h + 1 minute before', '2026-11-26T07:59:00+08:00', COMPLETED_AT, ['no-valid-test']],
      ['exactly 48 h before, written in UTC', '2026-11-26T00:00:00Z', COMPLETED_AT, []],
      ['48 h + 1 minute before, written in UTC', '2026-11-25T23:59:00Z', COMPLETED_AT, ['no-valid-test']],
      ['the same instant as completion', '2026-11-28T00:00:00Z', COMPLETED_AT, []],
      ['one minute after completion', '2026-11-28T08:01:00+08:00', COMPLETED_AT, ['no-valid-test']],
      [
        'after completion though earlier on the wall clock',
        '2026-11-28T07:30:00+07:00',
        COMPLETED_AT,
        ['no-valid-test'],
      ],
      ['no sampling time', null, COMPLETED_AT, ['no-valid-test']],
    ])('sampled %s → %j', (_label, sampledAt, completedAt, flags) => {
      expect(flagsOf({ test: { status: 'negative', sampledAt } }, { completedAt })).toEqual(flags);
    });

    it.each<[PersonFacts['test']['status'], Flag[]]>([
      ['pending', ['no-valid-test']],
      ['none', ['no-valid-test']],
      ['positive', ['no-valid-test', 'positive-test']],
    ])('status %s → %j', (status, flags) => {
      expect(flagsOf({ test: { status, sampledAt: '2026-11-27T10:00:00+08:00' } })).toEqual(flags);
    });

    it('follows the policy window', () => {
      const policy = { ...DEFAULT_POLICY, testWindowHours: 24 };
      expect(flagsOf({ test: { status: 'negative', sampledAt: '2026-11-27T07:00:00+08:00' } }, { policy })).toEqual([
        'no-valid-test',
      ]);
    });
  });

  it.each<[number | null, Flag[]]>([
    [0, ['unvaccinated']],
    [null, []],
    [1, []],
  ])('vaccine doses %j → %j', (vaccineDoses, flags) => {
    expect(flagsOf({ vaccineDoses })).toEqual(flags);
  });

  describe('risk-area', () => {
    it('matches a province-only area on the origin province, whatever the city', () => {
      const policy = withRiskAreas([{ province: '湖南省', level: 'medium' }]);
      expect(flagsOf({}, { policy })).toEqual(['risk-area']);
      expect(flagsOf({}, { policy, origin: { province: '湖北', city: '武汉' } })).toEqual([]);
    });

    it('matches a city area only on that city of that province', () => {
      const policy = withRiskAreas([{ province: '湖南', city: '长沙市', level: 'high' }]);
      expect(flagsOf({}, { policy, origin: { province: '湖南省', city: '长沙' } })).toEqual(['risk-area']);
      expect(flagsOf({}, { policy })).toEqual([]);
      expect(flagsOf({}, { policy, origin: { province: '江西', city: '长沙' } })).toEqual([]);
    });

    it('matches an itinerary city against areas that name a city', () => {
      const policy = withRiskAreas([
        { province: '湖南', city: '湘西土家族苗族自治州', level: 'high' },
        { province: '广东', level: 'medium' },
      ]);
      expect(flagsOf({ itineraryStar: true, itineraryCities: ['湘西'] }, { policy })).toEqual([
        'itinerary-star',
        'risk-area',
      ]);
      // A province-only area names no city: an itinerary city in that province does not match it.
      expect(flagsOf({ itineraryStar: true, itineraryCities: ['广州'] }, { policy })).toEqual(['itinerary-star']);
    });

    it('ignores an unknown origin', () => {
      const policy = withRiskAreas([{ province: '湖南', level: 'high' }]);
      expect(flagsOf({}, { policy, origin: { province: '', city: '' } })).toEqual([]);
    });
  });

  it('lists several flags in the order of FLAGS', () => {
    const policy = withRiskAreas([{ province: '湖南', city: '娄底', level: 'high' }]);
    expect(
      flagsOf(
        {
          codeColor: 'red',
          itineraryStar: true,
          itineraryCities: ['长沙'],
          temperatures: [38.1, 38.0],
          test: { status: 'positive', sampledAt: null },
          vaccineDoses: 0,
        },
        { policy },
      ),
    ).toEqual(['red-code', 'itinerary-star', 'risk-area', 'fever', 'no-valid-test', 'positive-test', 'unvaccinated']);
  });
});

describe('isFever and needsRemeasure', () => {
  it.each([
    [37.2, false],
    [37.3, true],
    [37.4, true],
    [36.6 + 0.7, true],
  ])('%d °C is fever: %s', (reading, fever) => {
    expect(isFever(reading, DEFAULT_POLICY)).toBe(fever);
  });

  it.each<[number[], boolean]>([
    [[], false],
    [[36.6], false],
    [[37.3], true],
    [[38.0], true],
    [[37.8, 36.9], false],
    [[37.8, 37.8], false],
  ])('after %j a re-measurement is due: %s', (temperatures, due) => {
    expect(needsRemeasure(temperatures, DEFAULT_POLICY)).toBe(due);
  });
});
