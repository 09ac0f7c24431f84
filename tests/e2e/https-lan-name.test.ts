// HTTPS at a LAN name, with a certificate authority trusted as a tablet trusts the checkpoint's (an NSS database, not
// ignored certificate errors): the app runs there in a secure context with its service worker, and a browser that
// has not installed the authority, or a certificate for another name, gets a certificate error instead.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';
import { createTestAuthority, type TestAuthority } from '../support/test-authority.ts';

const LAN_NAME = 'kakou.test';
const OTHER_NAME = 'elsewhere.test';
const MAP_TO_LOOPBACK = { [LAN_NAME]: '127.0.0.1', [OTHER_NAME]: '127.0.0.1' } as const;

let authority: TestAuthority;
let server: DistServer;

beforeAll(async () => {
  authority = await createTestAuthority();
  const { certPem, keyPem } = await authority.issueServerCertificate([LAN_NAME]);
  server = await serveDist(undefined, { tls: { key: keyPem, cert: certPem } });
});

afterAll(async () => {
  await server.close();
});

describe('a tablet that trusts the checkpoint authority', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser({ mapHosts: MAP_TO_LOOPBACK, trustCaPem: authority.caPem });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('runs the app at https://kakou.test in a secure context, and installs the service worker', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    const appUrl = `https://${LAN_NAME}:${server.port}/`;
    const response = await page.goto(appUrl);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    // The app itself, not the screen sending the officer elsewhere: its root is ready (sign-in first on a new tablet).
    await page.locator('[data-ready="true"]').waitFor();
    expect(await page.getByText('此地址不安全').count()).toBe(0);
    expect(await page.evaluate(() => typeof crypto.randomUUID())).toBe('string');

    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, state: registration.active?.state ?? null };
    });
    expect(worker.scope).toBe(appUrl);
    expect(['activating', 'activated']).toContain(worker.state);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('still refuses a certificate that was issued for another name', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    // The same server answers as elsewhere.test, with its kakou.test certificate: trusting the issuer is not enough.
    await expect(page.goto(`https://${OTHER_NAME}:${server.port}/`)).rejects.toThrow(/ERR_CERT_COMMON_NAME_INVALID/u);
    await context.close();
  });
});

describe('a tablet that has not installed the checkpoint authority', () => {
  it('gets a certificate error, not the app', async () => {
    // An NSS database of its own with nothing in it: what a new tablet trusts of ours.
    const browser = await launchBrowser({ mapHosts: MAP_TO_LOOPBACK, trustCaPem: [] });
    try {
      const context = await newAppContext(browser);
      const page = await context.newPage();
      await expect(page.goto(`https://${LAN_NAME}:${server.port}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/u);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
