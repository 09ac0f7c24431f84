// The tablet's clock in a real Chromium: the built PWA, its service worker in control, against the real server seen
// through a proxy whose Date header is 7 minutes ahead of the machine's clock. The Date reaches the app's code (same
// origin, never from a cache), the banner asks the officer to set the time on the start screen and in the check flow,
// the check saved meanwhile reaches the server with its skew, and a sync that finds the clock right takes the banner away.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  enrollTablet,
  expectPendingCount,
  openInstalledApp,
  saveVehicle,
  screenCommonCase,
  signIn,
  startCheck,
  startPersons,
  tapPlate,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { writeBlankY4m } from '../support/fake-camera.ts';
import { startServedApp, type ServedApp } from '../support/served-app.ts';

const MINUTE_MS = 60_000;
const BEHIND_7 = '本机时间比服务器慢 7 分钟，请校准时间';

let app: ServedApp;
let proxy: FaultProxy;
let serverAheadMs = 7 * MINUTE_MS;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startServedApp('clock-skew-e2e');
  proxy = await startFaultProxy(app.baseUrl, () => ({ kind: 'pass' }), { shiftDateMs: () => serverAheadMs });
  browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
  context = await newAppContext(browser, proxy.url);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await proxy.close();
  await app.close();
});

const banner = () => page.getByTestId('clock-skew-banner');

/**
 * Whether `lower` starts at or below the bottom of `upper`: the banner comes after the keys, since the sync that finds
 * the clock off can come while the officer reaches for one, and a line appearing above would move it (ADR 040).
 */
async function below(lower: Locator, upper: Locator): Promise<boolean> {
  const [top, bottom] = await Promise.all([
    lower.evaluate((element) => element.getBoundingClientRect().top),
    upper.evaluate((element) => element.getBoundingClientRect().bottom),
  ]);
  return top >= bottom;
}

it('asks the officer to set a clock 7 minutes behind, records it with the check, and stops once the clock is right', async () => {
  await openInstalledApp(page, '/enroll');
  await enrollTablet(page, { enrollmentCode: app.enrollmentCode });
  await expect.poll(() => page.getByTestId('header-last-sync').textContent()).toMatch(/^上次同步 /u);

  await page.getByRole('link', { name: '开始检查' }).click();
  await signIn(page);
  await expect.poll(() => banner().textContent()).toBe(BEHIND_7);

  await expect(below(banner(), page.getByTestId('start-check'))).resolves.toBe(true);

  await startCheck(page);
  await expect(page.getByTestId('check-flow').getByTestId('clock-skew-banner').textContent()).resolves.toBe(BEHIND_7);
  await expect(below(banner(), page.getByRole('button', { name: '放弃此检查' }))).resolves.toBe(true);
  await tapPlate(page, '湘K12345');
  await startPersons(page);
  await page.getByRole('button', { name: '无手机' }).click();
  await screenCommonCase(page);
  await saveVehicle(page);
  await expectPendingCount(page, 0);
  const { checks } = await app.store.vehicleChecks.list({ checkpointId: app.checkpointId, limit: 10 });
  expect(checks).toHaveLength(1);
  const skew = checks[0]?.check.clockSkewSeconds ?? 0;
  expect(Math.abs(skew + 420)).toBeLessThanOrEqual(2);

  // The officer sets the time; "sync now" finds it right and the banner goes.
  serverAheadMs = 0;
  await page.getByTestId('header-sync-now').click();
  await expect.poll(() => banner().count()).toBe(0);
});
