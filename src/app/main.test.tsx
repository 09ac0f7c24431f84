// Start-up as a tablet meets it: at a plain-HTTP address one screen sends the officer to the https:// address (in the
// officer's language, with a QR code), and the app itself (data layer, sync, screens) is never loaded there.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InsecureContextScreen } from './insecure-context-screen.tsx';

const startApp = vi.hoisted(() => vi.fn<(rootElement: HTMLElement) => void>());
vi.mock('./start-app.tsx', () => ({ startApp }));

const LANGUAGE_STORAGE_KEY = 'kakou.language';

let rootElement: HTMLElement;

function setSecureContext(secure: boolean): void {
  // jsdom has no isSecureContext of its own; a browser sets it from how the page was reached.
  Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true });
}

/** Runs main.tsx as a fresh page load: modules (and so the stored language) read again from scratch. */
async function loadPage(): Promise<void> {
  vi.resetModules();
  await import('./main.tsx');
}

beforeEach(() => {
  localStorage.clear();
  startApp.mockClear();
  rootElement = document.createElement('div');
  rootElement.id = 'root';
  document.body.append(rootElement);
});

afterEach(() => {
  rootElement.remove();
  localStorage.clear();
});

describe('start-up outside a secure context', () => {
  it('shows the secure address in Chinese, as text, link and QR code, and never starts the app', async () => {
    setSecureContext(false);
    await loadPage();

    expect(await screen.findByRole('heading', { level: 1, name: '此地址不安全' })).toBeTruthy();
    // jsdom's page is http://localhost:3000/: a port, so the server's own HTTPS port.
    expect(screen.getByText('https://localhost:8443/')).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开安全地址' }).getAttribute('href')).toBe('https://localhost:8443/');
    expect(screen.getByRole('link', { name: '打开证书安装指南' }).getAttribute('href')).toBe('http://localhost:8080/');
    const qr = await screen.findByRole('img', { name: '安全地址二维码：https://localhost:8443/' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/u);
    expect(screen.getByRole('heading', { name: 'Android 平板' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'iPad' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(startApp).not.toHaveBeenCalled();
  });

  it('speaks the language the officer chose, and switches it on the screen', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    setSecureContext(false);
    await loadPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'This address is not secure' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');

    const user = userEvent.setup();
    await user.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: '中文' }));
    expect(await screen.findByRole('heading', { level: 1, name: '此地址不安全' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开安全地址' })).toBeTruthy();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('start-up in a secure context', () => {
  it('starts the app in the root and shows no warning', async () => {
    setSecureContext(true);
    await loadPage();

    await waitFor(() => {
      expect(startApp).toHaveBeenCalledWith(rootElement);
    });
    expect(screen.queryByText('此地址不安全')).toBeNull();
  });
});

describe('the secure address for the ways a tablet reaches the server', () => {
  it.each([
    ['http://192.168.1.20:8080/', 'https://192.168.1.20:8443/', 'http://192.168.1.20:8080/'],
    ['http://[fd00::20]:8080/', 'https://[fd00::20]:8443/', 'http://[fd00::20]:8080/'],
    ['http://kakou.example.cn/', 'https://kakou.example.cn/', 'http://kakou.example.cn:8080/'],
    ['http://10.0.0.5:8080/checks', 'https://10.0.0.5:8443/checks', 'http://10.0.0.5:8080/'],
  ])('%s → %s', async (pageUrl, appUrl, guideUrl) => {
    render(<InsecureContextScreen pageUrl={pageUrl} />);
    expect(screen.getByText(appUrl)).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开安全地址' }).getAttribute('href')).toBe(appUrl);
    expect(screen.getByRole('link', { name: '打开证书安装指南' }).getAttribute('href')).toBe(guideUrl);
    expect(await screen.findByRole('img', { name: `安全地址二维码：${appUrl}` })).toBeTruthy();
  });
});
