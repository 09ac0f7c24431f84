// A tablet at the checkpoint, end to end over the real server's HTTPS: the server started as `npm start` starts it
// with TLS (its own authority, the plain-HTTP guide beside it), reached under a LAN name (kakou.test → 127.0.0.1, not
// a loopback name, so only real HTTPS makes it a secure context), and the authority trusted the way an officer
// installs it — downloaded from the guide into the browser's certificate store (NSS), never by ignoring errors.
// The guide leads to the app; the service worker installs; a code is scanned through the camera; the check is saved
// offline; the page reloads offline from the service worker; back online, the check syncs to the server.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import {
  enrollTablet,
  expectPendingCount,
  openInstalledApp,
  saveVehicle,
  screenCommonCase,
  signIn,
  startCheck,
  startPersons,
  storedChecks,
  tapPlate,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { writeQrY4m } from '../support/fake-camera.ts';

const LAN_NAME = 'kakou.test';
// A health code carries a personal token: the tablet keeps only its digest.
const HEALTH_CODE_PAYLOAD = 'https://jkm.hunan.gov.cn/c/8d2e61b0c4a7';
/** The drain after coming back online: one check to a local server; the margin is for a busy 2-core machine. */
const DRAIN_TIMEOUT_MS = 30_000;
/** Enrollment, a check by hand, two reloads and a sync, on a loaded machine. */
const FLOW_TIMEOUT_MS = 180_000;

interface StoredRow {
  id: string;
  syncState: string;
  check: { persons: { scan: string; codeDigest: string | null }[] };
}

let dataDir: string;
let server: RunningServer;
let appOrigin: string;
let guideUrl: string;
let enrollmentCode: string;
let authorityPem: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kakou-https-e2e-'));
  const printed: string[] = [];
  const config = readConfig({
    HOST: '127.0.0.1',
    KAKOU_TLS: 'on',
    PORT: '0',
    HTTP_PORT: '0',
    TLS_NAMES: LAN_NAME,
    KAKOU_DB: join(dataDir, 'kakou.sqlite'),
    KAKOU_DIST: resolve('dist'),
    LOG_LEVEL: 'silent',
  });
  server = await startServer(config, (line) => printed.push(line));
  // The demo checkpoint an empty store starts with: its code is printed once, at start.
  enrollmentCode = /enrollment code: (\S+)/u.exec(printed.join('\n'))?.[1] ?? '';
  const httpsPort = new URL(server.url).port;
  const guidePort = new URL(server.guideUrl ?? '').port;
  appOrigin = `https://${LAN_NAME}:${httpsPort}`;
  guideUrl = `http://${LAN_NAME}:${guidePort}/`;
  // What the officer downloads from the guide (over plain HTTP: the tablet does not trust HTTPS here yet).
  const download = await fetch(`http://127.0.0.1:${guidePort}/ca.crt`);
  authorityPem = await download.text();
  browser = await launchBrowser({
    fakeCameraFile: await writeQrY4m(HEALTH_CODE_PAYLOAD),
    mapHosts: { [LAN_NAME]: '127.0.0.1' },
    trustCaPem: authorityPem,
  });
  context = await newAppContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a tablet at the checkpoint, over the server’s own HTTPS', () => {
  it('starts with a demo enrollment code and hands out its authority as PEM', () => {
    expect(enrollmentCode).not.toBe('');
    expect(authorityPem).toMatch(/^-----BEGIN CERTIFICATE-----/u);
  });

  it('the plain-HTTP guide at the LAN name links to the https:// address, where the app runs in a secure context', async () => {
    await page.goto(guideUrl);
    const link = page.locator(`a[href="${appOrigin}/"]`).first();
    await link.click();
    await page.waitForURL(`${appOrigin}/**`);
    await page.waitForSelector('[data-ready="true"]');
    await expect(page.evaluate(() => window.isSecureContext)).resolves.toBe(true);
    // Any other plain-HTTP path is sent to HTTPS, with its path kept.
    await page.goto(`${guideUrl}enroll`);
    expect(page.url()).toBe(`${appOrigin}/enroll`);
  });

  it(
    'installs the service worker, scans a code, saves offline, reloads offline, and syncs when the network is back',
    async () => {
      await openInstalledApp(page, `${appOrigin}/enroll`);
      await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(true);
      // The address defaults to the page's own https:// origin: the server serves the app.
      await expect(page.getByLabel('服务器地址').inputValue()).resolves.toBe(appOrigin);
      await enrollTablet(page, { enrollmentCode });

      await page.getByRole('link', { name: '开始检查' }).click();
      await signIn(page);
      await context.setOffline(true);
      await page.getByText('离线', { exact: true }).waitFor();

      await startCheck(page);
      await tapPlate(page, '湘K12345');
      await startPersons(page);
      // The camera reads the code and the flow moves on to 二看 by itself.
      await screenCommonCase(page);
      await saveVehicle(page);
      await expectPendingCount(page, 1);

      // Offline reload: the service worker serves the app, and the saved check is still there, still pending.
      await page.reload();
      await page.waitForSelector('[data-ready="true"]');
      await expectPendingCount(page, 1);
      const rows = (await storedChecks(page)) as StoredRow[];
      expect(rows).toHaveLength(1);
      const digest = createHash('sha256').update(HEALTH_CODE_PAYLOAD).digest('hex');
      expect(rows[0]!.check.persons.map((person) => [person.scan, person.codeDigest])).toEqual([['camera', digest]]);
      await expect(server.store.vehicleChecks.count()).resolves.toBe(0);

      await context.setOffline(false);
      await expect
        .poll(() => page.getByTestId('header-pending').getAttribute('data-count'), { timeout: DRAIN_TIMEOUT_MS })
        .toBe('0');
      const { checks: onServer } = await server.store.vehicleChecks.list({ checkpointId: null, limit: 10 });
      expect(onServer.map((row) => row.check.id)).toEqual([rows[0]!.id]);
      expect(onServer[0]!.check.persons[0]!.codeDigest).toBe(digest);
      // Only the digest crossed the network and reached the store, never the code's personal token.
      expect(JSON.stringify(onServer)).not.toContain('8d2e61b0c4a7');
    },
    FLOW_TIMEOUT_MS,
  );
});
