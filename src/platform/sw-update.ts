// Service-worker registration (workbox-window via vite-plugin-pwa) and the update prompt state.
// registerType 'prompt': a new version waits until the officer accepts it; nothing reloads by itself,
// so a check being entered is never interrupted.
import { create } from 'zustand';

interface SwUpdateState {
  /** A new version is installed and waiting. */
  needRefresh: boolean;
  /** Everything is precached: the app now works with no network. */
  offlineReady: boolean;
  /** Activates the waiting version and reloads; only called on the officer's request. */
  applyUpdate: () => Promise<void>;
  dismissOfflineReady: () => void;
}

export const useSwUpdate = create<SwUpdateState>()((set) => ({
  needRefresh: false,
  offlineReady: false,
  applyUpdate: () => Promise.resolve(),
  dismissOfflineReady: () => {
    set({ offlineReady: false });
  },
}));

const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

/**
 * vite-plugin-pwa reloads on workbox's 'controlling' event, which only comes to a page that a service worker
 * controlled when it loaded. The first visit on a tablet was not (and the worker does not claim clients), so
 * there the new version would activate and nothing would happen: reload it ourselves once the new version is active.
 */
async function reloadUncontrolledPageOnActivation(): Promise<void> {
  if (navigator.serviceWorker.controller !== null) return; // the plugin reloads this page
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
  if (!waiting) {
    // Already activated elsewhere (another tab): a reload is all that is left to do.
    window.location.reload();
    return;
  }
  waiting.addEventListener('statechange', () => {
    if (waiting.state === 'activated') window.location.reload();
  });
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      useSwUpdate.setState({ needRefresh: true });
    },
    onOfflineReady() {
      useSwUpdate.setState({ offlineReady: true });
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Long shifts keep the tablet open for days: look for a new version now and then.
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_INTERVAL_MS);
    },
  });
  useSwUpdate.setState({
    applyUpdate: async () => {
      await reloadUncontrolledPageOnActivation();
      await updateSW(true);
    },
  });
}
