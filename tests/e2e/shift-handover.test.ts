// Closing a shift with a hand-over in a real Chromium on the built PWA: three checks (a red-code truck driver held
// among them), the hand-over with a note and the receiving team, the record printed on A4 (print media, a
// screenshot that is not blank, the printed totals and the masked ID in the DOM), still there after a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCommonCar, completeHeldTruckDriver, HELD_DRIVER, openApp, signIn } from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { inkedPixels } from '../support/screenshot-ink.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';

const HELD_PLATE = '湘AD12345';
const TEST_TIMEOUT_MS = 120_000;
/** Ink pixels on the printed record: its tables and signature lines; an empty or unstyled page has none. */
const MIN_PRINT_INK_PIXELS = 5_000;

let server: DistServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  context = await newAppContext(browser, server.url);
  page = await context.newPage();
});

afterAll(async () => {
  await context.close();
  await browser.close();
  await server.close();
});

describe('closing a shift with a hand-over', () => {
  it(
    'hands over three checks with a held driver and a note, prints the record on A4, and keeps it after a reload',
    async () => {
      await openApp(page);
      await signIn(page);
      await completeCommonCar(page, '湘K10001');
      await completeHeldTruckDriver(page, HELD_PLATE);
      await completeCommonCar(page, '湘K10002');

      await page.getByRole('button', { name: '交班', exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: '交班' });
      await expect.poll(() => dialog.getByTestId('summary-vehicles').textContent()).toBe('3');
      // Not enrolled: nothing has reached a server, and the dialog says so before the shift is closed.
      await expect(dialog.getByText(/本班有 3 条检查记录尚未上传/u).isVisible()).resolves.toBe(true);
      await dialog.getByRole('button', { name: 'B 班' }).click();
      await dialog.getByLabel('交接事项').fill('王强（湘AD12345）留置观察，等待疾控转运');
      await dialog.getByRole('button', { name: '确认交班' }).click();

      await page.waitForURL(/\/shift\/[^/]+\/handover$/u);
      const record = page.getByTestId('handover-screen');
      await record.waitFor();
      // Signed out: the next officer signs in.
      await expect(page.getByTestId('header-officer').count()).resolves.toBe(0);

      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.app-header').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false);
      await expect(page.getByText('接班人签字').isVisible()).resolves.toBe(true);
      const png = await page.screenshot({
        fullPage: true,
        ...(process.env['KAKOU_SHOTS'] ? { path: `${process.env['KAKOU_SHOTS']}/handover-print.png` } : {}),
      });
      expect(await inkedPixels(page, png)).toBeGreaterThan(MIN_PRINT_INK_PIXELS);
      // Printed on A4 (595 × 842 pt) as the record's own named page says, not the browser's default Letter.
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const mediaBoxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/gu)].map(([, w, h]) => [
        Math.round(Number(w)),
        Math.round(Number(h)),
      ]);
      expect(mediaBoxes.length).toBeGreaterThanOrEqual(1);
      expect(mediaBoxes.every(([w, h]) => w === 595 && h === 842)).toBe(true);
      // Black on white for the paper, whatever the screen's theme.
      await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe(
        'rgb(255, 255, 255)',
      );

      await expect(page.getByTestId('summary-vehicles').textContent()).resolves.toBe('3');
      await expect(page.getByTestId('summary-persons').textContent()).resolves.toBe('3');
      await expect(page.getByTestId('summary-flagged').textContent()).resolves.toBe('1');
      await expect(page.getByTestId('summary-flags:red-code').textContent()).resolves.toBe('1');
      await expect(page.getByTestId('summary-person-dispositions:hold').textContent()).resolves.toBe('1');
      const held = page.getByTestId('open-person');
      await expect(held.count()).resolves.toBe(1);
      await expect(held.textContent()).resolves.toContain(HELD_PLATE);
      await expect(held.textContent()).resolves.toContain('110105********002X');
      await expect(held.textContent()).resolves.toContain('138****5678');
      await expect(record.textContent()).resolves.not.toContain(HELD_DRIVER.idNumber);
      await expect(page.getByTestId('handover-teams').textContent()).resolves.toBe('A 班 → 接班：B');
      await expect(page.getByTestId('handover-note').textContent()).resolves.toContain('等待疾控转运');

      await page.emulateMedia({ media: 'screen' });
      await page.reload();
      await page.waitForSelector('[data-ready="true"]');
      await expect.poll(() => page.getByTestId('summary-vehicles').textContent()).toBe('3');
      await expect(page.getByTestId('open-person').textContent()).resolves.toContain(HELD_PLATE);

      // Reopened from the history of this tablet's shifts.
      await page.getByRole('navigation').getByRole('link', { name: '交班记录' }).click();
      const items = page.getByTestId('shift-history-item');
      await expect.poll(() => items.count()).toBe(1);
      await expect(items.first().textContent()).resolves.toContain('车辆 3');
      await items.first().getByRole('link', { name: '查看交接' }).click();
      await expect.poll(() => page.getByTestId('summary-vehicles').textContent()).toBe('3');
    },
    TEST_TIMEOUT_MS,
  );
});
