// Screenshots for the README, taken from the built app in Chromium: `npx vite build && npx tsx scripts/make-screenshots.ts`.
// Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk).
import { launchBrowser, newAppContext } from '../tests/support/browser.ts';
import {
  openApp,
  setOccupants,
  signIn,
  startCheck,
  startPersons,
  tapPlate,
  waitForStep,
} from '../tests/support/app-driver.ts';
import { writeQrY4m } from '../tests/support/fake-camera.ts';
import { serveDist } from '../tests/support/serve-dist.ts';

const server = await serveDist();
const browser = await launchBrowser({ fakeCameraFile: await writeQrY4m('https://jkm.hunan.gov.cn/c/4f1c9a7e2b3d') });
try {
  const context = await newAppContext(browser, server.url);
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const page = await context.newPage();
  await openApp(page);
  await signIn(page);
  await startCheck(page);
  await tapPlate(page, '湘K12345');
  await setOccupants(page, 2);
  await page.screenshot({ path: 'docs/screenshots/vehicle.png' });
  await startPersons(page);
  await waitForStep(page, 'look');
  await page.getByRole('button', { name: '黄码', exact: true }).click();
  await page.getByRole('button', { name: '36.6', exact: true }).click();
  await page.getByRole('button', { name: '阴性 · 今天采样' }).click();
  await waitForStep(page, 'decision');
  await page.screenshot({ path: 'docs/screenshots/decision.png', fullPage: false });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
