// The lead PIN in a real Chromium against the real server serving the built PWA: set at enrollment through the UI,
// the report behind the PIN pad (no figures before it), wrong and right PINs, locked again by a reload, working
// offline from the service worker, and no plain PIN anywhere in IndexedDB.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollTablet,
  LEAD_PIN,
  openInstalledApp,
  saveVehicle,
  screenCommonCase,
  signIn,
  startCheck,
  startPersons,
  tapPlate,
  unlockLead,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { startServedApp } from '../support/served-app.ts';
import type { ServedApp } from '../support/served-app.ts';

const TEST_TIMEOUT_MS = 120_000;

let app: ServedApp;
let baseUrl: string;
let enrollmentCode: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startServedApp('lead-gate-e2e');
  ({ baseUrl, enrollmentCode } = app);
  browser = await launchBrowser();
  context = await newAppContext(browser, baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await app.close();
});

/** Every row of the tablet's settings table, as IndexedDB holds it. */
async function storedSettings(target: Page): Promise<unknown[]> {
  return target.evaluate(
    () =>
      new Promise<unknown[]>((resolveRows, reject) => {
        const open = indexedDB.open('kakou');
        open.onerror = () => {
          reject(new Error(String(open.error)));
        };
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolveRows(request.result as unknown[]);
          };
          request.onerror = () => {
            reject(new Error(String(request.error)));
          };
        };
      }),
  );
}

async function expectGateClosed(target: Page): Promise<void> {
  await target.getByTestId('lead-gate').waitFor();
  await expect(target.getByRole('group', { name: '班组长密码' }).isVisible()).resolves.toBe(true);
  await expect(target.getByTestId('report-screen').count()).resolves.toBe(0);
  await expect(target.getByTestId('local:vehicles').count()).resolves.toBe(0);
}

async function tapPin(target: Page, pin: string): Promise<void> {
  const pad = target.getByRole('group', { name: '班组长密码' });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: '确定' }).click();
}

describe('the lead PIN gate', () => {
  it(
    'keeps an officer out of the report, lets the lead in with the PIN, locks on reload, works offline, stores no plain PIN',
    async () => {
      // Controlled by the service worker before going offline, as a tablet is after its first visit.
      await openInstalledApp(page, '/enroll');

      // A weak PIN is refused in words before anything is sent.
      await page.getByLabel('班组长密码', { exact: true }).fill('123456');
      await page.getByLabel('再次输入班组长密码').fill('123456');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByText('不能是连续的数字（如 123456、654321），请换一个不易被猜到的密码。').waitFor();
      await enrollTablet(page, { enrollmentCode, leadPin: LEAD_PIN });

      // One check of the day, so the report would have a figure to show.
      await page.getByRole('link', { name: '开始检查' }).click();
      await signIn(page);
      await startCheck(page);
      await tapPlate(page, '湘K12345');
      await startPersons(page);
      await page.getByRole('button', { name: '无手机' }).click();
      await screenCommonCase(page);
      await saveVehicle(page);

      // The officer taps 日报 in the header: the PIN pad, and none of the figures.
      await page.getByRole('link', { name: '日报' }).click();
      await expectGateClosed(page);

      await tapPin(page, '482914');
      await expect(page.getByTestId('lead-pin-error').textContent()).resolves.toBe('密码错误。再错 4 次将暂时锁定。');
      await expect(page.getByTestId('report-screen').count()).resolves.toBe(0);

      await unlockLead(page, LEAD_PIN);
      await expect.poll(() => page.getByTestId('local:vehicles').textContent()).toContain('1');
      await expect(page.getByTestId('lead-lock').isVisible()).resolves.toBe(true);

      // A reload locks again: the open state is never stored.
      await page.reload();
      await page.waitForSelector('[data-ready="true"]');
      await expectGateClosed(page);

      // Offline, from the service worker: the PIN is checked on the tablet alone.
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('[data-ready="true"]');
      await expectGateClosed(page);
      await unlockLead(page, LEAD_PIN);
      await expect.poll(() => page.getByTestId('local:vehicles').textContent()).toContain('1');
      // The header's lock button closes the lead's screens at once.
      await page.getByTestId('lead-lock').click();
      await expectGateClosed(page);
      await context.setOffline(false);

      const rows = await storedSettings(page);
      const serialised = JSON.stringify(rows);
      expect(serialised).toContain('PBKDF2-SHA-256');
      expect(serialised).not.toContain(LEAD_PIN);
      // The wrong PIN counted once and was cleared by the right one.
      expect(rows).toContainEqual({ key: 'leadPinAttempts', value: { failures: 0, lockedUntil: null } });
    },
    TEST_TIMEOUT_MS,
  );
});
