// Figure 4: an offline reload to the first usable screen on a 4× slower CPU, beside the same reload unthrottled and online.
import type { CDPSession, Page } from 'playwright-core';
import { serveDist } from '../tests/support/serve-dist.ts';
import { notMeasured, type MeasurementResult, type Quantity } from './measurement.ts';
import { launchDiskBackedContext } from './persistent-context.ts';
import { median } from './stats.ts';

const MEASUREMENT = {
  id: '4',
  title: 'Offline reload → first usable screen, 4× CPU throttling, median of 5',
  goal: { max: 1000, unit: 'ms' },
} as const;
const RELOADS_PER_CONDITION = 5;
const THROTTLED_CPU_RATE = 4;
const FIRST_VISIT_TIMEOUT_MS = 20_000;
const RELOAD_TIMEOUT_MS = 15_000;
// The lead's marker on the app root, set once start-up is done.
export const READY_SELECTOR = '[data-ready="true"]';
// What "usable" means to an officer: sign-in's officer-number field (the first field of the form) or "start check".
export const USABLE_SELECTOR = `${READY_SELECTOR} [data-testid="start-check"], ${READY_SELECTOR} main form input`;

export interface ReadyProbe {
  /** ms since navigation start when the ready marker appeared. */
  readyAt?: number;
  /** ms since navigation start when a usable control was in the page, visible and enabled. */
  usableAt?: number;
}

interface Condition {
  label: string;
  offline: boolean;
  cpuRate: number;
}

// Online first: the offline conditions run after the server is shut, so nothing can come from the network.
const ONLINE: Condition = { label: 'online, no throttling', offline: false, cpuRate: 1 };
const OFFLINE: Condition = { label: 'offline, no throttling', offline: true, cpuRate: 1 };
const OFFLINE_THROTTLED: Condition = {
  label: `offline, ${THROTTLED_CPU_RATE}× CPU throttling`,
  offline: true,
  cpuRate: THROTTLED_CPU_RATE,
};

/** Runs before the app on every load: notes when the marker and the first usable control appear. */
export function installReadyProbe(selectors: { ready: string; usable: string }): void {
  const probe: ReadyProbe = {};
  Object.defineProperty(window, '__kakouBenchReadyProbe', { value: probe });
  const usable = (element: Element): boolean => {
    if (element.matches(':disabled')) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  const check = (): boolean => {
    if (probe.readyAt === undefined && document.querySelector(selectors.ready)) probe.readyAt = performance.now();
    // Layout is read only once the marker is there, so the probe does not slow the start-up it measures.
    if (probe.readyAt !== undefined && Array.from(document.querySelectorAll(selectors.usable)).some(usable)) {
      probe.usableAt = performance.now();
    }
    return probe.usableAt !== undefined;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-ready', 'disabled'],
  });
}

function readProbe(page: Page): Promise<ReadyProbe> {
  return page.evaluate(() => ({
    ...(window as unknown as { __kakouBenchReadyProbe?: ReadyProbe }).__kakouBenchReadyProbe,
  }));
}

async function waitUntilControlled(page: Page): Promise<void> {
  try {
    await page.waitForSelector(READY_SELECTOR, { timeout: FIRST_VISIT_TIMEOUT_MS });
  } catch {
    throw new Error(`the app root never got data-ready="true" within ${FIRST_VISIT_TIMEOUT_MS} ms of the first visit`);
  }
  // navigator.serviceWorker.ready never settles when registration fails: race it against the clock.
  const registered = await page.evaluate(
    (timeoutMs) =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((resolve) => {
          setTimeout(() => {
            resolve(false);
          }, timeoutMs);
        }),
      ]),
    FIRST_VISIT_TIMEOUT_MS,
  );
  if (!registered)
    throw new Error(`no service worker became ready within ${FIRST_VISIT_TIMEOUT_MS} ms of the first visit`);
  // vite-plugin-pwa 'prompt' does not claim the page that installed it: the next load is the first one it serves.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: FIRST_VISIT_TIMEOUT_MS,
    });
  } catch {
    throw new Error('the service worker never controlled the page, even after a reload');
  }
}

export interface ReloadTimes {
  usableMs: number;
  readyMs: number;
}

/** A cold-ish reload: service worker stopped and HTTP cache emptied, as after the tablet was put away. */
export async function timedReload(page: Page, cdp: CDPSession): Promise<ReloadTimes> {
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.send('Network.clearBrowserCache');
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector(READY_SELECTOR, { timeout: RELOAD_TIMEOUT_MS });
  await page.waitForFunction(
    () => (window as unknown as { __kakouBenchReadyProbe?: ReadyProbe }).__kakouBenchReadyProbe?.usableAt !== undefined,
    undefined,
    { timeout: RELOAD_TIMEOUT_MS },
  );
  const probe = await readProbe(page);
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) throw new Error('the reloaded page was not served by the service worker');
  if (probe.usableAt === undefined || probe.readyAt === undefined)
    throw new Error('the ready probe saw no usable screen');
  return { usableMs: probe.usableAt, readyMs: probe.readyAt };
}

async function measureCondition(page: Page, cdp: CDPSession, condition: Condition): Promise<ReloadTimes[]> {
  await page.context().setOffline(condition.offline);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpuRate });
  const samples: ReloadTimes[] = [];
  try {
    for (let i = 0; i < RELOADS_PER_CONDITION; i += 1) samples.push(await timedReload(page, cdp));
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
  return samples;
}

export async function measureOfflineReload(options: {
  repoRoot: string;
  distBuilt: boolean;
}): Promise<MeasurementResult> {
  if (!options.distBuilt) return notMeasured(MEASUREMENT, 'the app did not build (see figure 1)');
  try {
    const server = await serveDist();
    let serverOpen = true;
    const browser = await launchDiskBackedContext(options.repoRoot);
    try {
      const { context } = browser;
      const page = await context.newPage();
      await page.addInitScript(installReadyProbe, { ready: READY_SELECTOR, usable: USABLE_SELECTOR });
      await page.goto(server.url);
      await waitUntilControlled(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');

      const online = await measureCondition(page, cdp, ONLINE);
      await server.close();
      serverOpen = false;
      const offline = await measureCondition(page, cdp, OFFLINE);
      const throttled = await measureCondition(page, cdp, OFFLINE_THROTTLED);

      const usable = (samples: ReloadTimes[]): number[] => samples.map((t) => t.usableMs);
      const listed = (label: string, samples: ReloadTimes[]): string =>
        `${label}, usable (marker) per reload: ${samples.map((t) => `${t.usableMs.toFixed(0)} (${t.readyMs.toFixed(0)})`).join(', ')} ms`;
      const baselines: Quantity[] = [
        { label: `${OFFLINE.label}, median`, value: median(usable(offline)), unit: 'ms' },
        { label: `${ONLINE.label}, median`, value: median(usable(online)), unit: 'ms' },
      ];
      return {
        ...MEASUREMENT,
        status: 'measured',
        figure: { label: `${OFFLINE_THROTTLED.label}, median`, value: median(usable(throttled)), unit: 'ms' },
        baselines,
        details: [
          {
            label: `${OFFLINE_THROTTLED.label}: data-ready="true" appeared, median`,
            value: median(throttled.map((t) => t.readyMs)),
            unit: 'ms',
          },
        ],
        notes: [
          'navigation start → the first usable control (sign-in officer-number field or "start check", visible and enabled) inside [data-ready="true"]',
          'profile on disk; service worker stopped and HTTP cache cleared before each reload; offline = context offline and the server shut',
          listed(OFFLINE_THROTTLED.label, throttled),
          listed(OFFLINE.label, offline),
          listed(ONLINE.label, online),
        ],
      };
    } finally {
      await browser.close();
      if (serverOpen) await server.close();
    }
  } catch (e) {
    return notMeasured(MEASUREMENT, e);
  }
}
