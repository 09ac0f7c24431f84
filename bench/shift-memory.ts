// Figures 25–28: a whole shift on a cheap tablet. 3,000 common-case checks, each scanned through the camera, driven
// through the real screens in Chromium at 4× CPU throttling against a real server (sync running as at the
// checkpoint). The page's JS heap after a forced collection, before the first check and every 250 checks; the checks
// list and the day's report opened with 10 and with 3,000 checks of the day; then, offline, cold reloads with the
// shift's 3,000 checks and with 20,000 stored (earlier days copied in).
import type { CDPSession, Page } from 'playwright-core';
import { enrollTablet, LEAD_PIN, signIn, unlockLead } from '../tests/support/app-driver.ts';
import { writeQrY4m } from '../tests/support/fake-camera.ts';
import { startServedApp } from '../tests/support/served-app.ts';
import { DEFAULT_DATABASE_NAME } from '../src/db/database.ts';
import { LIST_PAGE_ROWS } from '../src/features/checkpoint/records/checks-list-screen.tsx';
import { seedEarlierDays } from './earlier-days-seed.ts';
import { notMeasured, type MeasurementResult, type Quantity } from './measurement.ts';
import { installReadyProbe, READY_SELECTOR, timedReload, USABLE_SELECTOR, type ReloadTimes } from './offline-reload.ts';
import { launchDiskBackedContext } from './persistent-context.ts';
import { driveCommonChecks, timeScreenOpen } from './shift-driver.ts';
import { median } from './stats.ts';

const THROTTLED_CPU_RATE = 4;
const SHIFT_CHECKS = 3_000;
/** The list and report baseline: early in the shift, with the screens' code loaded but hardly any checks. */
const EARLY_CHECKS = 10;
/** Heap read every this many checks; the growth figure is the last sample against the one 1,000 checks before. */
const SAMPLE_EVERY_CHECKS = 250;
const LAST_CHECKS = 1_000;
const STORED_FOR_RELOAD = 20_000;
const OPENS_PER_SCREEN = 5;
const RELOADS = 5;
/** One screen's answer on a loaded 2-core machine at 4×: a camera start can take seconds; more is a broken shift. */
const STEP_TIMEOUT_MS = 60_000;
const BYTES_PER_MB = 1_048_576;
/** A health code as a phone shows it; the officer confirms green on the key, whatever the camera suggests. */
const HEALTH_CODE = 'https://jkm.hunan.gov.cn/c/4f1c9a7e2b3d';
const HEALTH_CODE_GREEN = '#1a9f3c';

const HEAP = {
  id: '25',
  title: `JS heap after a ${SHIFT_CHECKS.toLocaleString('en-US')}-check shift, Chromium at ${THROTTLED_CPU_RATE}× CPU throttling, after a forced GC`,
  goal: { max: 80, unit: 'MB' },
} as const;
const GROWTH = {
  id: '26',
  title: `JS heap growth over the shift's last ${LAST_CHECKS.toLocaleString('en-US')} checks, after a forced GC`,
  goal: { max: 5, unit: 'MB' },
} as const;
const SCREENS = {
  id: '27',
  title: `Checks list and day's report opened with ${SHIFT_CHECKS.toLocaleString('en-US')} checks of the day, ${THROTTLED_CPU_RATE}× CPU throttling, slower of the two, median of ${OPENS_PER_SCREEN}`,
  goal: { max: 1000, unit: 'ms' },
} as const;
const RELOAD = {
  id: '28',
  title: `Offline cold reload with ${STORED_FOR_RELOAD.toLocaleString('en-US')} stored checks → first usable screen, ${THROTTLED_CPU_RATE}× CPU throttling, median of ${RELOADS}`,
  goal: { max: 1000, unit: 'ms' },
} as const;

interface HeapSample {
  checks: number;
  heapMb: number;
  domNodes: number;
  listeners: number;
  workers: number;
}

async function sample(cdp: CDPSession, checks: number): Promise<HeapSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter((target) => target.type === 'worker').length;
  return {
    checks,
    heapMb: usedSize / BYTES_PER_MB,
    domNodes: counters.nodes,
    listeners: counters.jsEventListeners,
    workers,
  };
}

/** A lead's session open on the tablet, so each timed report open is the screen, not the PIN's key stretching. */
async function unlockReport(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: '日报', exact: true }).click();
  const unlocked = page.getByTestId('lead-unlocked');
  await unlocked.or(page.getByRole('group', { name: '班组长密码' })).waitFor();
  // The lead's session locks after 10 idle minutes: a long stretch of the shift ends with the PIN asked again.
  if (!(await unlocked.isVisible())) await unlockLead(page, LEAD_PIN);
  await page.getByRole('banner').getByRole('link', { name: '检查', exact: true }).click();
  await page.getByTestId('start-check').waitFor();
}

interface ScreenTimes {
  list: number[];
  report: number[];
}

async function openScreens(page: Page, vehicles: number): Promise<ScreenTimes> {
  await unlockReport(page);
  const times: ScreenTimes = { list: [], report: [] };
  for (let run = 0; run < OPENS_PER_SCREEN; run += 1) {
    times.list.push(
      await page.evaluate(timeScreenOpen, {
        link: '今日记录',
        // The day's count, and the rows of the first page (the list shows the newest 100 at first).
        ready: [
          { selector: '[data-testid="checks-count"]', text: `${vehicles.toLocaleString('zh-CN')} 辆车` },
          { selector: `[data-testid="checks-list"] > li:nth-child(${Math.min(vehicles, LIST_PAGE_ROWS)})`, text: '' },
        ],
        stepTimeoutMs: STEP_TIMEOUT_MS,
      }),
    );
    await page.getByTestId('start-check').waitFor();
    times.report.push(
      await page.evaluate(timeScreenOpen, {
        link: '日报',
        // The report's table prints its figures without grouping (3000).
        ready: [{ selector: '[data-testid="local:vehicles"]', text: String(vehicles) }],
        stepTimeoutMs: STEP_TIMEOUT_MS,
      }),
    );
    await page.getByTestId('start-check').waitFor();
  }
  return times;
}

async function drive(page: Page, first: number, count: number): Promise<number[]> {
  return page.evaluate(driveCommonChecks, { first, count, stepTimeoutMs: STEP_TIMEOUT_MS });
}

async function reloads(page: Page, cdp: CDPSession): Promise<ReloadTimes[]> {
  const times: ReloadTimes[] = [];
  for (let i = 0; i < RELOADS; i += 1) times.push(await timedReload(page, cdp));
  return times;
}

const mb = (label: string, value: number): Quantity => ({ label, value, unit: 'MB' });
const ms = (label: string, value: number): Quantity => ({ label, value, unit: 'ms' });
const rounded = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

export async function measureShiftMemory(
  repoRoot: string,
  options: { shiftChecks?: number } = {},
): Promise<MeasurementResult[]> {
  const shiftChecks = options.shiftChecks ?? SHIFT_CHECKS;
  const all = [HEAP, GROWTH, SCREENS, RELOAD];
  try {
    const app = await startServedApp('bench-shift');
    const browser = await launchDiskBackedContext(repoRoot, {
      fakeCameraFile: await writeQrY4m(HEALTH_CODE, { color: HEALTH_CODE_GREEN }),
    });
    try {
      const { context } = browser;
      const page = await context.newPage();
      await page.addInitScript(installReadyProbe, { ready: READY_SELECTOR, usable: USABLE_SELECTOR });
      await page.goto(`${app.baseUrl}/enroll`);
      await page.waitForSelector(READY_SELECTOR);
      await enrollTablet(page, { enrollmentCode: app.enrollmentCode });
      await page.getByRole('link', { name: '开始检查' }).click();
      await signIn(page);
      // A tablet's shift runs in the page its service worker controls (the first visit's page is not claimed).
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await page.getByTestId('start-check').waitFor();

      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLED_CPU_RATE });

      const samples: HeapSample[] = [await sample(cdp, 0)];
      const checkMs = await drive(page, 0, EARLY_CHECKS);
      const early = await openScreens(page, EARLY_CHECKS);
      const shiftStartMs = performance.now();
      for (let done = EARLY_CHECKS; done < shiftChecks;) {
        const next = Math.min(shiftChecks, (Math.floor(done / SAMPLE_EVERY_CHECKS) + 1) * SAMPLE_EVERY_CHECKS);
        checkMs.push(...(await drive(page, done, next - done)));
        done = next;
        samples.push(await sample(cdp, done));
        process.stdout.write(
          `  shift: ${done} checks, heap ${samples[samples.length - 1]?.heapMb.toFixed(1)} MB, ${Math.round((performance.now() - shiftStartMs) / 1000)} s\n`,
        );
      }
      const late = await openScreens(page, shiftChecks);
      const last = samples[samples.length - 1];
      const before = samples.find((s) => s.checks === shiftChecks - LAST_CHECKS) ?? samples[0];
      const firstThousand = samples.find((s) => s.checks === LAST_CHECKS);
      if (!last || !before) throw new Error('no heap samples');

      // Offline from here: what the tablet does after it was put away and taken up again with no network.
      await context.setOffline(true);
      const shiftOnly = await reloads(page, cdp);
      const seeded = await page.evaluate(seedEarlierDays, {
        databaseName: DEFAULT_DATABASE_NAME,
        copies: STORED_FOR_RELOAD - shiftChecks,
      });
      const full = await reloads(page, cdp);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

      const slower = (times: ScreenTimes) =>
        median(times.list) >= median(times.report)
          ? { label: 'checks list', value: median(times.list) }
          : { label: "day's report", value: median(times.report) };
      const lateSlower = slower(late);
      const usable = (times: ReloadTimes[]) => times.map((t) => t.usableMs);
      const sampleLine = samples
        .map(
          (s) =>
            `${s.checks}: ${s.heapMb.toFixed(1)} MB, ${s.domNodes} nodes, ${s.listeners} listeners, ${s.workers} workers`,
        )
        .join('; ');
      return [
        {
          ...HEAP,
          status: 'measured',
          figure: mb(`after ${shiftChecks.toLocaleString('en-US')} checks`, last.heapMb),
          baselines: [mb('signed in, before the first check (same page)', samples[0]?.heapMb ?? 0)],
          details: [ms('per check, median (tap to saved line, in-page driver)', median(checkMs))],
          notes: [
            `heap, DOM nodes, event listeners and dedicated workers after a forced GC, by checks done — ${sampleLine}`,
            `per check (ms) at ${THROTTLED_CPU_RATE}×, first 10: ${rounded(checkMs.slice(0, 10))}; last 10: ${rounded(checkMs.slice(-10))}`,
            'each check: 开始检查, 7 plate keys, 小客车, 开始检查人员, the camera reads the code (Chromium fake camera), 绿码 · 无星, 36.5 · 已核验证件, 阴性 · 今天采样, 完成并保存; sync to a real server running',
          ],
        },
        {
          ...GROWTH,
          status: 'measured',
          figure: mb(
            `checks ${before.checks.toLocaleString('en-US')} → ${last.checks.toLocaleString('en-US')}`,
            last.heapMb - before.heapMb,
          ),
          baselines: firstThousand
            ? [
                mb(
                  `first ${LAST_CHECKS.toLocaleString('en-US')} checks (0 → ${LAST_CHECKS})`,
                  firstThousand.heapMb - (samples[0]?.heapMb ?? 0),
                ),
              ]
            : [],
          details: [],
          notes: ['the first thousand include the lazy screens and the camera code loading once'],
        },
        {
          ...SCREENS,
          status: 'measured',
          figure: ms(`${lateSlower.label}, ${shiftChecks.toLocaleString('en-US')} checks, median`, lateSlower.value),
          baselines: [ms(`slower of the two with ${EARLY_CHECKS} checks, median`, slower(early).value)],
          details: [
            ms(`checks list, ${shiftChecks.toLocaleString('en-US')} checks, median`, median(late.list)),
            ms(`day's report, ${shiftChecks.toLocaleString('en-US')} checks, median`, median(late.report)),
            ms(`checks list, ${EARLY_CHECKS} checks, median`, median(early.list)),
            ms(`day's report, ${EARLY_CHECKS} checks, median`, median(early.report)),
          ],
          notes: [
            "tap on the header link → the frame showing the day's count and the list's first page / the report's own vehicle count (two animation frames after the DOM has it); the lead's session already open",
            `list (ms): ${rounded(late.list)}; report (ms): ${rounded(late.report)}`,
          ],
        },
        {
          ...RELOAD,
          status: 'measured',
          figure: ms(`${(shiftChecks + seeded.checks).toLocaleString('en-US')} stored, median`, median(usable(full))),
          baselines: [
            ms(`the shift's ${shiftChecks.toLocaleString('en-US')} alone, median`, median(usable(shiftOnly))),
          ],
          details: [],
          notes: [
            `${seeded.checks.toLocaleString('en-US')} checks copied into the ${seeded.days} days before, each with its sync mark and report slot entries`,
            'service worker stopped and HTTP cache cleared before each reload; the browser offline; navigation start → sign-in field or 开始检查 usable',
            `per reload (ms): ${rounded(usable(full))}; the shift alone: ${rounded(usable(shiftOnly))}`,
          ],
        },
      ];
    } finally {
      await browser.close();
      await app.close();
    }
  } catch (error) {
    return all.map((measurement) => notMeasured(measurement, error));
  }
}
