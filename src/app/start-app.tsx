// Start-up of the app itself, in a secure context only: React with every screen, then the service worker.
// First of all, before any module builds a zod schema:
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { watchInstallPrompt } from '../platform/install-prompt.ts';
import { registerServiceWorker } from '../platform/sw-update.ts';
import { App } from './app.tsx';

export function startApp(rootElement: HTMLElement): void {
  // Before anything renders: Chromium fires its install prompt early, once.
  watchInstallPrompt();
  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void registerServiceWorker();
}
