// The core flow's page in Chromium, through Playwright, as every other browser test drives it.
import { launchBrowser, newAppContext } from '../browser.ts';
import type { EnginePage } from './engine-page.ts';

export async function openChromiumPage(baseUrl: string): Promise<EnginePage> {
  const browser = await launchBrowser();
  const context = await newAppContext(browser, baseUrl);
  const page = await context.newPage();
  const marked = (mark: string) => page.locator(`[data-engine-target="${mark}"]`);
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    async goto(path) {
      await page.goto(path);
    },
    async reload() {
      await page.reload();
    },
    evaluate: (body) => page.evaluate(`(async () => { ${body} })()`),
    async clickMarked(mark) {
      await marked(mark).click();
    },
    async typeIntoMarked(mark, text) {
      await marked(mark).pressSequentially(text);
    },
    async close() {
      await context.close();
      await browser.close();
    },
  };
}
