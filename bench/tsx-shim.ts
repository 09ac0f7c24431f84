// tsx (esbuild, keepNames) wraps functions in __name(...) calls; functions handed to page.evaluate run in the
// page, where __name does not exist. Every bench context defines it as a no-op before any script runs.
import type { BrowserContext } from 'playwright-core';

export async function addTsxShim(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
}
