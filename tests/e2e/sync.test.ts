// Sync exactly once, in a real Chromium against the real server (Fastify + SQLite) serving the built PWA:
// enroll through the UI, work offline, come back online, and the server holds exactly what the tablet saved;
// a revoked token then asks for re-enrollment and leaves the tablet's data alone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeCommonCar,
  enrollTablet,
  expectPendingCount,
  openInstalledApp,
  saveVehicle,
  screenCommonCase,
  signIn,
  startCheck,
  startPersons,
  storedChecks,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import type { Store } from '../../src/server/store/create-store.ts';
import { writeBlankY4m } from '../support/fake-camera.ts';
import { startServedApp } from '../support/served-app.ts';
import type { ServedApp } from '../support/served-app.ts';

const CHECKS_OFFLINE = 50;
/** 50 checks by hand take most of it; the rest is enrollment, the drain and a margin for a busy 2-core machine. */
const TEST_TIMEOUT_MS = 150_000;
/** The drain after coming online: one batch of 50 to a local server, well under a second; the margin is for CPU starvation. */
const DRAIN_TIMEOUT_MS = 20_000;

interface StoredRow {
  id: string;
  check: { checkpointId: string; deviceId: string; vehicle: { plate: string | null } };
}

let app: ServedApp;
let store: Store;
let baseUrl: string;
let checkpointId: string;
let enrollmentCode: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startServedApp('sync-e2e');
  ({ store, baseUrl, checkpointId, enrollmentCode } = app);
  browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
  context = await newAppContext(browser, baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await app.close();
});

/** Taps the province key, then types the rest on the hardware keyboard the plate keyboard also listens to. */
async function enterPlate(target: Page, plate: string): Promise<void> {
  await target
    .locator('button', { hasText: new RegExp(`^${plate.charAt(0)}$`, 'u') })
    .first()
    .click();
  await target.keyboard.type(plate.slice(1));
}

describe('sync against the real server', () => {
  it(
    'enrolls through the UI, saves 50 checks offline, and after coming online the server holds exactly those 50; a revoked token asks to re-enroll',
    async () => {
      // Controlled by the service worker before going offline, as a tablet is after its first visit.
      await openInstalledApp(page, '/enroll');
      await expect(page.getByTestId('header-sync-state').getAttribute('data-state')).resolves.toBe('not-enrolled');

      // The address defaults to the page's own origin: the server serves the app.
      await expect(page.getByLabel('服务器地址').inputValue()).resolves.toBe(baseUrl);
      await enrollTablet(page, { enrollmentCode: enrollmentCode.toLowerCase() });
      await expect(page.getByTestId('enrolled-checkpoint').textContent()).resolves.toBe('卡口：娄底东收费站');
      // The engine started with the new token and found nothing to send.
      await expect.poll(() => page.getByTestId('header-last-sync').textContent()).toMatch(/^上次同步 \d\d:\d\d$/u);

      await page.getByRole('link', { name: '开始检查' }).click();
      await signIn(page);

      await context.setOffline(true);
      await page.getByText('离线', { exact: true }).waitFor();
      const plates: string[] = [];
      for (let i = 0; i < CHECKS_OFFLINE; i += 1) {
        const plate = `湘K${String(10_000 + i)}`;
        plates.push(plate);
        await startCheck(page);
        await enterPlate(page, plate);
        await startPersons(page);
        // No camera needed: the person has no phone.
        await page.getByRole('button', { name: '无手机' }).click();
        await screenCommonCase(page);
        await saveVehicle(page);
      }
      await expectPendingCount(page, CHECKS_OFFLINE);
      await expect(store.vehicleChecks.count()).resolves.toBe(0);

      await context.setOffline(false);
      await expect
        .poll(() => page.getByTestId('header-pending').getAttribute('data-count'), { timeout: DRAIN_TIMEOUT_MS })
        .toBe('0');
      await expect(page.getByTestId('header-pending').textContent()).resolves.toBe('已全部同步');

      const onTablet = (await storedChecks(page)) as StoredRow[];
      expect(onTablet).toHaveLength(CHECKS_OFFLINE);
      // The tablet's own records say so too: every check of the day is listed as synced.
      await page.getByRole('link', { name: '今日记录' }).click();
      await expect
        .poll(() => page.getByTestId('checks-list').getByText('已同步', { exact: true }).count())
        .toBe(CHECKS_OFFLINE);
      await page.getByRole('link', { name: '检查', exact: true }).click();
      expect(onTablet.map((row) => row.check.vehicle.plate).sort()).toEqual([...plates].sort());

      const { checks: onServer, nextCursor } = await store.vehicleChecks.list({ checkpointId, limit: 500 });
      expect(nextCursor).toBeNull();
      expect(await store.vehicleChecks.count()).toBe(CHECKS_OFFLINE);
      expect(onServer.map((row) => row.check.id).sort()).toEqual(onTablet.map((row) => row.id).sort());
      // Stamped with the ids the server issued at enrollment, not the tablet's own first identity.
      const deviceIds = new Set(onServer.map((row) => row.check.deviceId));
      expect(deviceIds.size).toBe(1);
      const [deviceId] = [...deviceIds];
      await expect(store.devices.get(deviceId!)).resolves.toMatchObject({ checkpointId, name: '3号平板' });
      expect(onServer.every((row) => row.check.checkpointId === checkpointId && row.check.rev === 1)).toBe(true);

      // The admin revokes the tablet: the next save is refused with 401, the header asks to enroll again,
      // and the check stays on the tablet, pending.
      await store.devices.revoke(deviceId!);
      await startCheck(page);
      await enterPlate(page, '湘K20000');
      await startPersons(page);
      await page.getByRole('button', { name: '无手机' }).click();
      await screenCommonCase(page);
      await saveVehicle(page);
      const reenroll = page.getByRole('link', { name: '请重新登记设备' });
      await reenroll.waitFor();
      await expect(reenroll.getAttribute('href')).resolves.toBe('/enroll');
      await expectPendingCount(page, 1);
      expect(await store.vehicleChecks.count()).toBe(CHECKS_OFFLINE);
      await page.getByRole('link', { name: '今日记录' }).click();
      await expect.poll(() => page.getByTestId('checks-list').getByText('待同步', { exact: true }).count()).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it('keeps 开始检查 where the officer reaches for it while a save is synced: the header never changes height', async () => {
    const tabletContext = await newAppContext(browser, baseUrl);
    const tablet = await tabletContext.newPage();
    try {
      await openInstalledApp(tablet, '/enroll');
      await enrollTablet(tablet, { enrollmentCode, deviceName: '5号平板' });
      await tablet.getByRole('link', { name: '开始检查' }).click();
      await signIn(tablet);
      await tablet.evaluate(() => {
        const w = window as unknown as { __headerHeights: number[] };
        w.__headerHeights = [];
        const header = document.querySelector('header');
        if (!header) throw new Error('no header');
        new ResizeObserver((entries) => {
          for (const entry of entries) w.__headerHeights.push(Math.round(entry.contentRect.height));
        }).observe(header);
      });
      const startButtonTop = async () => (await tablet.getByTestId('start-check').boundingBox())?.y;

      await completeCommonCar(tablet, '湘K30000');
      const atSave = await startButtonTop();
      await expect.poll(() => tablet.getByTestId('header-pending').getAttribute('data-count')).toBe('0');

      expect(await startButtonTop()).toBe(atSave);
      const heights = await tablet.evaluate(() => (window as unknown as { __headerHeights: number[] }).__headerHeights);
      expect(heights.length).toBeGreaterThan(0);
      expect(new Set(heights).size).toBe(1);
    } finally {
      await tabletContext.close();
    }
  });
});
