// The neighbour table and the province keys' order it gives: the checkpoint's province, the ones around it, the rest.
import { describe, expect, it } from 'vitest';
import { bearingBetweenCapitals } from '../../tests/support/domain/province-capitals.ts';
import { PROVINCE_NEIGHBOURS, provinceKeyOrder } from './province-neighbours.ts';
import { PROVINCES, type ProvinceAbbr } from './provinces.ts';

const STANDARD_ORDER = PROVINCES.map((p) => p.abbr);
const keys = (home: string | undefined) => provinceKeyOrder(home).map((p) => p.abbr);

describe('PROVINCE_NEIGHBOURS', () => {
  it('lists every province once, never itself, each border from both sides', () => {
    expect(Object.keys(PROVINCE_NEIGHBOURS).sort()).toEqual([...STANDARD_ORDER].sort());
    for (const [abbr, neighbours] of Object.entries(PROVINCE_NEIGHBOURS) as [ProvinceAbbr, ProvinceAbbr[]][]) {
      expect(neighbours).not.toContain(abbr);
      expect(new Set(neighbours).size).toBe(neighbours.length);
      for (const neighbour of neighbours)
        expect(PROVINCE_NEIGHBOURS[neighbour], `${neighbour} ↔ ${abbr}`).toContain(abbr);
    }
  });

  it.each([
    ['京', '津 冀'],
    ['沪', '浙 苏'],
    ['湘', '鄂 赣 粤 桂 贵 渝'],
    ['粤', '赣 闽 琼 桂 湘'],
    ['蒙', '黑 吉 辽 冀 晋 陕 甘 宁'],
    ['新', '甘 青 藏'],
    ['琼', '粤'],
  ])('borders %s with %s', (abbr, neighbours) => {
    expect(PROVINCE_NEIGHBOURS[abbr as ProvinceAbbr].join(' ')).toBe(neighbours);
  });

  it('lists each province’s neighbours clockwise from north, by the direction of their capitals', () => {
    for (const [abbr, neighbours] of Object.entries(PROVINCE_NEIGHBOURS) as [ProvinceAbbr, ProvinceAbbr[]][]) {
      const bearings = neighbours.map((neighbour) => bearingBetweenCapitals(abbr, neighbour));
      expect(bearings, abbr).toEqual([...bearings].sort((a, b) => a - b));
    }
  });
});

describe('provinceKeyOrder', () => {
  it('puts a Hunan checkpoint’s province first, then its neighbours, then the rest in the standard order', () => {
    const order = keys('湘');
    expect(order.slice(0, 7).join(' ')).toBe('湘 鄂 赣 粤 桂 贵 渝');
    expect(order.slice(7)).toEqual(STANDARD_ORDER.filter((abbr) => !order.slice(0, 7).includes(abbr)));
  });

  it('puts a Guangdong checkpoint’s own first, Hainan across the strait among its neighbours', () => {
    expect(keys('粤').slice(0, 6).join(' ')).toBe('粤 赣 闽 琼 桂 湘');
  });

  it('keeps all 31 keys, each once, for every checkpoint province', () => {
    for (const abbr of STANDARD_ORDER) {
      const order = keys(abbr);
      expect(order[0]).toBe(abbr);
      expect([...order].sort()).toEqual([...STANDARD_ORDER].sort());
    }
  });

  it.each([undefined, '', '港'])('is the standard order without a known province (%j)', (home) => {
    expect(keys(home)).toEqual(STANDARD_ORDER);
  });
});
