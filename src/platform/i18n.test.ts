// The catalogue API: plural messages chosen by the language's rules, numbers written as the language writes them,
// and waits in words. The catalogues themselves are walked by tests/lint/message-catalogues.test.ts.
import { describe, expect, it } from 'vitest';
import { defineMessages, format, formatNumber, formatWait, translator } from './i18n.ts';

const messages = defineMessages({
  'zh-CN': {
    doses: { other: '{count} 剂' },
    left: { other: '还剩 {count} 人，{who} 在查' },
    revision: '第 {rev} 版',
  },
  en: {
    doses: { one: '{count} dose', other: '{count} doses' },
    left: { one: 'One person left, {who} checking', other: '{count} persons left, {who} checking' },
    revision: 'Revision {rev}',
  },
});

describe('plural messages', () => {
  it('take the English singular for 1 only, and write large counts with a separator', () => {
    const t = translator(messages, 'en');
    expect([0, 1, 2, 1000, 1_234_567].map((count) => t('doses', { count }))).toEqual([
      '0 doses',
      '1 dose',
      '2 doses',
      '1,000 doses',
      '1,234,567 doses',
    ]);
    expect(t('left', { count: 1, who: 'Wang' })).toBe('One person left, Wang checking');
    expect(t('left', { count: 3, who: 'Wang' })).toBe('3 persons left, Wang checking');
  });

  it('have one form in Chinese, its number written the Chinese way', () => {
    const t = translator(messages, 'zh-CN');
    expect([1, 2, 10000].map((count) => t('doses', { count }))).toEqual(['1 剂', '2 剂', '10,000 剂']);
  });

  it('are refused by the type checker without a count, and text messages take any values', () => {
    const t = translator(messages, 'en');
    // @ts-expect-error a plural message needs its count
    expect(t('doses')).toBe('{count} doses');
    // @ts-expect-error the count is a number, not text
    expect(t('doses', { count: 'two' })).toBe('two doses');
    expect(t('revision', { rev: 1200 })).toBe('Revision 1,200');
  });
});

describe('numbers and waits', () => {
  it('write numbers in the language, and leave text values as they are', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'zh-CN')).toBe('1,234.5');
    expect(format('{a} / {b}', { a: 12000, b: '36.0' }, 'en')).toBe('12,000 / 36.0');
    expect(format('{missing}', {}, 'en')).toBe('{missing}');
  });

  it('say a wait in words, to the nearest second and never zero', () => {
    expect(formatWait(30_000, 'en')).toBe('30 seconds');
    expect(formatWait(1_000, 'en')).toBe('1 second');
    expect(formatWait(90_000, 'en')).toBe('1 minute 30 seconds');
    expect(formatWait(120_000, 'en')).toBe('2 minutes');
    expect(formatWait(29_600, 'en')).toBe('30 seconds');
    expect(formatWait(30_400, 'en')).toBe('30 seconds');
    expect(formatWait(0, 'en')).toBe('1 second');
    expect(formatWait(90_000, 'zh-CN')).toBe('1分钟30秒');
    expect(formatWait(30_000, 'zh-CN')).toBe('30秒');
  });
});
