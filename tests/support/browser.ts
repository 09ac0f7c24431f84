// A real Chromium for end-to-end tests on a machine with nothing but `npm ci`: flags for this closed network, a fake
// camera, and for HTTPS at a LAN name: host names mapped to this machine and a certificate authority trusted as a
// person trusts one (never by ignoring certificate errors).
import { access } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTrustedCaHome } from './trusted-ca.ts';

const SYSTEM_CHROMIUM_PATH = '/usr/bin/chromium';

/** No update checks, sync, or first-run pages: the test network has no internet, and they only add noise and time. */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** CHROME_PATH, then the system Chromium, then the one shipped inside @sparticuz/chromium. */
export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) return fromEnv;
  try {
    await access(SYSTEM_CHROMIUM_PATH);
    return SYSTEM_CHROMIUM_PATH;
  } catch {
    // Not installed: fall back to the packaged browser.
  }
  const packaged = await import('@sparticuz/chromium');
  return packaged.default.executablePath();
}

export interface LaunchOptions {
  /** A .y4m file Chromium plays as the camera. Chromium reads it at start-up: one file per browser process. */
  fakeCameraFile?: string;
  /** Start every new context offline (contexts can also go offline later with setOffline). */
  offline?: boolean;
  /**
   * Host names this browser resolves to the given addresses, e.g. `{ 'kakou.test': '127.0.0.1' }`: a loopback server
   * reached under a LAN name, which is what a tablet sees (plain HTTP there is not a secure context; localhost is).
   */
  mapHosts?: Readonly<Record<string, string>>;
  /**
   * Certificate authorities (PEM) this browser trusts for HTTPS, in an NSS database of its own, as a tablet that
   * installed the checkpoint's certificate. An empty list: an NSS database trusting none of them, as a new tablet.
   * Needs `certutil` (tests/support/trusted-ca.ts).
   */
  trustCaPem?: string | readonly string[];
}

/** Chromium's --host-resolver-rules value for these mappings. */
export function hostResolverRules(mapHosts: Readonly<Record<string, string>>): string {
  return Object.entries(mapHosts)
    .map(([host, address]) => `MAP ${host} ${address}`)
    .join(', ');
}

/** Chromium's camera plays this .y4m file, and the camera permission is granted without a prompt. */
export function fakeCameraFlags(file: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}

const launchedOffline = new WeakSet<Browser>();

/** How long a step in a page may take before the test calls it a failure: long enough for a loaded 2-core machine. */
const BUSY_MACHINE_WAIT_MS = 45_000;

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const args: string[] = [...BASE_FLAGS];
  if (options.fakeCameraFile !== undefined) {
    if (!isAbsolute(options.fakeCameraFile))
      throw new Error(`fake camera file must be an absolute path: ${options.fakeCameraFile}`);
    await access(options.fakeCameraFile); // Chromium silently falls back to its test pattern when the file is missing
    args.push(...fakeCameraFlags(options.fakeCameraFile));
  }
  if (options.mapHosts !== undefined && Object.keys(options.mapHosts).length > 0) {
    args.push(`--host-resolver-rules=${hostResolverRules(options.mapHosts)}`);
  }
  const executablePath = await chromiumPath();
  if (options.trustCaPem === undefined) {
    const browser = await chromium.launch({ executablePath, args, headless: true });
    if (options.offline === true) launchedOffline.add(browser);
    return browser;
  }

  const trusted = await createTrustedCaHome(
    typeof options.trustCaPem === 'string' ? [options.trustCaPem] : options.trustCaPem,
  );
  let browser: Browser;
  try {
    // Read after chromiumPath(): the packaged browser sets the library and font paths it needs in process.env.
    browser = await chromium.launch({
      executablePath,
      args,
      headless: true,
      env: { ...process.env, HOME: trusted.home },
    });
  } catch (error) {
    await trusted.dispose();
    throw error;
  }
  browser.on('disconnected', () => {
    void trusted.dispose();
  });
  if (options.offline === true) launchedOffline.add(browser);
  return browser;
}

/**
 * A fresh profile, as on a new tablet, with the camera permission granted (as an officer would on first use).
 * With a baseURL, relative page.goto() paths resolve against it.
 */
export async function newAppContext(browser: Browser, baseURL?: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...(baseURL === undefined ? {} : { baseURL }),
    permissions: ['camera'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // Playwright's 30 s default is a wall-clock limit that a busy machine can reach on a cold page load or camera start.
  context.setDefaultTimeout(BUSY_MACHINE_WAIT_MS);
  context.setDefaultNavigationTimeout(BUSY_MACHINE_WAIT_MS);
  if (launchedOffline.has(browser)) await context.setOffline(true);
  return context;
}
