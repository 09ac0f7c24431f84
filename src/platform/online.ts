// Whether the browser believes it has a network: navigator.onLine, and its online/offline events. Free of React, so
// the sync wiring (src/app/create-app-sync.ts) and the header's hook (use-online.ts) read the same source.

export function isOnline(): boolean {
  return navigator.onLine;
}

/** Calls `listener(true)` when the browser goes online and `listener(false)` when it goes offline; returns the stop. */
export function subscribeOnline(listener: (online: boolean) => void): () => void {
  const online = () => {
    listener(true);
  };
  const offline = () => {
    listener(false);
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}
