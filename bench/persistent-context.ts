// A Chromium with a profile on disk for the figures that hit storage: an incognito context keeps IndexedDB and the
// service worker's caches in memory, which makes strict saves and cold reloads look cheaper than on a tablet.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BASE_FLAGS, chromiumPath, fakeCameraFlags } from '../tests/support/browser.ts';
import { addTsxShim } from './tsx-shim.ts';

export interface DiskBackedBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close: () => Promise<void>;
}

/**
 * The profile lives under the repo's .tmp/ rather than the system temp dir, which may be a tmpfs where fsync is free.
 * Context settings match newAppContext: the tablet's viewport, locale, zone and the camera permission.
 */
export async function launchDiskBackedContext(
  repoRoot: string,
  options: { fakeCameraFile?: string } = {},
): Promise<DiskBackedBrowser> {
  const profileParent = join(repoRoot, '.tmp');
  await mkdir(profileParent, { recursive: true });
  const profileDir = await mkdtemp(join(profileParent, 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: await chromiumPath(),
    args: [...BASE_FLAGS, ...(options.fakeCameraFile === undefined ? [] : fakeCameraFlags(options.fakeCameraFile))],
    headless: true,
    permissions: ['camera'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await addTsxShim(context);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
