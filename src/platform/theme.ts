// Light (sun) or dark (night shift) theme: a UI preference kept in localStorage, applied to <html data-theme>.
import { useSyncExternalStore } from 'react';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_STORAGE_KEY = 'kakou.theme';

function readStoredTheme(): Theme {
  try {
    const stored = globalThis.localStorage.getItem(THEME_STORAGE_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // Storage unavailable: fall through to the system preference.
  }
  // jsdom and some embedded browsers have no matchMedia.
  const prefersDark =
    typeof globalThis.matchMedia === 'function' && globalThis.matchMedia('(prefers-color-scheme: dark)').matches;
  return prefersDark ? 'dark' : 'light';
}

let currentTheme: Theme = readStoredTheme();
const listeners = new Set<() => void>();

export function applyTheme(theme: Theme = currentTheme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset['theme'] = theme;
}

export function setTheme(theme: Theme): void {
  currentTheme = theme;
  try {
    globalThis.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not persisted; still applied for this session.
  }
  applyTheme(theme);
  for (const listener of listeners) listener();
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => currentTheme,
    () => currentTheme,
  );
}
