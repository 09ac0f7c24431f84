// Stands for `virtual:pwa-register`, which vite-plugin-pwa writes only into a build: the jsdom tests render the App,
// whose update prompt imports the registration module, but never register a service worker (jsdom has none).
export function registerSW(): (reloadPage?: boolean) => Promise<void> {
  return () => Promise.resolve();
}
