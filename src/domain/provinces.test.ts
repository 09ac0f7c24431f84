// The province characters and how a checkpoint's province, as an admin wrote it, finds its own.
import { describe, expect, it } from 'vitest';
import { isMunicipality, PROVINCES, provinceByAbbr, provinceNamed } from './provinces.ts';

describe('PROVINCES', () => {
  it('lists the 31 province characters in the order of docs/domain.md', () => {
    expect(PROVINCES.map((p) => p.abbr).join(' ')).toBe(
      '京 津 沪 渝 冀 豫 云 辽 黑 湘 皖 鲁 新 苏 浙 赣 鄂 桂 甘 晋 蒙 陕 吉 闽 贵 粤 青 藏 川 宁 琼',
    );
  });

  it.each([
    ['湘', '湖南'],
    ['京', '北京'],
    ['蒙', '内蒙古'],
    ['新', '新疆'],
    ['桂', '广西'],
    ['宁', '宁夏'],
    ['藏', '西藏'],
    ['黑', '黑龙江'],
    ['琼', '海南'],
  ])('names %s as %s', (abbr, name) => {
    expect(provinceByAbbr(abbr)?.name).toBe(name);
  });
});

describe('provinceNamed', () => {
  it.each([
    ['湖南', '湘'],
    ['湖南省', '湘'],
    [' 广东省 ', '粤'],
    ['广西壮族自治区', '桂'],
    ['内蒙古自治区', '蒙'],
    ['新疆维吾尔自治区', '新'],
    ['宁夏回族自治区', '宁'],
    ['西藏自治区', '藏'],
    ['黑龙江省', '黑'],
    ['北京市', '京'],
    ['重庆', '渝'],
  ])('finds %j as %s', (name, abbr) => {
    expect(provinceNamed(name)?.abbr).toBe(abbr);
  });

  it.each(['', '湖', '香港特别行政区', '长沙'])('finds no province in %j', (name) => {
    expect(provinceNamed(name)).toBeUndefined();
  });
});

describe('isMunicipality', () => {
  it('is true for the four municipalities however written, and for no province', () => {
    expect(['北京', '天津市', '上海市', '重庆'].map(isMunicipality)).toEqual([true, true, true, true]);
    expect(['湖南', '广东省', '', '海南'].map(isMunicipality)).toEqual([false, false, false, false]);
  });
});
