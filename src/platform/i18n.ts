// Message catalogues: zh-CN is the source, English must be complete (the type checker enforces it).
// Each feature defines its own catalogue with defineMessages, so features never share message files.
// A message is text, or — when it says a count — its plural forms, chosen by Intl.PluralRules in the officer's
// language (Chinese has one form, English two); every number put into a message is written by Intl.NumberFormat in
// that language ("1,000"). See docs/decisions/036-plural-messages-and-errors-in-words.md.
// In platform beside theme.ts: like the theme it imports only React and keeps a UI preference in localStorage.
import { useSyncExternalStore } from 'react';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_STORAGE_KEY = 'kakou.language';

/**
 * The plural categories of each language's cardinal numbers, as CLDR (and so Intl.PluralRules) has them: a plural
 * message gives exactly these forms. A test holds this list to what the runtime reports.
 */
export const PLURAL_CATEGORIES = {
  'zh-CN': ['other'],
  en: ['one', 'other'],
} as const satisfies Readonly<Record<Language, readonly Intl.LDMLPluralRule[]>>;

/** A count's forms in one language: `{ other }` in Chinese, `{ one, other }` in English. */
export type PluralForms<L extends Language> = Readonly<Record<(typeof PLURAL_CATEGORIES)[L][number], string>>;

/** The placeholder a plural message counts: `{count}`, and no other message may hold it. */
export const COUNT_PLACEHOLDER = 'count';

/** Any language's message, as the translator reads it. */
export type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/**
 * A catalogue: zh-CN is written first; `en` has exactly the same keys. The keys in P are plural messages (their forms
 * per language), the others text.
 */
export interface Catalogue<K extends string, P extends K = never> {
  readonly 'zh-CN': Readonly<Record<Exclude<K, P>, string> & Record<P, PluralForms<'zh-CN'>>>;
  readonly en: Readonly<Record<Exclude<K, P>, string> & Record<P, PluralForms<'en'>>>;
}

type ChineseMessages = Record<string, string | PluralForms<'zh-CN'>>;
type PluralKeysOf<Z> = { [Q in keyof Z]: Z[Q] extends string ? never : Q }[keyof Z] & string;
type EnglishOf<Z> = { [Q in keyof Z]: Z[Q] extends string ? string : PluralForms<'en'> };

export function defineMessages<Z extends ChineseMessages>(catalogue: {
  'zh-CN': Z;
  en: NoInfer<EnglishOf<Z>>;
}): Catalogue<keyof Z & string, PluralKeysOf<Z>> {
  return catalogue as unknown as Catalogue<keyof Z & string, PluralKeysOf<Z>>;
}

function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be unavailable (private mode, tests); Chinese is the default.
    return 'zh-CN';
  }
}

let currentLanguage: Language = readStoredLanguage();
const listeners = new Set<() => void>();

export function getLanguage(): Language {
  return currentLanguage;
}

export function setLanguage(language: Language): void {
  currentLanguage = language;
  try {
    globalThis.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage, getLanguage);
}

// Building an Intl formatter is slow next to using one; there are two languages.
const numberFormats = new Map<Language, Intl.NumberFormat>();
const pluralRules = new Map<Language, Intl.PluralRules>();

/** A number as the officer's language writes it: 1000 → "1,000". */
export function formatNumber(value: number, language: Language): string {
  let formatter = numberFormats.get(language);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(language);
    numberFormats.set(language, formatter);
  }
  return formatter.format(value);
}

function pluralCategory(count: number, language: Language): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (rules === undefined) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

const SECONDS_PER_MINUTE = 60;
const MS_PER_SECOND = 1000;
// Chinese reads "1分钟30秒" (the long form says 秒钟), English "1 minute 30 seconds".
const WAIT_UNIT_DISPLAY = { 'zh-CN': 'short', en: 'long' } as const satisfies Record<Language, string>;
const unitFormats = new Map<string, Intl.NumberFormat>();

function formatUnit(value: number, unit: 'minute' | 'second', language: Language): string {
  const cacheKey = `${language} ${unit}`;
  let formatter = unitFormats.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: WAIT_UNIT_DISPLAY[language] });
    unitFormats.set(cacheKey, formatter);
  }
  return formatter.format(value);
}

/**
 * A wait in words of the language ("1 minute 30 seconds" / "1分钟30秒"), to the nearest second and never less than one:
 * a countdown redrawn a moment late still reads "30 seconds" for a fresh 30 s lock.
 */
export function formatWait(ms: number, language: Language): string {
  const totalSeconds = Math.max(1, Math.round(ms / MS_PER_SECOND));
  const minutes = Math.floor(totalSeconds / SECONDS_PER_MINUTE);
  const seconds = totalSeconds % SECONDS_PER_MINUTE;
  const parts = [
    ...(minutes > 0 ? [formatUnit(minutes, 'minute', language)] : []),
    ...(seconds > 0 ? [formatUnit(seconds, 'second', language)] : []),
  ];
  return new Intl.ListFormat(language, { style: 'narrow', type: 'unit' }).format(parts);
}

export type Values = Readonly<Record<string, string | number>>;

/** Fills {name} placeholders; numbers are written as `language` writes them. */
export function format(template: string, values?: Values, language: Language = currentLanguage): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, language) : value;
  });
}

/** Translates a key: a plural message needs its `count`, a text message takes any values. */
export interface Translate<K extends string, P extends K = never> {
  (key: P, values: Values & { readonly count: number }): string;
  (key: Exclude<K, P>, values?: Values): string;
}

/** Any catalogue defineMessages made (its languages' messages are read by key). */
type AnyCatalogue = { readonly 'zh-CN': object; readonly en: object };
type KeysOf<C extends AnyCatalogue> = keyof C['zh-CN'] & string;
/** The keys of a catalogue's plural messages (they need a count). */
export type PluralKey<C extends AnyCatalogue> = PluralKeysOf<C['zh-CN']> & KeysOf<C>;
/** The keys of a catalogue's text messages. */
export type TextKey<C extends AnyCatalogue> = Exclude<KeysOf<C>, PluralKey<C>>;

/** The translate function of a catalogue, as `useT(catalogue)` returns it. */
export type TranslateOf<C extends AnyCatalogue> = Translate<KeysOf<C>, PluralKey<C>>;

export function translator<C extends AnyCatalogue>(catalogue: C, language: Language): TranslateOf<C> {
  const messages = catalogue[language] as Readonly<Record<string, Message | undefined>>;
  const translate = (key: string, values?: Values): string => {
    const message = messages[key];
    if (message === undefined) return key;
    if (typeof message === 'string') return format(message, values, language);
    const count = values?.[COUNT_PLACEHOLDER];
    // The type checker asks for the count; a caller that still passes none sees the general form, never a crash.
    const form =
      typeof count === 'number' ? (message[pluralCategory(count, language)] ?? message.other) : message.other;
    return format(form, values, language);
  };
  return translate;
}

/** The translate function of a catalogue in the current language; re-renders when the language changes. */
export function useT<C extends AnyCatalogue>(catalogue: C): TranslateOf<C> {
  const language = useLanguage();
  return translator(catalogue, language);
}
