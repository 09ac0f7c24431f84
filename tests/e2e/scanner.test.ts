// The scanner in real Chromium on the built app: a generated QR code played as the camera is read on /camera-test,
// and leaving, returning and toggling quickly never leaves a second camera open, nor one after leaving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { installCameraTrackRecorder, liveTrackCount, totalTrackCount } from '../support/camera-tracks.ts';
import { writeBlankY4m, writeQrY4m } from '../support/fake-camera.ts';
import { serveDist } from '../support/serve-dist.ts';
import type { DistServer } from '../support/serve-dist.ts';

// Chinese and a symbol: the payload must come through as UTF-8, not as the decoder's guess of another charset.
const PAYLOAD = 'Kakou 健康码 e2e 0001 ✓';
const DECODE_TIMEOUT_MS = 15_000;
/** Long enough for a late camera start (getUserMedia takes ~100–300 ms here) to have shown up. */
const SETTLE_MS = 1_500;
const QUICK_TOGGLES = 5;
/** A tablet camera takes a few hundred ms to open; the fake one is instant, which would hide the races. */
const CAMERA_OPEN_DELAY_MS = 300;

let server: DistServer;

beforeAll(async () => {
  server = await serveDist();
});

afterAll(async () => {
  await server.close();
});

/** Uncaught errors per page: leaving mid-start must not throw into the page (html5-qrcode's abandoned play()). */
const pageErrors = new WeakMap<Page, string[]>();

async function openPage(browser: Browser, openDelayMs = 0): Promise<Page> {
  const context = await newAppContext(browser, server.url);
  await installCameraTrackRecorder(context, { openDelayMs });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

async function closePage(page: Page): Promise<void> {
  expect(pageErrors.get(page)).toEqual([]);
  await page.context().close();
}

const scannerView = (page: Page) => page.getByTestId('scanner-view');

async function expectScanningWithOneCamera(page: Page): Promise<void> {
  await expect
    .poll(() => scannerView(page).getAttribute('data-camera'), { timeout: DECODE_TIMEOUT_MS })
    .toBe('running');
  await expect.poll(() => liveTrackCount(page)).toBe(1);
  await page.waitForTimeout(SETTLE_MS);
  expect(await liveTrackCount(page)).toBe(1);
}

async function expectNoCamera(page: Page): Promise<void> {
  await expect.poll(() => liveTrackCount(page)).toBe(0);
  await page.waitForTimeout(SETTLE_MS);
  expect(await liveTrackCount(page)).toBe(0);
}

describe('camera test screen, QR code played as the camera', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser({ fakeCameraFile: await writeQrY4m(PAYLOAD) });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('reads the code, shows its text and the milliseconds from camera start, and releases the camera', async () => {
    const page = await openPage(browser);
    await page.goto('/camera-test');

    const result = page.getByTestId('camera-test-result');
    await result.waitFor({ timeout: DECODE_TIMEOUT_MS });
    expect(await result.textContent()).toBe(PAYLOAD);
    expect(await page.getByTestId('camera-test-method').textContent()).toBe('摄像头');
    const ms = Number(await page.getByTestId('camera-test-ms').textContent());
    expect(Number.isInteger(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(DECODE_TIMEOUT_MS);

    // A read is an exit path: the camera goes off by itself.
    await expectNoCamera(page);
    await closePage(page);
  });
});

describe('camera lifecycle across navigation', () => {
  let browser: Browser;

  beforeAll(async () => {
    // Nothing to decode: the camera has to stay on until the screen is left.
    browser = await launchBrowser({ fakeCameraFile: await writeBlankY4m() });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('keeps exactly one camera while scanning and none after leaving, through the app links and history', async () => {
    const page = await openPage(browser);
    await page.goto('/camera-test');
    await expectScanningWithOneCamera(page);

    await page.getByRole('link', { name: '返回设置' }).click();
    await page.waitForURL('**/settings');
    await expectNoCamera(page);

    await page.goBack();
    await page.waitForURL('**/camera-test');
    await expectScanningWithOneCamera(page);

    await page.goForward();
    await page.waitForURL('**/settings');
    await expectNoCamera(page);
    await closePage(page);
  });

  it('survives quick toggling between settings and the camera test', async () => {
    const page = await openPage(browser, CAMERA_OPEN_DELAY_MS);
    await page.goto('/camera-test');
    await scannerView(page).waitFor();

    // Faster than the camera opens: every mount races the previous unmount's stop.
    for (let i = 0; i < QUICK_TOGGLES; i += 1) {
      await page.getByRole('link', { name: '设置', exact: true }).click();
      await page.getByRole('link', { name: '测试摄像头扫码' }).click();
    }
    await expectScanningWithOneCamera(page);
    // Cameras were opened for mounts already left, and all but one were closed again.
    expect(await totalTrackCount(page)).toBeGreaterThan(1);

    // And the same with history, without waiting for the camera in between. Each step waits for the page to be on
    // its address before the next: a forward() called before the back() is done has nowhere to go and is dropped, and
    // on a loaded machine a fixed pause of 30 ms ended the loop on settings.
    await page.evaluate(async () => {
      const arrivedAt = (path: string) =>
        new Promise<void>((resolve) => {
          const look = () => (location.pathname.endsWith(path) ? resolve() : setTimeout(look, 5));
          look();
        });
      for (let i = 0; i < 5; i += 1) {
        history.back();
        await arrivedAt('/settings');
        history.forward();
        await arrivedAt('/camera-test');
      }
    });
    await page.waitForURL('**/camera-test');
    await expectScanningWithOneCamera(page);

    await page.getByRole('link', { name: '设置', exact: true }).click();
    await expectNoCamera(page);

    // Leaving while the camera is still opening: the late camera must be closed, not orphaned.
    for (let i = 0; i < QUICK_TOGGLES; i += 1) {
      await page.getByRole('link', { name: '测试摄像头扫码' }).click();
      await page.getByRole('link', { name: '设置', exact: true }).click();
    }
    await expectNoCamera(page);
    await closePage(page);
  });
});
