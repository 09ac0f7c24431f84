// A new version deployed mid-shift: it waits while a check is on screen, the officer takes it from the start
// screen, and the unfinished check survives the switch. Real Chromium, two real builds on one origin.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openApp, openInstalledApp, signIn, startCheck, tapPlate } from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';

const VERSION_B = 'test-b';
/** Long enough for an unwanted reload to have happened: the new worker installs in well under a second here. */
const NO_RELOAD_WATCH_MS = 3_000;
const UPDATE_FOUND_TIMEOUT_MS = 20_000;
/** Any single wait longer than this is a failure to report, not a hang until the test times out. */
const STEP_TIMEOUT_MS = 10_000;

let workDir: string;
let versionA: string;
let versionB: string;
let server: DistServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let loads: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'kakou-update-'));
  versionA = join(workDir, 'a');
  versionB = join(workDir, 'b');
  // A is what the suite built; B is a second real build that differs where an officer can see it (settings).
  await cp(resolve('dist'), versionA, { recursive: true });
  await promisify(execFile)('npx', ['vite', 'build', '--outDir', versionB, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production', KAKOU_APP_VERSION: VERSION_B },
  });
  server = await serveDist(versionA);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await server.setRoot(versionA);
  context = await newAppContext(browser, server.url); // a new tablet: empty profile, no service worker yet
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  pageErrors = [];
  loads = 0;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('load', () => {
    loads += 1;
  });
});

afterEach(async () => {
  await context.close();
});

const timeOrigin = (page: Page): Promise<number> => page.evaluate(() => performance.timeOrigin);
const plateOnScreen = (page: Page): Promise<string | null> => page.locator('.plate-display .sr-only').textContent();
const updatePrompt = (page: Page) => page.getByTestId('update-prompt');
/** The banner's text, or '' while there is none: polled without waiting for it to appear. */
const updatePromptText = async (page: Page): Promise<string> => (await updatePrompt(page).allTextContents()).join(' ');
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const versionShown = (page: Page): Promise<string | null> => page.getByText(/^版本 /u).textContent();

/** From a started check to version B with the check resumed; the page is on version A at the start. */
async function updateAroundAnUnfinishedCheck(page: Page): Promise<void> {
  await signIn(page);
  await startCheck(page);
  await tapPlate(page, '湘K12');
  expect(await plateOnScreen(page)).toBe('车牌：湘K12');
  const originA = await timeOrigin(page);
  const loadsBeforeUpdate = loads;

  // The deployment: from now on the server answers with B, and the tablet looks for a new version.
  await server.setRoot(versionB);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker registration');
    await registration.update();
  });

  // On the check screen the new version is announced, without a button, and nothing reloads. The wait ends on
  // either outcome, so a reload fails as a reload rather than as a missing banner.
  const reloaded = async (): Promise<boolean> => loads !== loadsBeforeUpdate || (await timeOrigin(page)) !== originA;
  await expect
    .poll(async () => (await reloaded().catch(() => true)) || (await updatePromptText(page)) !== '', {
      timeout: UPDATE_FOUND_TIMEOUT_MS,
    })
    .toBe(true);
  await page.waitForTimeout(NO_RELOAD_WATCH_MS);
  expect(await reloaded(), 'the page reloaded under the check').toBe(false);
  expect(await updatePromptText(page)).toContain('请先完成当前检查，再更新。');
  expect(await updatePrompt(page).getByRole('button').count()).toBe(0);
  expect(await plateOnScreen(page)).toBe('车牌：湘K12');
  // The check goes on as before: the keyboard still types, into the same draft.
  await tapPlate(page, '3');
  expect(await plateOnScreen(page)).toBe('车牌：湘K123');
  expect(page.url()).toMatch(/\/check\/[^/]+$/u);

  // Version A keeps running whole until accepted: a screen not opened yet still loads.
  await nav(page, '设置').click();
  await expect.poll(() => versionShown(page)).not.toBe(`版本 ${VERSION_B}`);

  // On the start screen the officer can take the update; the draft is waiting there.
  await nav(page, '检查').click();
  await page.waitForSelector('[data-testid="home"]');
  expect(await reloaded()).toBe(false);
  await expect.poll(() => page.getByRole('region', { name: '未完成的检查' }).textContent()).toContain('湘K123');
  const updateNow = updatePrompt(page).getByRole('button', { name: '立即更新' });
  await Promise.all([page.waitForEvent('load'), updateNow.click()]);
  await page.waitForSelector('[data-ready="true"]');
  expect(await timeOrigin(page)).not.toBe(originA);
  expect(await updatePrompt(page).count()).toBe(0);

  // Now version B runs, and the unfinished check resumes with the same plate.
  await nav(page, '设置').click();
  await expect.poll(() => versionShown(page)).toBe(`版本 ${VERSION_B}`);
  await nav(page, '检查').click();
  const resume = page.getByRole('region', { name: '未完成的检查' });
  await expect.poll(() => resume.textContent()).toContain('湘K123');
  await resume.getByRole('link', { name: '继续' }).click();
  await page.waitForSelector('[data-testid="check-flow"][data-stage="vehicle"]');
  expect(await plateOnScreen(page)).toBe('车牌：湘K123');
  expect(pageErrors).toEqual([]);
}

it('on the installed app: waits while a check is on screen, updates from the start screen, the check survives', async () => {
  // As an officer opens it every day after the first: controlled by its service worker.
  await openInstalledApp(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await updateAroundAnUnfinishedCheck(page);
});

it('on the first visit, before any service worker controls the page, the update still happens on request', async () => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  await updateAroundAnUnfinishedCheck(page);
});
