// One read on /camera-test, as the screen reports it: which decoder read the camera, the colour it suggests, when, what.
import type { Browser, Page } from 'playwright-core';
import { newAppContext } from './browser.ts';
import { installCameraTrackRecorder, liveTrackCount, totalTrackCount } from './camera-tracks.ts';

/** Which decoders the camera test runs (its `?decoders=` query); 'all' is the product's default. */
export type DecoderChoice = 'html5-qrcode' | 'zxing-wasm' | 'all';

export const DECODER_CHOICES: readonly DecoderChoice[] = ['html5-qrcode', 'zxing-wasm', 'all'];

export interface CameraRead {
  /** 'html5-qrcode' or 'zxing-wasm': the decoder whose read the screen shows. */
  readonly decoder: string;
  /** 'green' | 'yellow' | 'red' | 'none', as suggested from the decoded code's pixels (once no longer pending). */
  readonly color: string;
  /**
   * Camera start → the suggestion on screen, ms, measured here (shownMs when the colour came with the read); null
   * when it was still pending after COLOR_WAIT_MS (then `color` is 'pending').
   */
  readonly colorShownMs: number | null;
  /** Camera start → read, whole ms, as the screen measured it (data-ms). */
  readonly ms: number;
  /**
   * Camera start → the read element in the page, ms, measured here: what the officer waits for, including anything
   * the app does between decoding and showing.
   */
  readonly shownMs: number;
  readonly text: string;
  /** With `countCameras`: live camera tracks once the read is shown and the camera had time to close (a read ends the scan). */
  readonly liveCamerasAfterRead: number | null;
  /** With `countCameras`: camera tracks the page was given in all, ended or not (one scan should need one). */
  readonly camerasOpened: number | null;
}

/** How long a read's camera may take to close before the open tracks are counted. */
const RELEASE_WAIT_MS = 2_000;

/** The scanner's performance mark when its camera runs (src/platform/scanner; read here, not imported, to stay out of src). */
const CAMERA_STARTED_MARK = 'kakou:camera-started';

/** How long a suggestion that follows the read may take to appear before the read is reported without it. */
const COLOR_WAIT_MS = 5_000;

/**
 * Before the app's scripts: notes when the first read element appears, and when its colour is no longer pending. A
 * string, not a function: bench code runs under tsx, whose helper wrappers do not exist in the page.
 */
const READ_SHOWN_PROBE = `(() => {
  const note = () => {
    const read = document.querySelector('[data-testid="camera-read"]');
    if (!read) return;
    const now = performance.now();
    if (window.__kakouReadShownAt === undefined) window.__kakouReadShownAt = now;
    if (window.__kakouColorShownAt === undefined && read.getAttribute('data-color') !== 'pending') window.__kakouColorShownAt = now;
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid', 'data-color'] });
})();`;

const SHOWN_MS_QUERY = `(() => {
  const started = performance.getEntriesByName(${JSON.stringify(CAMERA_STARTED_MARK)}, 'mark')[0];
  const shown = window.__kakouReadShownAt;
  const colorShown = window.__kakouColorShownAt;
  if (started === undefined || shown === undefined) return null;
  return { shown: shown - started.startTime, colorShown: colorShown === undefined ? null : colorShown - started.startTime };
})()`;

/**
 * Opening the page and the camera, before the screen's clock starts. Generous: 15 s was too short on CI for two
 * frames while unit files ran beside the browsers; only a camera that never starts should fail.
 */
const CAMERA_START_TIMEOUT_MS = 45_000;

export function cameraTestPath(decoders: DecoderChoice): string {
  return decoders === 'all' ? '/camera-test' : `/camera-test?decoders=${decoders}`;
}

async function attribute(page: Page, name: string): Promise<string> {
  const value = await page.getByTestId('camera-read').first().getAttribute(name);
  if (value === null) throw new Error(`the camera test's read has no ${name}`);
  return value;
}

/**
 * Opens the camera test in a fresh context of `browser` (whose fake camera plays the image) and waits for its first
 * read; null when none came within `capMs` of the camera running (a later read is returned with its ms, for the
 * caller to judge). The context is closed either way, so the next
 * configuration starts as cold as this one did.
 */
export async function firstCameraRead(
  browser: Browser,
  appUrl: string,
  decoders: DecoderChoice,
  capMs: number,
  options: { countCameras?: boolean } = {},
): Promise<CameraRead | null> {
  const context = await newAppContext(browser, appUrl);
  try {
    await context.addInitScript({ content: READ_SHOWN_PROBE });
    // Counting tracks evaluates functions in the page: fine under vitest, not under the bench's tsx without its shim.
    if (options.countCameras === true) await installCameraTrackRecorder(context);
    const page = await context.newPage();
    await page.goto(cameraTestPath(decoders));
    const read = page.getByTestId('camera-read').first();
    // A read can come before the viewfinder says "running" is seen: whichever shows first starts the wait.
    await page
      .locator('[data-testid="scanner-view"][data-camera="running"], [data-testid="camera-read"]')
      .first()
      .waitFor({ timeout: CAMERA_START_TIMEOUT_MS });
    try {
      // The screen's clock started a little before "running" showed, so the cap here is a little generous.
      await read.waitFor({ timeout: capMs });
    } catch {
      return null;
    }
    const ms = Number(await attribute(page, 'data-ms'));
    if (!Number.isInteger(ms)) throw new Error(`the camera test's data-ms is not whole milliseconds`);
    // A colour that follows the read: wait for it (a suggestion still pending after this is reported as such).
    await page
      .locator('[data-testid="camera-read"]:not([data-color="pending"])')
      .first()
      .waitFor({ timeout: COLOR_WAIT_MS })
      .catch(() => undefined);
    const shown = await page.evaluate<{ shown: number; colorShown: number | null } | null>(SHOWN_MS_QUERY);
    let liveCamerasAfterRead: number | null = null;
    let camerasOpened: number | null = null;
    if (options.countCameras === true) {
      const deadline = performance.now() + RELEASE_WAIT_MS;
      do {
        liveCamerasAfterRead = await liveTrackCount(page);
        if (liveCamerasAfterRead === 0) break;
        await page.waitForTimeout(50);
      } while (performance.now() < deadline);
      camerasOpened = await totalTrackCount(page);
    }
    if (shown === null) throw new Error(`no '${CAMERA_STARTED_MARK}' mark or no read seen appearing`);
    return {
      decoder: await attribute(page, 'data-decoder'),
      color: await attribute(page, 'data-color'),
      ms,
      shownMs: Math.round(shown.shown),
      colorShownMs: shown.colorShown === null ? null : Math.round(shown.colorShown),
      text: await attribute(page, 'data-text'),
      liveCamerasAfterRead,
      camerasOpened,
    };
  } finally {
    await context.close();
  }
}
