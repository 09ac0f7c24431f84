// Two tablets of one checkpoint, in two Chromium contexts against the real server (Fastify + SQLite) serving the built
// PWA: each enrolls and saves its own checks, both sync, and the lead on tablet 1 sees the whole checkpoint's report
// beside its own, the hand-off list with tablet 2's flagged passenger, and both print views on A4.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollTablet,
  expectPendingCount,
  openApp,
  saveVehicle,
  screenCommonCase,
  setOccupants,
  signIn,
  startCheck,
  startPersons,
  tapPlate,
  unlockLead,
  waitForStep,
  HELD_DESTINATION,
  pickDestination,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import type { Store } from '../../src/server/store/create-store.ts';
import { writeBlankY4m } from '../support/fake-camera.ts';
import { inkedPixels } from '../support/screenshot-ink.ts';
import { startServedApp } from '../support/served-app.ts';
import type { ServedApp } from '../support/served-app.ts';

const TEST_TIMEOUT_MS = 180_000;
/** One small batch each to a local server; the margin is for a busy 2-core machine. */
const SYNC_TIMEOUT_MS = 30_000;
const FLAGGED_ID_NUMBER = '11010519491231002X';
const FLAGGED_ID_MASKED = '110105********002X';
/** Set to write docs/screenshots/report.png and report-print.png for the README from this run's real data. */
const WRITE_SCREENSHOTS = process.env['KAKOU_SCREENSHOTS'] === '1';

let app: ServedApp;
let store: Store;
let baseUrl: string;
let enrollmentCode: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startServedApp('two-tablets');
  ({ store, baseUrl, enrollmentCode } = app);
  browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await app.close();
});

/** A tablet of its own (own IndexedDB), enrolled through the UI and signed in for `team`. */
async function enrolledTablet(name: string, team: string): Promise<Page> {
  const context = await newAppContext(browser, baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  await openApp(page, '/enroll');
  await enrollTablet(page, { enrollmentCode, deviceName: name });
  await expect.poll(() => page.getByTestId('enrolled-checkpoint').textContent()).toBe('卡口：娄底东收费站');
  await page.getByRole('link', { name: '开始检查' }).click();
  await signIn(page, { officerId: team === 'A' ? '017' : '023', officerName: team === 'A' ? '张伟' : '刘洋', team });
  return page;
}

/** A vehicle whose occupants have no phone and nothing to flag. */
async function commonVehicle(page: Page, plate: string, type?: string): Promise<void> {
  await startCheck(page);
  await tapPlate(page, plate);
  await startPersons(page, type);
  await page.getByRole('button', { name: '无手机' }).click();
  await screenCommonCase(page);
  await saveVehicle(page);
}

/** A car from Guangdong: a driver with nothing to flag, a yellow-code passenger registered for hand-off. */
async function carWithFlaggedPassenger(page: Page): Promise<void> {
  await startCheck(page);
  await tapPlate(page, '粤B12345');
  await setOccupants(page, 2);
  await startPersons(page);
  await page.getByRole('button', { name: '无手机' }).click();
  await screenCommonCase(page);
  await page.getByRole('button', { name: /下一位（2\/2）/u }).click();
  await waitForStep(page, 'scan');
  await page.getByRole('button', { name: '无手机' }).click();
  await waitForStep(page, 'look');
  await page.getByRole('button', { name: '黄码', exact: true }).click();
  await page.getByRole('button', { name: '36.6 · 已核验证件', exact: true }).click();
  await page.getByRole('button', { name: '阴性 · 今天采样' }).click();
  await waitForStep(page, 'decision');
  await page.getByLabel('姓名').fill('李娜');
  await page.getByLabel('身份证号（18 位）').fill(FLAGGED_ID_NUMBER);
  await page.getByLabel('手机号').fill('13812345678');
  await pickDestination(page, HELD_DESTINATION);
  await saveVehicle(page);
}

async function synced(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId('header-pending').getAttribute('data-count'), { timeout: SYNC_TIMEOUT_MS })
    .toBe('0');
}

const cell = (page: Page, id: string) => page.getByTestId(id).textContent();

/**
 * A print view's screenshot carries what a signed sheet needs: thousands of ink pixels (a line of 16 px text has a
 * few hundred per character; an empty or unstyled page, none).
 */
const MIN_PRINT_INK_PIXELS = 5_000;

async function expectDrawn(page: Page, name: string): Promise<void> {
  const shot = await page.screenshot({
    fullPage: true,
    ...(process.env['KAKOU_SHOTS'] ? { path: `${process.env['KAKOU_SHOTS']}/${name}.png` } : {}),
  });
  expect(await inkedPixels(page, shot), `${name}: ink pixels`).toBeGreaterThan(MIN_PRINT_INK_PIXELS);
}

describe('two tablets of one checkpoint', () => {
  it(
    'sync their checks and the lead sees the merged report, the hand-off list and both print views',
    async () => {
      const tablet1 = await enrolledTablet('1号平板', 'A');
      const tablet2 = await enrolledTablet('2号平板', 'B');

      // Tablet 1, team A: two local vehicles, a car and a truck, one person each.
      await commonVehicle(tablet1, '湘K10001');
      await commonVehicle(tablet1, '湘K10002', '货车');
      // Tablet 2, team B: a car from Guangdong with a flagged passenger.
      await carWithFlaggedPassenger(tablet2);
      await synced(tablet1);
      await synced(tablet2);
      await expectPendingCount(tablet2, 0);
      expect(await store.vehicleChecks.count()).toBe(3);

      // The lead on tablet 1: the whole checkpoint from the server beside this tablet's own.
      await tablet1.goto('/report');
      // A page load locks the lead's screens again.
      await unlockLead(tablet1);
      await tablet1.waitForSelector('[data-ready="true"]');
      await expect.poll(() => cell(tablet1, 'server:vehicles'), { timeout: SYNC_TIMEOUT_MS }).toBe('3');
      expect(await cell(tablet1, 'server:persons')).toBe('4');
      expect(await cell(tablet1, 'server:devices')).toBe('2');
      expect(await cell(tablet1, 'server:flag.yellow-code')).toBe('1');
      expect(await cell(tablet1, 'server:vehicleType.truck')).toBe('1');
      expect(await cell(tablet1, 'server:origin.out-of-province')).toBe('1');
      expect(await cell(tablet1, 'server:team.B')).toBe('1 / 2');
      expect(await cell(tablet1, 'local:vehicles')).toBe('2');
      expect(await cell(tablet1, 'local:persons')).toBe('2');
      expect(await cell(tablet1, 'local:devices')).toBe('1');
      expect(await cell(tablet1, 'local:flag.yellow-code')).toBe('0');
      // The charts are drawn (Chart.js, loaded with the report) over the merged figures.
      const hourChart = tablet1.getByRole('img', { name: '每小时车辆与人员（全卡口（服务器））' });
      await hourChart.waitFor();
      await expect.poll(() => hourChart.evaluate((canvas) => (canvas as HTMLCanvasElement).width)).toBeGreaterThan(0);
      if (WRITE_SCREENSHOTS) await tablet1.screenshot({ path: 'docs/screenshots/report.png' });

      // The hand-off list: tablet 2's flagged passenger, from the server, masked on screen.
      await tablet1.getByTestId('report-handoffs-link').click();
      const person = tablet1.getByTestId('handoff-person');
      await expect.poll(() => person.count(), { timeout: SYNC_TIMEOUT_MS }).toBe(1);
      const personText = await person.textContent();
      expect(personText).toContain('粤B12345');
      expect(personText).toContain('李娜');
      expect(personText).toContain('黄码');
      expect(personText).toContain(FLAGGED_ID_MASKED);
      expect(await tablet1.getByTestId('handoff-group').getByRole('heading').textContent()).toContain(
        '双峰县 › 三塘铺镇 › 黄河村',
      );
      expect(await tablet1.getByTestId('handoffs-source').getAttribute('data-source')).toBe('server');
      expect(await tablet1.content()).not.toContain(FLAGGED_ID_NUMBER);

      // The 日报 on A4: merged figures, no app chrome, black on white.
      await tablet1.emulateMedia({ media: 'print' });
      await tablet1.goto('/report/print');
      // A page load locks the lead's screens again.
      await unlockLead(tablet1);
      await tablet1.waitForSelector('[data-testid="report-print"][data-source="server"]');
      expect(await tablet1.getByTestId('report-print-title').textContent()).toMatch(
        /^娄底东收费站 卡口 \d{4}-\d{2}-\d{2} 日报$/u,
      );
      expect(await cell(tablet1, 'print:vehicles')).toBe('3');
      expect(await cell(tablet1, 'print:persons')).toBe('4');
      expect(await cell(tablet1, 'print:devices')).toBe('2');
      expect(await tablet1.getByTestId('report-print-source').textContent()).toContain('2 台平板');
      expect(await tablet1.locator('.app-header').isVisible()).toBe(false);
      expect(await tablet1.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
      expect(await tablet1.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      expect(await tablet1.getByText('审核人').isVisible()).toBe(true);
      await expectDrawn(tablet1, 'report-print');
      if (WRITE_SCREENSHOTS) await tablet1.screenshot({ path: 'docs/screenshots/report-print.png', fullPage: true });

      // The hand-off list on A4: masked only.
      await tablet1.goto('/handoffs/print');
      // A page load locks the lead's screens again.
      await unlockLead(tablet1);
      await tablet1.waitForSelector('[data-testid="handoffs-print"][data-source="server"]');
      expect(await tablet1.getByTestId('handoffs-print-title').textContent()).toMatch(/交接名单$/u);
      expect(await tablet1.getByTestId('handoff-id-number').textContent()).toBe(FLAGGED_ID_MASKED);
      expect(await tablet1.content()).not.toContain(FLAGGED_ID_NUMBER);
      expect(await tablet1.locator('.app-header').isVisible()).toBe(false);
      await expectDrawn(tablet1, 'handoffs-print');
    },
    TEST_TIMEOUT_MS,
  );
});
