// One engine's test file: the core flow where the engine is installed; where it is not, a failure under
// `npm run test:browsers` (KAKOU_REQUIRE_ENGINES=1) and, under `npm test`, a skipped entry that names the engine and
// the command that installs it, so the output says what did not run.
import { it } from 'vitest';
import { defineCoreFlow } from './core-flow.ts';
import { ENGINE_LABELS } from './engine-page.ts';
import type { EngineName, EnginePage } from './engine-page.ts';
import { ENGINES_REQUIRED, installHint, missingFiles } from './installed-engines.ts';

export function defineEngineSuite(engine: EngineName, open: (baseUrl: string) => Promise<EnginePage>): void {
  const missing = missingFiles(engine);
  if (missing.length === 0) {
    defineCoreFlow(engine, open);
    return;
  }
  const notInstalled = `${ENGINE_LABELS[engine]} is not installed (no ${missing.join(', ')}): ${installHint(engine)}`;
  if (ENGINES_REQUIRED)
    it(`${engine}: installed`, () => {
      throw new Error(notInstalled);
    });
  else it.skip(`${engine}: not run here. ${notInstalled}`);
}
