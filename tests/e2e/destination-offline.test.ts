// The destination picker offline, in a real Chromium on the built PWA and the real server: a tablet of a checkpoint in
// 双峰县 enrolls online and keeps its division lists, goes offline, reloads, and picks county → township → village for
// a flagged traveller from what it kept; the saved check carries each division's code beside its name (ADR 034).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  enrollTablet,
  HELD_DESTINATION,
  openApp,
  saveVehicle,
  signIn,
  startCheck,
  startPersons,
  storedChecks,
  tapPlate,
  waitForStep,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { writeBlankY4m } from '../support/fake-camera.ts';
import { startServedApp, type ServedApp } from '../support/served-app.ts';

const SHUANGFENG = '431321';
/** The lists a checkpoint in 双峰县 keeps: the country's counties, 湖南's townships, 娄底's villages. */
const KEPT = ['counties', 'townships-43', 'villages-4313'];
const LISTS_KEPT_TIMEOUT_MS = 60_000;

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startServedApp('destination-offline', { countyCode: SHUANGFENG });
  browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
  context = await newAppContext(browser, app.baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await app.close();
});

/** The division lists this tablet holds in IndexedDB, by key. */
function keptLists(target: Page): Promise<string[]> {
  return target.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('kakou');
        open.onerror = () => {
          reject(new Error(String(open.error)));
        };
        open.onsuccess = () => {
          const names = open.result.objectStoreNames;
          if (!names.contains('divisionChunks')) {
            open.result.close();
            resolve([]);
            return;
          }
          const request = open.result.transaction('divisionChunks').objectStore('divisionChunks').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as string[]).sort());
          };
          request.onerror = () => {
            reject(new Error(String(request.error)));
          };
        };
      }),
  );
}

it('picks county → township → village offline after the first visit, and saves the codes with the names', async () => {
  await openApp(page, '/enroll');
  await enrollTablet(page, { enrollmentCode: app.enrollmentCode });
  await expect.poll(() => keptLists(page), { timeout: LISTS_KEPT_TIMEOUT_MS }).toEqual(KEPT);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-ready="true"]');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.goto('/');
  await page.waitForSelector('[data-ready="true"]');
  await signIn(page);
  await startCheck(page);
  await tapPlate(page, '粤B12345');
  await startPersons(page);
  await page.getByRole('button', { name: '无手机' }).click();
  await waitForStep(page, 'look');
  await page.getByRole('button', { name: '黄码', exact: true }).click();
  await page.getByRole('button', { name: '36.6 · 已核验证件', exact: true }).click();
  await page.getByRole('button', { name: '阴性 · 今天采样' }).click();
  await waitForStep(page, 'decision');
  await page.getByLabel('姓名').fill('李娜');
  await page.getByLabel('身份证号（18 位）').fill('11010519491231002X');
  await page.getByLabel('手机号').fill('13812345678');
  // The checkpoint's own county comes first among its neighbours: no typing at all.
  await page.getByRole('button', { name: '选择目的地' }).click();
  const counties = page.locator('.choice-grid button');
  await expect.poll(() => counties.first().textContent()).toBe('双峰县');
  await page.getByRole('button', { name: '双峰县', exact: true }).click();
  await page.getByRole('button', { name: HELD_DESTINATION.township, exact: true }).click();
  await page.getByRole('button', { name: HELD_DESTINATION.village, exact: true }).click();
  await expect.poll(() => page.getByTestId('destination-summary').textContent()).toContain('双峰县 三塘铺镇 黄河村');
  expect(await page.getByText('手动填写', { exact: true }).count()).toBe(0);
  await saveVehicle(page);

  const [row] = (await storedChecks(page)) as { check: { vehicle: { destination: unknown } } }[];
  expect(row?.check.vehicle.destination).toEqual({
    province: '湖南省',
    city: '娄底市',
    county: '双峰县',
    township: '三塘铺镇',
    village: '黄河村',
    countyCode: SHUANGFENG,
    townshipCode: '431321109',
    villageCode: '431321109203',
  });
});
