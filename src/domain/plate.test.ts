// Plates as officers type, paste or misread them: every kind of docs/domain.md, valid and not.
import { describe, expect, it } from 'vitest';
import {
  normalizePlate,
  originCitiesFromPlate,
  originFromPlate,
  parsePlate,
  plateInputState,
  type PlateError,
} from './plate.ts';
import { PROVINCES } from './provinces.ts';
import type { PlateKind } from './vocabulary.ts';

describe('normalizePlate', () => {
  it.each([
    ['  湘K 12345 ', '湘K12345'],
    ['湘K·12345', '湘K12345'],
    ['湘k.12345', '湘K12345'],
    ['湘K-12345', '湘K12345'],
    ['湘ｋ１２３４５', '湘K12345'],
    ['湘K　D1234５', '湘KD12345'],
    ['粤z1234港', '粤Z1234港'],
  ])('%j → %s', (raw, normalised) => {
    expect(normalizePlate(raw)).toBe(normalised);
  });
});

describe('parsePlate: valid plates of every kind', () => {
  it.each<[string, string, PlateKind, string | null, string | null]>([
    ['湘K12345', '湘K12345', 'standard', '湘', 'K'],
    ['京AB1C23', '京AB1C23', 'standard', '京', 'A'],
    ['湘KD12345', '湘KD12345', 'new-energy', '湘', 'K'],
    ['湘AF12345', '湘AF12345', 'new-energy', '湘', 'A'],
    ['沪AFB1234', '沪AFB1234', 'new-energy', '沪', 'A'],
    ['粤BA12345', '粤BA12345', 'new-energy', '粤', 'B'],
    ['湘K12345D', '湘K12345D', 'new-energy', '湘', 'K'],
    ['湘K12345F', '湘K12345F', 'new-energy', '湘', 'K'],
    ['湘A1234挂', '湘A1234挂', 'trailer', '湘', 'A'],
    ['湘A123B挂', '湘A123B挂', 'trailer', '湘', 'A'],
    ['湘A1234学', '湘A1234学', 'coach', '湘', 'A'],
    ['湘A1234警', '湘A1234警', 'police', '湘', 'A'],
    ['粤Z1234港', '粤Z1234港', 'hk', '粤', 'Z'],
    ['粤Z1234澳', '粤Z1234澳', 'macau', '粤', 'Z'],
    ['使014578', '使014578', 'embassy', null, null],
    ['224001使', '224001使', 'embassy', null, null],
    ['沪A1234领', '沪A1234领', 'consulate', '沪', 'A'],
    ['湘A12345应急', '湘A12345应急', 'emergency', '湘', 'A'],
    ['湘A1234应急', '湘A1234应急', 'emergency', '湘', 'A'],
    [' 湘k·d1234５ ', '湘KD12345', 'new-energy', '湘', 'K'],
    ['湘k 123 45', '湘K12345', 'standard', '湘', 'K'],
  ])('%j is a %3$s plate', (raw, plate, kind, provinceAbbr, office) => {
    expect(parsePlate(raw)).toEqual({ ok: true, plate, kind, provinceAbbr, office });
  });
});

describe('parsePlate: invalid plates say why', () => {
  it.each<[string, PlateError]>([
    ['', 'empty'],
    ['  · ', 'empty'],
    ['X12345', 'unknown-province'],
    ['A12345', 'unknown-province'],
    ['台A12345', 'unknown-province'],
    ['湘112345', 'bad-office'],
    ['湘I12345', 'bad-office'],
    ['湘KI2345', 'letter-i-o'],
    ['湘K1234O', 'letter-i-o'],
    ['湘Ki2345', 'letter-i-o'],
    ['湘K1234', 'too-short'],
    ['湘K', 'too-short'],
    ['湘', 'too-short'],
    ['使01457', 'too-short'],
    ['湘K12345应', 'too-short'],
    ['湘K123456789', 'too-long'],
    ['湘K1234567', 'too-long'],
    ['使0145789', 'too-long'],
    ['湘K1234挂5', 'too-long'],
    ['湘K123456', 'bad-new-energy'],
    ['湘KZ12345', 'bad-new-energy'],
    ['湘KD1A345', 'bad-new-energy'],
    ['湘K1234DD', 'bad-new-energy'],
    ['湘A1234港', 'bad-suffix'],
    ['湘A1234澳', 'bad-suffix'],
    ['湘K1234使', 'bad-suffix'],
    ['湘K1234拖', 'bad-suffix'],
    ['湘K12挂', 'too-short'],
    ['湘K12345挂', 'too-long'],
    ['湘K12#45', 'bad-character'],
    ['湘K12湘45', 'bad-character'],
    ['使12A456', 'bad-character'],
  ])('%j → %s', (raw, error) => {
    expect(parsePlate(raw)).toEqual({ ok: false, error });
  });
});

describe('plateInputState: validation as typed on the plate keyboard', () => {
  it.each<[string, { valid: boolean; canContinue: boolean; error: PlateError | null; maxLength: number }]>([
    ['', { valid: false, canContinue: true, error: null, maxLength: 9 }],
    ['湘', { valid: false, canContinue: true, error: null, maxLength: 9 }],
    ['湘K', { valid: false, canContinue: true, error: null, maxLength: 9 }],
    ['湘K1234', { valid: false, canContinue: true, error: null, maxLength: 9 }],
    // A complete ordinary plate may still grow into an 8-character new-energy one.
    ['湘K12345', { valid: true, canContinue: true, error: null, maxLength: 9 }],
    ['湘KA1234', { valid: true, canContinue: true, error: null, maxLength: 9 }],
    ['湘KD12345', { valid: true, canContinue: false, error: null, maxLength: 8 }],
    ['湘K1234挂', { valid: true, canContinue: false, error: null, maxLength: 7 }],
    ['湘K1234应', { valid: false, canContinue: true, error: null, maxLength: 8 }],
    ['湘K1234应急', { valid: true, canContinue: false, error: null, maxLength: 8 }],
    ['粤Z1234', { valid: false, canContinue: true, error: null, maxLength: 9 }],
    ['使', { valid: false, canContinue: true, error: null, maxLength: 7 }],
    ['2', { valid: false, canContinue: true, error: null, maxLength: 7 }],
  ])('%j is a fine prefix', (partial, state) => {
    expect(plateInputState(partial)).toEqual(state);
  });

  it.each<[string, PlateError]>([
    ['X', 'unknown-province'],
    ['湘1', 'bad-office'],
    ['湘KI', 'letter-i-o'],
    ['湘KO', 'letter-i-o'],
    ['湘K123456', 'bad-new-energy'],
    ['湘K1234港', 'bad-suffix'],
    ['湘K12挂', 'too-short'],
    ['湘K1234挂1', 'too-long'],
    ['使A', 'bad-character'],
  ])('%j is impossible at once: %s', (partial, error) => {
    const state = plateInputState(partial);
    expect(state.error).toBe(error);
    expect(state.valid).toBe(false);
    expect(state.canContinue).toBe(false);
  });

  it('agrees with parsePlate on every complete plate', () => {
    for (const plate of [
      '湘K12345',
      '湘KD12345',
      '湘K12345D',
      '粤Z1234港',
      '使014578',
      '224001使',
      '沪A1234领',
      '湘A12345应急',
    ]) {
      expect(plateInputState(plate).valid).toBe(true);
      expect(parsePlate(plate).ok).toBe(true);
    }
  });
});

describe('originFromPlate', () => {
  it.each([
    ['湘K12345', '湖南', '娄底'],
    ['湘U12345', '湖南', '湘西'],
    ['湘P12345', '湖南', ''],
    ['京A12345', '北京', '北京'],
    ['京Q12345', '北京', '北京'],
    ['粤A12345', '广东', '广州'],
    ['粤B12345', '广东', '深圳'],
    ['苏E12345', '江苏', '苏州'],
    ['浙A12345', '浙江', '杭州'],
    ['粤Z1234港', '广东', ''],
    ['粤Z1234澳', '广东', ''],
    ['皖Q12345', '安徽', ''],
    ['蒙F12345', '内蒙古', '兴安'],
    ['湘k·d12345', '湖南', '娄底'],
    ['粤BD12345', '广东', '深圳'],
    ['湘A1234学', '湖南', '长沙'],
    ['沪A1234领', '上海', '上海'],
    ['渝F12345', '重庆', '重庆'],
  ])('%s comes from %s %s', (plate, provinceName, city) => {
    expect(originFromPlate(plate)).toEqual({ province: provinceName, city });
  });

  it('knows the capital of every province', () => {
    for (const { abbr } of PROVINCES) {
      expect(originFromPlate(`${abbr}A12345`)?.city).not.toBe('');
    }
  });

  it.each(['使014578', '224001使', 'X12345', ''])('%j hints at no province', (plate) => {
    expect(originFromPlate(plate)).toBeNull();
    expect(originCitiesFromPlate(plate)).toBeNull();
  });

  it('names every city a shared letter stands for, and none for a province-level office', () => {
    expect(originCitiesFromPlate('皖Q12345')).toEqual({ province: '安徽', cities: ['合肥', '芜湖', '马鞍山'] });
    expect(originCitiesFromPlate('琼C12345')).toEqual({ province: '海南', cities: ['琼海', '文昌', '万宁'] });
    expect(originCitiesFromPlate('粤B12345')).toEqual({ province: '广东', cities: ['深圳'] });
    expect(originCitiesFromPlate('粤Z1234港')).toEqual({ province: '广东', cities: [] });
    expect(originCitiesFromPlate('湘')).toEqual({ province: '湖南', cities: [] });
  });
});
