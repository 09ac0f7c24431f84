// Start-up: theme and language before the first paint, then the one decision everything else depends on. The app
// needs a secure context (camera, service worker, Web Crypto, Web Locks, storage manager); at a plain-HTTP LAN address
// it would fail on its first use of one, so there only the screen sending the officer to the https:// address loads.
// Both paths are dynamic imports: the insecure one carries no Dexie, no sync engine and no feature (docs/decisions/021);
// the command's console (/admin) is a third, with none of the tablet's app (docs/decisions/038).
import { recordError } from '../platform/diagnostics.ts';
import { getLanguage, translator } from '../platform/i18n.ts';
import { applyTheme } from '../platform/theme.ts';
import { appMessages } from './app.messages.ts';
import { isConsolePath } from './console-paths.ts';
import './styles.css';

/** A start that failed to load (a chunk the network lost, a module that threw): words and a reload, not a blank page. */
function showStartFailure(rootElement: HTMLElement): void {
  const t = translator(appMessages, getLanguage());
  const page = document.createElement('div');
  page.className = 'page';
  page.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = t('crashTitle');
  const body = document.createElement('p');
  body.textContent = t('crashBody');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'btn btn-primary btn-big';
  reload.textContent = t('reload');
  reload.addEventListener('click', () => {
    window.location.reload();
  });
  page.append(title, body, reload);
  rootElement.replaceChildren(page);
}

async function start(rootElement: HTMLElement): Promise<void> {
  // isSecureContext is false at a plain-HTTP address other than localhost (and missing only in browsers far too old).
  if (!window.isSecureContext) {
    const { showInsecureContextScreen } = await import('./insecure-context-screen.tsx');
    showInsecureContextScreen(rootElement, window.location.href);
    return;
  }
  // The command's console is another program on the same origin: it loads instead of the tablet's app, never beside it.
  if (isConsolePath(window.location.pathname)) {
    const { startConsole } = await import('./start-console.tsx');
    startConsole(rootElement);
    return;
  }
  const { startApp } = await import('./start-app.tsx');
  startApp(rootElement);
}

applyTheme();
document.documentElement.lang = getLanguage();
// What nothing else caught (a failed promise in a handler, a worker): kept for Settings → Diagnostics.
window.addEventListener('error', (event) => {
  recordError('unhandled', event.error ?? event.message);
});
window.addEventListener('unhandledrejection', (event) => {
  recordError('unhandled', event.reason);
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');

start(rootElement).catch((error: unknown) => {
  // For whoever connects a debugger to the tablet; the officer sees only the words above.
  console.error('Kakou could not start:', error);
  recordError('start-up', error);
  showStartFailure(rootElement);
});
