// The command's console against the real server (Fastify + SQLite) serving the built PWA, in real Chromium: an admin
// signs in, opens a checkpoint and prints its enrollment poster; a tablet enrolls with that code, checks two cars and
// syncs; the console lists the tablet with its app version and pending count; the admin publishes a risk area, the
// tablet syncs and flags a car from there; the admin revokes the tablet, which then asks to enroll again and keeps
// its checks (issue 13).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  completeCommonCar,
  enrollTablet,
  expectPendingCount,
  openApp,
  signIn,
  startCheck,
  startPersons,
  storedChecks,
  tapPlate,
  waitForStep,
  COMMON_CASE_KEYS,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { writeBlankY4m } from '../support/fake-camera.ts';
import { startServedApp, type ServedApp } from '../support/served-app.ts';

const TEST_TIMEOUT_MS = 240_000;
/** A few small batches to a local server; the margin is for a busy 2-core machine. */
const SYNC_TIMEOUT_MS = 60_000;
/** How long one round waits for 立即同步 to take a click before it looks for the re-enroll link again. */
const SYNC_BUTTON_WAIT_MS = 2_000;
const ADMIN = { username: 'county.command', password: 'a long passphrase 1' } as const;
const NEW_CHECKPOINT = '双峰收费站';

let app: ServedApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startServedApp('command-console');
  await app.store.adminAccounts.create({ ...ADMIN, scope: { kind: 'all' } });
  browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
  await app.close();
});

async function newPage(): Promise<Page> {
  const context = await newAppContext(browser, app.baseUrl);
  contexts.push(context);
  return context.newPage();
}

/** The tablet syncs now, as an officer's 立即同步 does, and the header says nothing is pending. */
async function syncTablet(tablet: Page): Promise<void> {
  await tablet.getByRole('button', { name: '立即同步' }).click();
  await expectPendingCount(tablet, 0);
}

it(
  'opens a checkpoint, enrolls its tablet, lists it, publishes a risk area it applies, and revokes it',
  async () => {
    // The admin signs in and opens a checkpoint in 双峰县.
    const commandPage = await newPage();
    await commandPage.goto('/admin');
    await commandPage.getByLabel('用户名').fill(ADMIN.username);
    await commandPage.getByLabel('密码').fill(ADMIN.password);
    await commandPage.getByRole('button', { name: '登录', exact: true }).click();
    await commandPage.getByTestId('console-user').waitFor();
    const form = commandPage.getByTestId('new-checkpoint');
    await form.getByLabel('名称').fill(NEW_CHECKPOINT);
    await form.getByLabel('省份').selectOption({ label: '湖南省' });
    await form.getByLabel('地市').selectOption({ label: '娄底市' });
    await form.getByLabel(/区县/u).selectOption({ label: '双峰县' });
    await form.getByRole('button', { name: '开设检查站' }).click();
    const enrollmentCode = (await commandPage.getByTestId('enrollment-code-text').first().textContent())?.trim() ?? '';
    expect(enrollmentCode).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/u);
    const row = commandPage.getByTestId('checkpoint-row').filter({ hasText: NEW_CHECKPOINT });
    await row.waitFor();

    // Its poster, as the printer gets it: the checkpoint, the address, the code and a QR code, and nothing else.
    await commandPage.emulateMedia({ media: 'print' });
    const poster = commandPage.getByTestId('enrollment-poster');
    await expect.poll(() => poster.isVisible()).toBe(true);
    expect(await poster.textContent()).toContain(NEW_CHECKPOINT);
    expect(await poster.textContent()).toContain(app.baseUrl);
    expect(await poster.textContent()).toContain(enrollmentCode);
    await expect
      .poll(() => poster.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBeGreaterThan(0);
    expect(await commandPage.getByTestId('checkpoints').isVisible()).toBe(false);
    await commandPage.emulateMedia({ media: 'screen' });

    // A tablet enrolls with that code, checks two cars and syncs.
    const tablet = await newPage();
    await openApp(tablet, '/enroll');
    await enrollTablet(tablet, { enrollmentCode, deviceName: '双峰1号平板' });
    await openApp(tablet, '/');
    await signIn(tablet);
    await completeCommonCar(tablet, '湘K12345');
    await completeCommonCar(tablet, '湘K23456');
    await syncTablet(tablet);

    // The console lists it with its version and nothing left pending.
    await commandPage.reload();
    await row.getByRole('link', { name: '平板', exact: true }).click();
    const tabletRow = commandPage.getByTestId('tablet-row').filter({ hasText: '双峰1号平板' });
    await tabletRow.waitFor();
    expect(await tabletRow.getByTestId('tablet-version').textContent()).toMatch(/^\d+\.\d+\.\d+\+\S+$/u);
    expect(await tabletRow.getByTestId('tablet-pending').textContent()).toBe('0');

    // The admin publishes 长沙 as a medium-risk area.
    await commandPage.getByRole('link', { name: '筛查规则', exact: true }).click();
    await commandPage.getByLabel('风险地区名单').fill('湖南省 长沙市 中风险');
    await commandPage.getByRole('button', { name: '核对并加入' }).click();
    await expect
      .poll(() => commandPage.getByTestId('paste-line').first().getAttribute('data-outcome'))
      .not.toBe('refused');
    await commandPage.getByRole('button', { name: '发布新版本' }).click();
    await commandPage.getByRole('button', { name: '确定发布' }).click();
    await commandPage.getByTestId('policy-published').waitFor();

    // The tablet takes it on its next sync, shows it, and flags a car from 长沙.
    await syncTablet(tablet);
    await tablet.goto('/settings');
    await expect.poll(() => tablet.getByTestId('policy-section').getAttribute('data-version')).toBe('2');
    expect(await tablet.getByTestId('policy-risk-areas').textContent()).toContain('长沙市');
    await tablet.goto('/');
    await tablet.getByTestId('start-check').waitFor();
    await startCheck(tablet);
    await tapPlate(tablet, '湘A12345');
    await startPersons(tablet);
    await tablet.getByRole('button', { name: '无手机' }).click();
    await waitForStep(tablet, 'look');
    await tablet.getByRole('button', { name: COMMON_CASE_KEYS.look, exact: true }).click();
    await waitForStep(tablet, 'check');
    await tablet.getByRole('button', { name: COMMON_CASE_KEYS.check, exact: true }).click();
    await waitForStep(tablet, 'verify');
    await tablet.getByRole('button', { name: COMMON_CASE_KEYS.verify }).click();
    await waitForStep(tablet, 'decision');
    expect(await tablet.getByTestId('flag-banner').textContent()).toContain('来自风险地区');

    // Revoked in the console, the tablet asks to enroll again and keeps every check it made.
    await commandPage.getByRole('link', { name: '检查站', exact: true }).click();
    await row.getByRole('link', { name: '平板', exact: true }).click();
    await tabletRow.getByRole('button', { name: '停用' }).click();
    await tabletRow.getByRole('button', { name: '确定停用' }).click();
    // Gone from the list of working tablets; among the revoked ones, said to be revoked.
    await expect.poll(() => tabletRow.count(), { timeout: SYNC_TIMEOUT_MS }).toBe(0);
    await commandPage.getByLabel('显示已停用的平板').check();
    expect(await tabletRow.getAttribute('data-revoked')).toBe('true');
    // Opening the app syncs at once; should that sync already be over, 立即同步 asks again.
    await tablet.goto('/');
    const reenroll = tablet.getByRole('link', { name: '请重新登记设备' });
    const syncNow = tablet.getByRole('button', { name: '立即同步' });
    // The button is disabled while a sync runs and gone once that sync is refused, so a click that
    // waits on it could wait forever: each round gives the click a short time, then looks again.
    await expect
      .poll(
        async () => {
          if (await reenroll.isVisible()) return true;
          await syncNow.click({ timeout: SYNC_BUTTON_WAIT_MS }).catch(() => undefined);
          return reenroll.isVisible();
        },
        { timeout: SYNC_TIMEOUT_MS },
      )
      .toBe(true);
    expect(await storedChecks(tablet)).toHaveLength(2);
  },
  TEST_TIMEOUT_MS,
);
