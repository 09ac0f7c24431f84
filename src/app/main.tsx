// Start-up: theme and language before the first paint, then React, then the service worker.
// First of all, before any module builds a zod schema:
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getLanguage } from '../lib/i18n.ts';
import { applyTheme } from '../lib/theme.ts';
import { registerServiceWorker } from '../platform/sw-update.ts';
import { App } from './app.tsx';
import './styles.css';

applyTheme();
document.documentElement.lang = getLanguage();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void registerServiceWorker();
