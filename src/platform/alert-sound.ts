// The alert for a flagged result: a short two-tone sound made with Web Audio (no file, works offline) and, where the
// tablet can, a vibration. Each can be turned off in settings (a quiet night lane, a tablet held in a glove): a UI
// preference of this tablet kept in localStorage like the theme. The flag's colour on screen shows either way.
import { useSyncExternalStore } from 'react';

export interface AlertPreferences {
  sound: boolean;
  vibration: boolean;
}

/** Both on: an officer who never opened settings still hears and feels a flag. */
export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { sound: true, vibration: true };

const STORAGE_KEY = 'kakou.flagAlert';
const TONE_HZ = [880, 660] as const;
const TONE_LENGTH_S = 0.18;
const TONE_GAIN = 0.2;
/** Buzz, pause, buzz (ms): felt through a glove, over before the officer looks down. */
export const FLAG_VIBRATION_PATTERN_MS = [200, 100, 200] as const;

function readStored(): AlertPreferences {
  try {
    const stored = globalThis.localStorage.getItem(STORAGE_KEY);
    if (stored === null) return DEFAULT_ALERT_PREFERENCES;
    const parsed = JSON.parse(stored) as Partial<Record<keyof AlertPreferences, unknown>>;
    return {
      sound: typeof parsed.sound === 'boolean' ? parsed.sound : DEFAULT_ALERT_PREFERENCES.sound,
      vibration: typeof parsed.vibration === 'boolean' ? parsed.vibration : DEFAULT_ALERT_PREFERENCES.vibration,
    };
  } catch {
    // Unavailable or unreadable storage: the defaults.
    return DEFAULT_ALERT_PREFERENCES;
  }
}

let preferences: AlertPreferences = readStored();
const listeners = new Set<() => void>();

export function alertPreferences(): AlertPreferences {
  return preferences;
}

export function setAlertPreferences(change: Partial<AlertPreferences>): void {
  preferences = { ...preferences, ...change };
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Not kept; it still holds for this session.
  }
  for (const listener of listeners) listener();
}

export function useAlertPreferences(): AlertPreferences {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    alertPreferences,
    alertPreferences,
  );
}

/** Whether this browser can vibrate at all (iPad Safari cannot): settings says so rather than offer a dead switch. */
export function canVibrate(): boolean {
  return typeof globalThis.navigator !== 'undefined' && typeof globalThis.navigator.vibrate === 'function';
}

let context: AudioContext | null = null;

function playTones(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    TONE_HZ.forEach((hz, i) => {
      if (!context) return;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = hz;
      oscillator.type = 'square';
      gain.gain.value = TONE_GAIN;
      oscillator.connect(gain).connect(context.destination);
      const at = start + i * TONE_LENGTH_S;
      oscillator.start(at);
      oscillator.stop(at + TONE_LENGTH_S * 0.9);
    });
  } catch {
    // No audio device (or autoplay refused): the colour signal on screen still shows the flag.
  }
}

/** What the alert did, for the settings screen's test button and for tests. */
export interface AlertOutcome {
  sounded: boolean;
  vibrated: boolean;
}

/** Signals a flag as the officer chose: the sound, the vibration, both or neither. */
export function playFlagAlert(): AlertOutcome {
  const { sound, vibration } = preferences;
  if (sound) playTones();
  let vibrated = false;
  if (vibration && canVibrate()) {
    try {
      vibrated = globalThis.navigator.vibrate([...FLAG_VIBRATION_PATTERN_MS]);
    } catch {
      // A browser that throws instead of answering false: no vibration, the sound and colour remain.
    }
  }
  return { sounded: sound, vibrated };
}
