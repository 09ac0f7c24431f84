// Start-up of the command's console, in a secure context only: React and the console, none of the tablet's app (no
// device, no IndexedDB, no sync engine, no service worker registered from here: a desk browser that only ever opens the
// console need not keep the tablet's app).
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from '../features/admin-console/console-app.tsx';
import '../features/admin-console/console.css';

export function startConsole(rootElement: HTMLElement): void {
  document.title = '卡口指挥部';
  createRoot(rootElement).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
}
