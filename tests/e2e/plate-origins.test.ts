// A checkpoint outside Hunan, in a real Chromium against the real server serving the built PWA: a tablet enrolled
// at a Guangdong checkpoint (written 广东省 深圳市, as an admin might) shows 粤 and its neighbours first on the plate
// keyboard for the whole shift, prefills Guangdong and Hunan plates' cities, and the day's report — the tablet's and
// the server's — splits the vehicles into local, in-province and out-of-province.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollTablet,
  openApp,
  saveVehicle,
  screenCommonCase,
  signIn,
  startCheck,
  startPersons,
  tapPlate,
  unlockLead,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { startServedApp, type ServedApp } from '../support/served-app.ts';

const TEST_TIMEOUT_MS = 150_000;
/** Three checks to a local server take well under a second; the margin is for a busy 2-core machine. */
const SYNC_TIMEOUT_MS = 20_000;
const GUANGDONG_CHECKPOINT = {
  name: '皇岗收费站',
  province: '广东省',
  city: '深圳市',
  timezone: 'Asia/Shanghai',
} as const;
/** 粤, then its neighbours clockwise from north (Jiangxi, Fujian, Hainan across the strait, Guangxi, Hunan). */
const GUANGDONG_FIRST_KEYS = ['粤', '赣', '闽', '琼', '桂', '湘'];

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startServedApp('plate-origins', { checkpoint: GUANGDONG_CHECKPOINT });
  browser = await launchBrowser();
  context = await newAppContext(browser, app.baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await app.close();
});

async function provinceKeys(target: Page): Promise<string[]> {
  return target.getByRole('group', { name: '省份简称' }).getByRole('button').allTextContents();
}

async function origin(target: Page): Promise<{ province: string; city: string }> {
  return {
    province: await target.getByLabel('省份', { exact: true }).inputValue(),
    city: await target.getByLabel('城市', { exact: true }).inputValue(),
  };
}

/** One car with a driver who has no phone and nothing to flag; asserts the keys' order and the origin prefilled. */
async function checkCar(target: Page, plate: string, expectedOrigin: { province: string; city: string }) {
  await startCheck(target);
  expect((await provinceKeys(target)).slice(0, GUANGDONG_FIRST_KEYS.length)).toEqual(GUANGDONG_FIRST_KEYS);
  await tapPlate(target, plate);
  await expect(origin(target)).resolves.toEqual(expectedOrigin);
  await startPersons(target);
  await target.getByRole('button', { name: '无手机' }).click();
  await screenCommonCase(target);
  await saveVehicle(target);
}

async function figure(target: Page, id: string): Promise<string | null> {
  return target.getByTestId(id).textContent();
}

describe('a checkpoint in Guangdong', () => {
  it(
    'puts 粤 and its neighbours first all shift, prefills origins of any province, and splits the report by origin',
    async () => {
      await openApp(page, '/enroll');
      await enrollTablet(page, { enrollmentCode: app.enrollmentCode });
      await expect(page.getByTestId('enrolled-checkpoint').textContent()).resolves.toBe('卡口：皇岗收费站');

      await page.getByRole('link', { name: '开始检查' }).click();
      await signIn(page);
      // Local, in-province, out-of-province; the keys stay in place from the first car to the last.
      await checkCar(page, '粤B12345', { province: '广东', city: '深圳' });
      await checkCar(page, '粤A12345', { province: '广东', city: '广州' });
      await checkCar(page, '湘A12345', { province: '湖南', city: '长沙' });
      // Online all along: the tablet sends them as it saves; the server's report counts them once they arrived.
      await expect
        .poll(() => page.getByTestId('header-pending').getAttribute('data-count'), { timeout: SYNC_TIMEOUT_MS })
        .toBe('0');

      await page.getByRole('link', { name: '日报' }).click();
      await unlockLead(page);
      await expect.poll(() => figure(page, 'local:vehicles')).toBe('3');
      expect(await figure(page, 'local:origin.local')).toBe('1');
      expect(await figure(page, 'local:origin.in-province')).toBe('1');
      expect(await figure(page, 'local:origin.out-of-province')).toBe('1');
      // The server sums the same day in SQL against the checkpoint's place as it stores it.
      await expect.poll(() => figure(page, 'server:vehicles')).toBe('3');
      expect(await figure(page, 'server:origin.local')).toBe('1');
      expect(await figure(page, 'server:origin.in-province')).toBe('1');
      expect(await figure(page, 'server:origin.out-of-province')).toBe('1');
    },
    TEST_TIMEOUT_MS,
  );
});
