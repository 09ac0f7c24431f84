// Which of the three engines this machine has, and what installs the missing ones (Debian's packages; `.ci/run`
// installs them as root). Chromium is always there: the system one, or the one npm ci unpacks.
import { accessSync, constants } from 'node:fs';
import type { EngineName } from './engine-page.ts';
import { FIREFOX_PATH } from './firefox-page.ts';
import { MINIBROWSER_PATH, WEBKIT_DRIVER_PATH, XVFB_PATH } from './webkit-page.ts';

const NEEDS: Readonly<Record<EngineName, { files: readonly string[]; install: string }>> = {
  chromium: { files: [], install: 'npm ci' },
  firefox: { files: [FIREFOX_PATH], install: 'apt-get install firefox-esr' },
  webkit: {
    files: [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH],
    install: 'apt-get install webkit2gtk-driver xvfb',
  },
};

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The engine's missing files, or none when it can run here. */
export function missingFiles(engine: EngineName): string[] {
  return NEEDS[engine].files.filter((file) => !runnable(file));
}

export function installHint(engine: EngineName): string {
  return NEEDS[engine].install;
}

/**
 * `npm run test:browsers` (and CI) sets KAKOU_REQUIRE_ENGINES=1: there a missing engine fails the run. Elsewhere
 * `npm test` runs the engines it has and says which it could not.
 */
export const ENGINES_REQUIRED = process.env['KAKOU_REQUIRE_ENGINES'] === '1';
