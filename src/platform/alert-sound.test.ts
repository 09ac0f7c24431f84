// The flag alert as the officer set it: sound and vibration each on or off, kept across a reload; no vibration where
// the browser has none. jsdom has no Web Audio: the sound's part here is what was asked for, not what was heard.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

async function freshModule() {
  vi.resetModules();
  return import('./alert-sound.ts');
}

function stubVibrate(vibrate: ((pattern: number[]) => boolean) | undefined): void {
  Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
}

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'vibrate');
});

describe('playFlagAlert', () => {
  it('sounds and vibrates by default', async () => {
    const vibrate = vi.fn(() => true);
    stubVibrate(vibrate);
    const { playFlagAlert, FLAG_VIBRATION_PATTERN_MS } = await freshModule();
    expect(playFlagAlert()).toEqual({ sounded: true, vibrated: true });
    expect(vibrate).toHaveBeenCalledWith([...FLAG_VIBRATION_PATTERN_MS]);
  });

  it('keeps quiet, or still, as set, and the setting outlives a reload', async () => {
    const vibrate = vi.fn(() => true);
    stubVibrate(vibrate);
    const first = await freshModule();
    first.setAlertPreferences({ sound: false });
    expect(first.playFlagAlert()).toEqual({ sounded: false, vibrated: true });

    const reloaded = await freshModule();
    expect(reloaded.alertPreferences()).toEqual({ sound: false, vibration: true });
    reloaded.setAlertPreferences({ vibration: false });
    vibrate.mockClear();
    expect(reloaded.playFlagAlert()).toEqual({ sounded: false, vibrated: false });
    expect(vibrate).not.toHaveBeenCalled();
  });

  it('does not vibrate where the browser cannot (iPad Safari), and says so', async () => {
    stubVibrate(undefined);
    const { canVibrate, playFlagAlert } = await freshModule();
    expect(canVibrate()).toBe(false);
    expect(playFlagAlert()).toEqual({ sounded: true, vibrated: false });
  });

  it('reads a damaged setting as the defaults', async () => {
    localStorage.setItem('kakou.flagAlert', '{not json');
    const { alertPreferences } = await freshModule();
    expect(alertPreferences()).toEqual({ sound: true, vibration: true });
  });
});
