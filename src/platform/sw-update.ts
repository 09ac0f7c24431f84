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
  useSwUpdate.setState({ applyUpdate: () => updateSW(true) });
}
