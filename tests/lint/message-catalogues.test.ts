// Every message catalogue of the app, walked: a count is said through a plural message in both languages ("1 dose",
// "2 doses", "1,000 persons"), never as "(s)" nor as a text message that reads "1 doses" in English (ADR 036).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appMessages } from '../../src/app/app.messages.ts';
import { leadGateMessages } from '../../src/app/lead-gate.messages.ts';
import { checkpointMessages } from '../../src/features/checkpoint/checkpoint.messages.ts';
import { homeMessages } from '../../src/features/checkpoint/home.messages.ts';
import { handoffsMessages } from '../../src/features/tallies/handoffs.messages.ts';
import { COUNT_PLACEHOLDER, LANGUAGES, PLURAL_CATEGORIES, translator, type Language } from '../../src/platform/i18n.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const COUNTS = [0, 1, 2, 1000] as const;
const FORMATTED: Readonly<Record<Language, Readonly<Record<(typeof COUNTS)[number], string>>>> = {
  'zh-CN': { 0: '0', 1: '1', 2: '2', 1000: '1,000' },
  en: { 0: '0', 1: '1', 2: '2', 1000: '1,000' },
};

type Forms = Readonly<Record<string, string>>;
type Messages = Readonly<Record<string, string | Forms>>;
interface FoundCatalogue {
  name: string;
  catalogue: { 'zh-CN': Messages; en: Messages };
}

function messageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'server' ? [] : messageFiles(path);
    return entry.name.endsWith('.messages.ts') ? [path] : [];
  });
}

function isForms(value: unknown): value is Forms {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((form) => typeof form === 'string') &&
    typeof (value as Forms)['other'] === 'string'
  );
}

/** A catalogue is an object with both languages whose every message is text or plural forms. */
function isCatalogue(value: unknown): value is FoundCatalogue['catalogue'] {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return LANGUAGES.every((language) => {
    const messages = candidate[language];
    return (
      typeof messages === 'object' &&
      messages !== null &&
      Object.values(messages).every((message) => typeof message === 'string' || isForms(message))
    );
  });
}

async function loadCatalogues(): Promise<FoundCatalogue[]> {
  const found: FoundCatalogue[] = [];
  for (const file of messageFiles(SRC)) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(module)) {
      if (isCatalogue(value)) found.push({ name: `${relative(SRC, file)} ${exported}`, catalogue: value });
    }
  }
  return found;
}

const catalogues = await loadCatalogues();

/** Every {placeholder} of a message filled with a word, so only the count is a number. */
function sampleValues(forms: readonly string[], count: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const form of forms) for (const [, name] of form.matchAll(/\{(\w+)\}/gu)) values[name!] = `<${name!}>`;
  values[COUNT_PLACEHOLDER] = count;
  return values;
}

function pluralEntries(): { name: string; key: string; catalogue: FoundCatalogue['catalogue'] }[] {
  return catalogues.flatMap(({ name, catalogue }) =>
    Object.entries(catalogue['zh-CN'])
      .filter(([, message]) => typeof message !== 'string')
      .map(([key]) => ({ name, key, catalogue })),
  );
}

describe('the message catalogues', () => {
  it('are all found: every feature, the shared components and the app shell', () => {
    const names = catalogues.map((found) => found.name);
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names).toContain('features/checkpoint/checkpoint.messages.ts checkpointMessages');
    expect(names).toContain('components/domain-labels.messages.ts domainLabels');
    expect(names).toContain('app/app.messages.ts appMessages');
  });

  it('use the plural categories the runtime knows for each language (Chinese one form, English two)', () => {
    for (const language of LANGUAGES) {
      expect([...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort()).toEqual(
        [...PLURAL_CATEGORIES[language]].sort(),
      );
    }
  });

  it('give every plural message exactly its language’s forms, in both languages', () => {
    const problems: string[] = [];
    for (const { name, catalogue } of catalogues) {
      for (const [key, zh] of Object.entries(catalogue['zh-CN'])) {
        const en = catalogue.en[key];
        if ((typeof zh === 'string') !== (typeof en === 'string'))
          problems.push(`${name} ${key}: plural in one language only`);
        for (const language of LANGUAGES) {
          const message = catalogue[language][key];
          if (message !== undefined && typeof message !== 'string') {
            const forms = Object.keys(message).sort();
            if (forms.join() !== [...PLURAL_CATEGORIES[language]].sort().join())
              problems.push(`${name} ${key} (${language}): forms ${forms.join()}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never write "(s)", and say {count} only in plural messages', () => {
    const problems: string[] = [];
    for (const { name, catalogue } of catalogues) {
      for (const language of LANGUAGES) {
        for (const [key, message] of Object.entries(catalogue[language])) {
          const texts = typeof message === 'string' ? [message] : Object.values(message);
          if (texts.some((text) => /\((?:s|es)\)/u.test(text))) problems.push(`${name} ${key} (${language}): "(s)"`);
          if (typeof message === 'string' && message.includes(`{${COUNT_PLACEHOLDER}}`))
            problems.push(`${name} ${key} (${language}): {count} in a text message`);
          if (typeof message !== 'string' && !message['other']!.includes(`{${COUNT_PLACEHOLDER}}`))
            problems.push(`${name} ${key} (${language}): its general form does not say the count`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have no English text message that puts a number before a plural noun ("{n} doses" reads "1 doses")', () => {
    // "{ms} ms" is a unit, and "{editedAt} was" a verb, not a noun.
    const numberBeforePlural = /\{\w+\}\s+(?:more\s+)?(?!(?:ms|was|is|has|does|as|this|its|us)\b)[a-z]+s\b/u;
    const problems = catalogues.flatMap(({ name, catalogue }) =>
      Object.entries(catalogue.en).flatMap(([key, message]) =>
        typeof message === 'string' && numberBeforePlural.test(message) ? [`${name} ${key}: ${message}`] : [],
      ),
    );
    expect(problems).toEqual([]);
  });

  describe.each(LANGUAGES)('every plural message in %s', (language) => {
    it.each(COUNTS)('says the count %i as the language writes it', (count) => {
      const problems: string[] = [];
      for (const { name, key, catalogue } of pluralEntries()) {
        const forms = Object.values(catalogue[language][key] as Forms);
        const text = (translator(catalogue, language) as (k: string, v: object) => string)(
          key,
          sampleValues(forms, count),
        );
        const saysCount = text.includes(FORMATTED[language][count]) || (count === 1 && /\bone\b/iu.test(text));
        if (!saysCount || text.includes('{')) problems.push(`${name} ${key}: ${text}`);
      }
      expect(problems).toEqual([]);
    });
  });

  it('reads one form in English for 1 and the other for 0, 2 and 1,000, and the two differ', () => {
    const problems: string[] = [];
    for (const { name, key, catalogue } of pluralEntries()) {
      const forms = catalogue.en[key] as Forms;
      const t = translator(catalogue, 'en') as (k: string, v: object) => string;
      const values = (count: number) => sampleValues(Object.values(forms), count);
      if (forms['one'] === forms['other']) problems.push(`${name} ${key}: one and other are the same`);
      if (t(key, values(1)) === t(key, values(2)).replace('2', '1')) problems.push(`${name} ${key}: 1 reads as 2 does`);
      for (const count of [0, 2, 1000]) {
        if (!t(key, values(count)).startsWith(forms['other']!.split('{')[0]!))
          problems.push(`${name} ${key}: ${count} does not take the general form`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('counts as an officer reads them', () => {
  const checkpointEn = translator(checkpointMessages, 'en');
  const checkpointZh = translator(checkpointMessages, 'zh-CN');

  it('in English: one dose, two doses, a thousand persons with a separator', () => {
    expect(checkpointEn('vaccineDoses', { count: 1 })).toBe('1 dose');
    expect(checkpointEn('vaccineDoses', { count: 2 })).toBe('2 doses');
    expect(checkpointEn('vaccineDoses', { count: 0 })).toBe('0 doses');
    expect(checkpointEn('personsShort', { count: 1000 })).toBe('1,000 persons');
    expect(checkpointEn('personsShort', { count: 1 })).toBe('1 person');
    expect(checkpointEn('flagsRaised', { count: 1 })).toBe('1 flag');
    expect(checkpointEn('flagsRaised', { count: 3 })).toBe('3 flags');
    expect(checkpointEn('notAllScreened', { count: 1 })).toMatch(/^1 person not screened yet/u);
    expect(translator(appMessages, 'en')('pending', { count: 1 })).toBe('1 check not synced');
    expect(translator(appMessages, 'en')('pending', { count: 1500 })).toBe('1,500 checks not synced');
    expect(translator(handoffsMessages, 'en')('total', { count: 1 })).toBe('1 person in all');
    expect(translator(leadGateMessages, 'en')('wrong', { count: 1 })).toBe(
      'Wrong PIN. One more wrong PIN and the pad locks for a while.',
    );
    expect(translator(leadGateMessages, 'en')('wrong', { count: 4 })).toBe(
      'Wrong PIN. After 4 more wrong PINs the pad locks for a while.',
    );
  });

  it('in Chinese: one form, the number written with a separator', () => {
    expect(checkpointZh('vaccineDoses', { count: 1 })).toBe('1 剂');
    expect(checkpointZh('vaccineDoses', { count: 2 })).toBe('2 剂');
    expect(checkpointZh('personsShort', { count: 1000 })).toBe('1,000 人');
    expect(translator(appMessages, 'zh-CN')('rejected', { count: 12000 })).toBe('12,000 条未能上传');
  });

  it('two counts in one line, each in its own plural message', () => {
    const home = translator(homeMessages, 'en');
    expect(
      home('todaySummary', {
        vehicles: home('vehicleCount', { count: 1 }),
        persons: home('personCount', { count: 1000 }),
      }),
    ).toBe('Today on this tablet: 1 vehicle, 1,000 persons');
    const zh = translator(homeMessages, 'zh-CN');
    expect(
      zh('todaySummary', { vehicles: zh('vehicleCount', { count: 2 }), persons: zh('personCount', { count: 3 }) }),
    ).toBe('本机今日已检 2 辆车、3 人');
  });
});
