// Place names as typed and as listed name the same place, and different places never match.
import { describe, expect, it } from 'vitest';
import { samePlace } from './places.ts';

describe('samePlace', () => {
  it.each([
    ['湖南', '湖南省'],
    ['长沙', '长沙市'],
    ['湘西', '湘西土家族苗族自治州'],
    ['新疆', '新疆维吾尔自治区'],
    ['广西', '广西壮族自治区'],
    ['宁夏', '宁夏回族自治区'],
    ['内蒙古', '内蒙古自治区'],
    ['西藏', '西藏自治区'],
    ['香港', '香港特别行政区'],
    ['锡林郭勒', '锡林郭勒盟'],
    ['大兴安岭', '大兴安岭地区'],
    ['延边', '延边朝鲜族自治州'],
    ['黔东南', '黔东南苗族侗族自治州'],
    ['双峰', '双峰县'],
    [' 长沙 ', '长沙市'],
  ])('%s = %s', (a, b) => {
    expect(samePlace(a, b)).toBe(true);
    expect(samePlace(b, a)).toBe(true);
  });

  it.each([
    ['长沙', '长春'],
    ['湖南', '湖北'],
    ['泸县', '泸州'],
    ['', ''],
    ['', '长沙'],
  ])('%j ≠ %j', (a, b) => {
    expect(samePlace(a, b)).toBe(false);
  });
});
