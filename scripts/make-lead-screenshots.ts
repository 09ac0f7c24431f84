// Screenshots of the lead PIN pad and a hand-over record for the README, from the built app in Chromium:
// `npx vite build && npx tsx scripts/make-lead-screenshots.ts`. Chinese text needs a CJK font (Debian: fonts-noto-cjk).
import {
  completeCommonCar,
  completeHeldTruckDriver,
  openApp,
  signIn,
  unlockLead,
} from '../tests/support/app-driver.ts';
import { launchBrowser, newAppContext } from '../tests/support/browser.ts';
import { serveDist } from '../tests/support/serve-dist.ts';

const server = await serveDist();
const browser = await launchBrowser();
try {
  const context = await newAppContext(browser, server.url);
  const page = await context.newPage();
  await openApp(page);
  await signIn(page);
  await completeCommonCar(page, '湘K10001');
  await completeHeldTruckDriver(page, '湘AD12345');
  await completeCommonCar(page, '湘K10002');

  await page.getByRole('button', { name: '交班', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: '交班' });
  await dialog.getByTestId('summary-vehicles').waitFor();
  await dialog.getByRole('button', { name: 'B 班' }).click();
  await dialog.getByLabel('交接事项').fill('王强（湘AD12345）留置观察，等待疾控转运');
  await dialog.getByRole('button', { name: '确认交班' }).click();
  await page.getByTestId('handover-screen').waitFor();
  await page.screenshot({ path: 'docs/screenshots/handover.png', fullPage: true });

  // A tablet without a lead PIN asks for one on first use; then the pad guards the lead's screens.
  await page.goto('/report');
  await unlockLead(page, '482913');
  await page.getByTestId('lead-lock').click();
  const pad = page.getByRole('group', { name: '班组长密码' });
  for (const digit of '4829') await pad.getByRole('button', { name: digit, exact: true }).click();
  await page.screenshot({ path: 'docs/screenshots/lead-pin.png' });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
