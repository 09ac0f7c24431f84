// The core flow's page in Firefox ESR, through puppeteer-core over WebDriver BiDi (the protocol Firefox speaks to
// automation since Puppeteer 23; no geckodriver needed).
import puppeteer from 'puppeteer-core';
import { STEP_TIMEOUT_MS } from './engine-page.ts';
import type { EnginePage } from './engine-page.ts';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

export async function openFirefoxPage(baseUrl: string): Promise<EnginePage> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // The checkpoint's clock: dates on screen and the day of the report are read in its time zone.
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    extraPrefsFirefox: {
      // Chinese first, as a tablet set up in China; the app's language does not follow it, its date inputs do.
      'intl.accept_languages': 'zh-CN, zh',
    },
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await page.setViewport({ width: 1280, height: 800 });
  const marked = (mark: string) => `[data-engine-target="${mark}"]`;
  return {
    engine: 'firefox',
    version: await browser.version(),
    async goto(path) {
      await page.goto(new URL(path, baseUrl).href);
    },
    async reload() {
      await page.reload();
    },
    async evaluate<T>(body: string) {
      return (await page.evaluate(`(async () => { ${body} })()`)) as T;
    },
    async clickMarked(mark) {
      await page.click(marked(mark));
    },
    async typeIntoMarked(mark, text) {
      await page.type(marked(mark), text);
    },
    async close() {
      await browser.close();
    },
  };
}
