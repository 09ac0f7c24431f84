// Start-up of the app itself, in a secure context only: React with every screen, then the service worker.
// First of all, before any module builds a zod schema:
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { watchInstallPrompt } from '../platform/install-prompt.ts';
import { recordError } from '../platform/diagnostics.ts';
import { App } from './app.tsx';

export function startApp(rootElement: HTMLElement): void {
  // Before anything renders: Chromium fires its install prompt early, once.
  watchInstallPrompt();
  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // After the first render, in its own chunk with the update prompt's state: the officer's first screen does not wait
  // for the worker, which only matters for the next start and the next version.
  import('../platform/sw-update.ts')
    .then(({ registerServiceWorker }) => registerServiceWorker())
    .catch((error: unknown) => {
      recordError('start-up', error);
    });
}
