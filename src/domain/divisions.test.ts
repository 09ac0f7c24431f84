import { describe, expect, it } from 'vitest';
import {
  HUANGHE,
  SANTANGPU,
  SHUANGFENG,
  sampleCountyIndex,
  sampleDivisionLookup,
} from '../../tests/support/domain/sample-divisions.ts';
import { codesAreConsistent, createDivisionLookup, destinationCodes, searchDivisions } from './divisions.ts';

const destination = (over: Partial<Parameters<typeof destinationCodes>[0]> = {}) => ({
  province: '',
  city: '',
  county: '',
  township: '',
  village: '',
  ...over,
});

describe('the lists', () => {
  it('names a county with its province and prefecture, a municipality district with the municipality', () => {
    const lookup = sampleDivisionLookup();
    expect(lookup.county(SHUANGFENG.code)).toMatchObject({
      name: '双峰县',
      city: { name: '娄底市' },
      province: { name: '湖南省' },
    });
    expect(lookup.county('110105')?.city).toEqual({ code: '11', name: '北京市' });
  });

  it('lists a township’s villages with their whole codes, and tells lists not at hand from empty ones', () => {
    const lookup = sampleDivisionLookup();
    expect(lookup.villages(SANTANGPU.code)?.map((v) => v.code)).toContain(HUANGHE.code);
    expect(lookup.village(HUANGHE.code)?.name).toBe('黄河村');
    expect(lookup.townships('431302')?.map((t) => t.name)).toEqual(['乐坪街道']);
    expect(lookup.villages('431302001')).toEqual([]); // 娄底's villages are at hand: this township has none listed
    expect(lookup.townships('110105')).toBeUndefined(); // Beijing's townships are not
    expect(createDivisionLookup(sampleCountyIndex).townships(SHUANGFENG.code)).toBeUndefined();
  });

  it('finds by a part of the name, names that start with it first', () => {
    const list = [
      { code: '1', name: '新塘村' },
      { code: '2', name: '塘边村' },
      { code: '3', name: '黄河村' },
    ];
    expect(searchDivisions(list, ' 塘 ').map((d) => d.name)).toEqual(['塘边村', '新塘村']);
    expect(searchDivisions(list, '')).toHaveLength(3);
  });
});

describe('codes of a destination written as free text', () => {
  it('matches county, township and village whose names are written exactly', () => {
    expect(
      destinationCodes(
        destination({ county: '双峰县', township: '三塘铺镇', village: '黄河村 ' }),
        sampleDivisionLookup(),
      ),
    ).toEqual({ countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code });
  });

  it('matches no name that is not exact: a township without 镇, a typo', () => {
    const lookup = sampleDivisionLookup();
    expect(destinationCodes(destination({ county: '双峰县', township: '三塘铺' }), lookup)).toEqual({
      countyCode: SHUANGFENG.code,
    });
    expect(destinationCodes(destination({ county: '双峰县', township: '三塘埔镇' }), lookup)).toEqual({
      countyCode: SHUANGFENG.code,
    });
    expect(destinationCodes(destination({ county: '双峰' }), lookup)).toEqual({});
  });

  it('takes a county name shared by two places only when the province written beside it tells them apart', () => {
    const lookup = sampleDivisionLookup();
    expect(destinationCodes(destination({ county: '朝阳区' }), lookup)).toEqual({});
    expect(destinationCodes(destination({ province: '北京', county: '朝阳区' }), lookup)).toEqual({
      countyCode: '110105',
    });
    expect(destinationCodes(destination({ province: '吉林省', city: '长春', county: '朝阳区' }), lookup)).toEqual({
      countyCode: '220104',
    });
  });

  it('keeps the codes a record carries, whatever its names say', () => {
    expect(
      destinationCodes(
        destination({ county: '双峰', township: '三塘铺', countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code }),
        null,
      ),
    ).toEqual({ countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code });
  });
});

it('holds codes consistent only when each begins with the one above and has its length', () => {
  expect(
    codesAreConsistent({ countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: HUANGHE.code }),
  ).toBe(true);
  expect(codesAreConsistent({})).toBe(true);
  expect(codesAreConsistent({ townshipCode: SANTANGPU.code })).toBe(false);
  expect(codesAreConsistent({ countyCode: '431302', townshipCode: SANTANGPU.code })).toBe(false);
  expect(codesAreConsistent({ countyCode: '43132' })).toBe(false);
  expect(
    codesAreConsistent({ countyCode: SHUANGFENG.code, townshipCode: SANTANGPU.code, villageCode: '4313211092030' }),
  ).toBe(false);
});
