// What the built PWA offers for installing it: the manifest's id, screenshots and home-screen shortcuts, the 180 px
// apple-touch icon the iPad uses, the real version and build in settings, the 新检查 shortcut starting a check, and
// the notice that the app now works offline.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../scripts/pwa-manifest.ts';
import { openApp, signIn } from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';

const DIST = resolve('dist');
const APPLE_TOUCH_ICON_PX = 180;

interface Manifest {
  id?: string;
  lang?: string;
  start_url?: string;
  shortcuts?: { name: string; url: string }[];
  screenshots?: { src: string; sizes: string; form_factor?: string; label?: string }[];
}

const readDist = (path: string) => readFileSync(join(DIST, path));

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

describe('the built app, as the install prompt and the home screen see it', () => {
  it('has a manifest with an id, Chinese shortcuts to a new check, the report and the hand-overs, and screenshots', () => {
    const manifest = JSON.parse(readDist('manifest.webmanifest').toString('utf8')) as Manifest;
    expect(manifest.id).toBe('/');
    expect(manifest.lang).toBe('zh-CN');
    expect(manifest.shortcuts?.map(({ name, url }) => [name, url])).toEqual([
      ['新检查', '/?action=new-check'],
      ['日报', '/report'],
      ['交班记录', '/shift/history'],
    ]);
    expect(manifest.screenshots?.length).toBeGreaterThanOrEqual(1);
    for (const shot of manifest.screenshots ?? []) {
      // Each file is in the build, at the size the manifest claims; a tablet in landscape took it.
      const { width, height } = pngSize(readDist(shot.src.slice(1)));
      expect(shot.sizes).toBe(`${width}x${height}`);
      expect(shot.form_factor).toBe('wide');
      expect(width).toBeGreaterThan(height);
      expect(shot.label).toBeTruthy();
    }
    // Shown only by the install dialog: not in the precache every tablet downloads.
    expect(readDist('sw.js').toString('utf8')).not.toContain('screenshots/');
  });

  it('links a 180 px apple-touch icon for the iPad’s home screen', () => {
    const html = readDist('index.html').toString('utf8');
    const link = /<link rel="apple-touch-icon"[^>]*href="([^"]+)"/u.exec(html);
    expect(link?.[1]).toBe('/icons/apple-touch-icon.png');
    expect(pngSize(readDist('icons/apple-touch-icon.png'))).toEqual({
      width: APPLE_TOUCH_ICON_PX,
      height: APPLE_TOUCH_ICON_PX,
    });
  });

  it('shows package.json’s version and the build in settings, never "dev"', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    await openApp(page, '/settings');
    await expect(page.getByTestId('app-version').textContent()).resolves.toBe(`版本 ${version}`);
    // The git commit the build was made from (dirty when it had uncommitted changes), or its UTC time without git.
    await expect(page.getByTestId('app-build').textContent()).resolves.toMatch(
      /^构建 ([0-9a-f]{7,}(-dirty)?|\d{4}-\d\d-\d\dT\d\d:\d\dZ)$/u,
    );
  });

  it('starts a new check from the 新检查 shortcut, once: Back leads home, not to a second check', async () => {
    await openApp(page);
    await signIn(page);
    await page.goto('/?action=new-check');
    await page.waitForSelector('[data-testid="check-flow"][data-stage="vehicle"]');
    const checkUrl = page.url();
    await page.goBack();
    await page.waitForSelector('[data-testid="home"]');
    expect(new URL(page.url()).search).toBe('');
    // One unfinished check to resume, the one the shortcut started.
    await expect(page.getByRole('link', { name: '继续' }).count()).resolves.toBe(1);
    expect(checkUrl).toMatch(/\/check\/[0-9a-f-]{36}$/u);
  });

  it('says it works offline below the screen, moving nothing an officer may be about to tap', async () => {
    // A first visit, in a context of its own: the notice comes once the service worker has cached everything.
    const firstVisit = await newAppContext(browser, server.url);
    try {
      const tablet = await firstVisit.newPage();
      await openApp(tablet);
      const notice = tablet.getByTestId('offline-ready');
      await notice.waitFor();
      const signInButton = tablet.getByRole('button', { name: /开始本班/u });
      const withNotice = await signInButton.boundingBox();
      expect((await notice.boundingBox())?.y).toBeGreaterThan((withNotice?.y ?? Infinity) + (withNotice?.height ?? 0));

      await notice.getByRole('button', { name: '知道了' }).click();
      await notice.waitFor({ state: 'detached' });
      expect(await signInButton.boundingBox()).toEqual(withNotice);
    } finally {
      await firstVisit.close();
    }
  });
});
