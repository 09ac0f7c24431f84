// A tablet that opens the app over plain HTTP at a LAN name (not a secure context): it sees the screen sending it to the
// https:// address, with the address as text, link and QR code, and no error; the app's data layer never loads there.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';
import { startServedApp } from '../support/served-app.ts';

const LAN_NAME = 'kakou.test';
/** Strings only Dexie's own code holds (its error classes), not our code that names it. */
const DEXIE_LIBRARY_PATTERN = /DatabaseClosedError|MissingAPIError/u;

let server: DistServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser({ mapHosts: { [LAN_NAME]: '127.0.0.1' } });
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

interface RecordedPage {
  page: Page;
  problems: string[];
  /** Every script the page has fetched so far, by URL, with its source. */
  scripts: () => Promise<Map<string, string>>;
}

/** A new tablet's page recording uncaught errors, console errors (CSP violations too) and every script it loads. */
async function openRecordedPage(): Promise<RecordedPage> {
  const context = await newAppContext(browser);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const scripts: Promise<[string, string]>[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(
      response.text().then(
        (body): [string, string] => [response.url(), body],
        (): [string, string] => [response.url(), ''],
      ),
    );
  });
  return { page, problems, scripts: async () => new Map(await Promise.all(scripts)) };
}

it('shows the secure address and how to trust the certificate, not an error', async () => {
  const { page, problems, scripts } = await openRecordedPage();
  const pageUrl = `http://${LAN_NAME}:${server.port}/`;
  await page.goto(pageUrl);

  await page.getByRole('heading', { level: 1, name: '此地址不安全' }).waitFor();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

  // A random port, not 80: the server's own HTTPS port, same host name.
  const secureUrl = `https://${LAN_NAME}:8443/`;
  expect(await page.getByText(secureUrl, { exact: true }).isVisible()).toBe(true);
  expect(await page.getByRole('link', { name: '打开安全地址' }).getAttribute('href')).toBe(secureUrl);
  expect(await page.getByRole('link', { name: '打开证书安装指南' }).getAttribute('href')).toBe(
    `http://${LAN_NAME}:8080/`,
  );
  expect(await page.getByRole('heading', { name: 'Android 平板' }).isVisible()).toBe(true);
  expect(await page.getByRole('heading', { name: 'iPad' }).isVisible()).toBe(true);

  const qr = page.getByRole('img', { name: `安全地址二维码：${secureUrl}` });
  await qr.waitFor();
  await expect
    .poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
    .toBe(true);

  // Nothing of the app itself ran: no database opened, no service worker, no Dexie fetched.
  expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
  expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
  await page.waitForLoadState('networkidle');
  const loaded = await scripts();
  expect(loaded.size).toBeGreaterThan(0);
  expect([...loaded].filter(([, body]) => DEXIE_LIBRARY_PATTERN.test(body)).map(([url]) => url)).toEqual([]);

  expect(problems).toEqual([]);
  await page.context().close();
});

it('switches to English on the screen, and sends a page to the same path on HTTPS', async () => {
  const { page, problems } = await openRecordedPage();
  await page.goto(`http://${LAN_NAME}:${server.port}/checks`);
  await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();

  await page.getByRole('heading', { level: 1, name: 'This address is not secure' }).waitFor();
  expect(await page.getByRole('link', { name: 'Open the secure address' }).getAttribute('href')).toBe(
    `https://${LAN_NAME}:8443/checks`,
  );
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  // The choice is kept: a reload speaks English from the start.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'This address is not secure' }).waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
});

it('shows the screen from the real server at a LAN name (TLS off), under its Content-Security-Policy', async () => {
  const app = await startServedApp('insecure-context');
  try {
    const { page, problems } = await openRecordedPage();
    const port = new URL(app.baseUrl).port;
    const response = await page.goto(`http://${LAN_NAME}:${port}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1, name: '此地址不安全' }).waitFor();
    const qr = page.getByRole('img', { name: `安全地址二维码：https://${LAN_NAME}:8443/` });
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
      .toBe(true);
    // Chromium notes that it ignores the server's Cross-Origin-Opener-Policy header on an origin that is not secure:
    // a fact about the plain-HTTP address this screen exists for, not an error of the page.
    expect(
      problems.filter((problem) => !problem.includes('Cross-Origin-Opener-Policy header has been ignored')),
    ).toEqual([]);
    await page.context().close();
  } finally {
    await app.close();
  }
});
