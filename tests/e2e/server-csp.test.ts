// The built PWA served by the real server, under its Content-Security-Policy, in Chromium: no violation is reported,
// the service worker registers, the API answers from the page, and the camera scanner still decodes; the app's files
// arrive as the build's brotli copies; the API's page (/api/docs) runs under the same policy.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { startServedApp } from '../support/served-app.ts';
import type { ServedApp } from '../support/served-app.ts';
import { writeQrY4m } from '../support/fake-camera.ts';

const PAYLOAD = 'Kakou CSP 卡口 0001';
const DECODE_TIMEOUT_MS = 15_000;
/** Lazily loaded screens fetch their chunks after navigation; give them time to run under the policy. */
const SCREEN_SETTLE_MS = 1_000;

let app: ServedApp;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  app = await startServedApp('csp-e2e');
  ({ baseUrl } = app);
  browser = await launchBrowser({ fakeCameraFile: await writeQrY4m(PAYLOAD) });
});

afterAll(async () => {
  await browser.close();
  await app.close();
});

/** A page that records every CSP violation, console error and uncaught error it sees. */
async function openRecordedPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await newAppContext(browser, baseUrl);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

it('runs the app under the CSP: no violation on any screen, service worker registered, API reachable', async () => {
  const { page, problems } = await openRecordedPage();
  const mainScript = page.waitForResponse((answer) => /\/assets\/index-[^/]+\.js$/u.test(answer.url()));
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // The build's brotli copy, decompressed by the browser: what a tablet downloads on first visit.
  expect((await mainScript).headers()['content-encoding']).toBe('br');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(`${baseUrl}/`);
  expect(await page.evaluate(async () => (await fetch('/api/v1/health')).status)).toBe(200);
  for (const path of ['/settings', '/checks', '/camera-test', '/']) {
    await page.goto(path);
    await page.waitForTimeout(SCREEN_SETTLE_MS);
  }
  expect(problems).toEqual([]);
  await page.context().close();
});

it('decodes a QR code from the camera under the CSP', async () => {
  const { page, problems } = await openRecordedPage();
  await page.goto('/camera-test');
  const result = page.getByTestId('camera-test-result');
  await result.waitFor({ timeout: DECODE_TIMEOUT_MS });
  expect(await result.textContent()).toBe(PAYLOAD);
  expect(problems).toEqual([]);
  await page.context().close();
});

it('decodes with zxing-wasm in its worker under the CSP (the .wasm compiles under wasm-unsafe-eval)', async () => {
  const { page, problems } = await openRecordedPage();
  await page.goto('/camera-test?decoders=zxing-wasm');
  const read = page.getByTestId('camera-read');
  await read.waitFor({ timeout: DECODE_TIMEOUT_MS });
  expect(await read.getAttribute('data-decoder')).toBe('zxing-wasm');
  expect(await read.getAttribute('data-text')).toBe(PAYLOAD);
  expect(problems).toEqual([]);
  await page.context().close();
});

it('shows the API page (/api/docs) under the same CSP, fetching nothing from another host', async () => {
  const { page, problems } = await openRecordedPage();
  const offServer: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (/^(?:https?|wss?):/u.test(url) && !url.startsWith(`${baseUrl}/`)) offServer.push(url);
  });
  await page.goto('/api/docs');
  await page.getByText('/api/v1/vehicle-checks/batch', { exact: true }).waitFor();
  expect(problems).toEqual([]);
  expect(offServer).toEqual([]);
  await page.context().close();
});
