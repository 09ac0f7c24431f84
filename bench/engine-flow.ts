// Figure 24: the core flow's time per check in each engine — the common case (a car, one driver without a phone,
// nothing to flag) from "start check" to the saved toast, taps and typing from the driver as in
// tests/browsers — WebKit and Firefox beside Chromium's time in the same run.
import { openChromiumPage } from '../tests/support/engines/chromium-page.ts';
import { button, click, link, testId } from '../tests/support/engines/engine-page.ts';
import type { EngineName, EnginePage } from '../tests/support/engines/engine-page.ts';
import { openFirefoxPage } from '../tests/support/engines/firefox-page.ts';
import { installHint, missingFiles } from '../tests/support/engines/installed-engines.ts';
import {
  enroll,
  openApp,
  screenCommonCase,
  signIn,
  tapPlate,
  waitFor,
} from '../tests/support/engines/officer-steps.ts';
import { openWebKitPage } from '../tests/support/engines/webkit-page.ts';
import { startAppProxy } from '../tests/support/engines/app-proxy.ts';
import { startServedApp } from '../tests/support/served-app.ts';
import { notMeasured, type MeasurementResult, type Quantity } from './measurement.ts';
import { median } from './stats.ts';

const MEASUREMENT = {
  id: '24',
  title: 'Core flow, one common-case check driven tap by tap, slowest of Firefox ESR and WebKit, median of 10',
  // The driver's round trips are most of it; a check twice as slow as Chromium's would be the engine, not the driver.
  goal: { max: 3_000, unit: 'ms' },
} as const;
const CHECKS = 10;
/** The first check warms the engine's JIT and the app's lazy chunks: not what the hundredth check of a shift costs. */
const WARM_UP_CHECKS = 1;
const LEAD_PIN = '482913';

const OPENERS: Readonly<Record<EngineName, (baseUrl: string) => Promise<EnginePage>>> = {
  chromium: openChromiumPage,
  firefox: openFirefoxPage,
  webkit: openWebKitPage,
};

/** Plates that differ check by check: 湘K + five digits. */
const plate = (n: number) => `湘K${String(10_000 + n).padStart(5, '0')}`;

async function commonCheck(page: EnginePage, n: number): Promise<void> {
  await click(page, testId('start-check'), 'start check');
  await waitFor(page, '//*[@data-testid="check-flow"][@data-stage="vehicle"]', 'the vehicle stage');
  await tapPlate(page, plate(n));
  await click(page, button('小客车'), 'the car type');
  await click(page, button('开始检查人员'), 'start screening');
  await click(page, button('无手机'), 'no phone');
  await screenCommonCase(page);
  await click(page, button('完成并保存'), 'save');
  await waitFor(page, testId('saved-toast'), 'the saved toast');
  // The toast stays a moment; the next check starts from the start screen, as an officer's does.
  await waitFor(page, testId('start-check'), 'the start screen');
}

/** Median ms per check in one engine, on a server and tablet of its own. */
async function msPerCheck(engine: EngineName): Promise<{ median: number; samples: number[] }> {
  const app = await startServedApp(`bench-engine-${engine}`);
  const proxy = await startAppProxy(app.baseUrl);
  try {
    const page = await OPENERS[engine](proxy.url);
    try {
      await openApp(page, '/enroll');
      await enroll(page, app.enrollmentCode, LEAD_PIN);
      await click(page, link('开始检查'), 'the start link');
      await signIn(page);
      const samples: number[] = [];
      for (let n = 0; n < WARM_UP_CHECKS + CHECKS; n += 1) {
        const startMs = performance.now();
        await commonCheck(page, n);
        if (n >= WARM_UP_CHECKS) samples.push(performance.now() - startMs);
      }
      return { median: median(samples), samples };
    } finally {
      await page.close();
    }
  } finally {
    await proxy.close();
    await app.close();
  }
}

export async function measureEngineFlow(): Promise<MeasurementResult> {
  const missing = (['firefox', 'webkit'] as const).filter((engine) => missingFiles(engine).length > 0);
  if (missing.length > 0)
    return notMeasured(MEASUREMENT, `not installed: ${missing.map((engine) => installHint(engine)).join('; ')}`);
  try {
    const chromium = await msPerCheck('chromium');
    const firefox = await msPerCheck('firefox');
    const webkit = await msPerCheck('webkit');
    const [slowest, slowestName] = firefox.median >= webkit.median ? [firefox, 'Firefox ESR'] : [webkit, 'WebKit'];
    const quantity = (label: string, value: number): Quantity => ({ label, value, unit: 'ms' });
    const runs = (samples: number[]) => samples.map((ms) => Math.round(ms)).join(', ');
    return {
      ...MEASUREMENT,
      status: 'measured',
      figure: quantity(`${slowestName}, ms per check`, slowest.median),
      baselines: [quantity('Chromium, ms per check', chromium.median)],
      details: [quantity('Firefox ESR, ms per check', firefox.median), quantity('WebKit, ms per check', webkit.median)],
      notes: [
        `per check (ms): Chromium ${runs(chromium.samples)}; Firefox ESR ${runs(firefox.samples)}; WebKit ${runs(webkit.samples)}`,
        '13 taps per check (7 plate keys), each found, clicked by the driver and waited for on screen: the same for every engine',
      ],
    };
  } catch (error) {
    return notMeasured(MEASUREMENT, error);
  }
}
