// Message catalogues: zh-CN is the source, English must be complete (the type checker enforces it).
// Each feature defines its own catalogue with defineMessages, so features never share message files.
// In platform beside theme.ts: like the theme it imports only React and keeps a UI preference in localStorage.
import { useSyncExternalStore } from 'react';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_STORAGE_KEY = 'kakou.language';

/** A catalogue: zh-CN is written first; `en` must have exactly the same keys. */
export interface Catalogue<K extends string> {
  readonly 'zh-CN': Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export function defineMessages<K extends string>(catalogue: {
  'zh-CN': Record<K, string>;
  en: Record<NoInfer<K>, string>;
}): Catalogue<K> {
  return catalogue;
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

/** Fills {name} placeholders. */
export function format(template: string, values?: Readonly<Record<string, string | number>>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export type Translate<K extends string> = (key: K, values?: Readonly<Record<string, string | number>>) => string;

export function translator<K extends string>(catalogue: Catalogue<K>, language: Language): Translate<K> {
  const messages = catalogue[language];
  return (key, values) => format(messages[key], values);
}

/** The translate function of a catalogue in the current language; re-renders when the language changes. */
export function useT<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  const language = useLanguage();
  return translator(catalogue, language);
}
