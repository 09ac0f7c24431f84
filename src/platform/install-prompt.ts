// Installing the app on the tablet's home screen: full screen, offline from the icon, and storage the browser keeps.
// Chromium (Android) offers its own prompt through `beforeinstallprompt`, which must be caught at start-up and kept
// for a tap later; Safari on the iPad offers none, only Share → Add to Home Screen. An app opened from the home screen
// runs in `display-mode: standalone` (iPadOS also sets navigator.standalone). The home screen's offer to install,
// once dismissed, stays dismissed on this tablet (localStorage, like the theme). ADR 036.
import { useSyncExternalStore } from 'react';

/** The event Chromium fires when it would install the app (not in the DOM typings). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

/**
 * - installed: opened from the home screen (or installed in this session)
 * - promptable: the browser offered its install prompt; a tap opens it
 * - ipad: Safari on an iPad (or iPhone): the Add to Home Screen steps
 * - manual: no prompt offered (yet): the browser menu's steps
 */
export type InstallState = 'installed' | 'promptable' | 'ipad' | 'manual';

export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

const DISMISSED_KEY = 'kakou.installOffer.dismissed';
const INSTALLED_KEY = 'kakou.installed';

/** The window parts used here; tests pass jsdom's window with its own matchMedia and navigator. */
interface InstallWindow {
  addEventListener: Window['addEventListener'];
  matchMedia?: Window['matchMedia'];
  navigator: Navigator & { standalone?: boolean };
}

let deferred: BeforeInstallPromptEvent | null = null;
let installedNow = false;
let standalone = false;
let ipad = false;
let dismissed = readFlag(DISMISSED_KEY);
const listeners = new Set<() => void>();

function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    globalThis.localStorage.setItem(key, new Date().toISOString());
  } catch {
    // Not kept: the offer may show again after a reload, which is harmless.
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** iPadOS 13+ reports itself as a Mac; a Mac with a touch screen is an iPad. */
function isAppleTouch(navigator: Navigator): boolean {
  if (/iPad|iPhone|iPod/u.test(navigator.userAgent)) return true;
  return /Macintosh/u.test(navigator.userAgent) && navigator.maxTouchPoints > 1;
}

function isStandalone(win: InstallWindow): boolean {
  const media = (query: string) => typeof win.matchMedia === 'function' && win.matchMedia(query).matches;
  return (
    media('(display-mode: standalone)') || media('(display-mode: fullscreen)') || win.navigator.standalone === true
  );
}

/**
 * Starts listening to `win`; called once at start-up, before the browser fires its prompt event. Everything known
 * before is read afresh from this window and this tablet's storage.
 */
export function watchInstallPrompt(win: InstallWindow = window): void {
  deferred = null;
  dismissed = readFlag(DISMISSED_KEY);
  standalone = isStandalone(win);
  ipad = isAppleTouch(win.navigator);
  installedNow = readFlag(INSTALLED_KEY);
  win.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's mini-infobar away: the officer installs from the guide, when it suits the shift.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    // The browser offers installing only what is not installed: an earlier "installed" no longer holds.
    installedNow = false;
    notify();
  });
  win.addEventListener('appinstalled', () => {
    deferred = null;
    installedNow = true;
    writeFlag(INSTALLED_KEY);
    notify();
  });
  notify();
}

export function installState(): InstallState {
  if (standalone || installedNow) return 'installed';
  if (deferred !== null) return 'promptable';
  return ipad ? 'ipad' : 'manual';
}

/** Opens the browser's install prompt; the event can be used once, so it is dropped whatever the answer. */
export async function promptInstall(): Promise<InstallOutcome> {
  const event = deferred;
  if (event === null) return 'unavailable';
  deferred = null;
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === 'accepted') {
    installedNow = true;
    writeFlag(INSTALLED_KEY);
  }
  notify();
  return outcome;
}

export function installOfferDismissed(): boolean {
  return dismissed;
}

export function dismissInstallOffer(): void {
  dismissed = true;
  writeFlag(DISMISSED_KEY);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useInstallState(): InstallState {
  return useSyncExternalStore(subscribe, installState, installState);
}

export function useInstallOfferDismissed(): boolean {
  return useSyncExternalStore(subscribe, installOfferDismissed, installOfferDismissed);
}
