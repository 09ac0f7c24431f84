// Global set-up of the engines project: one line at the start of the run saying which engines run and, for each
// missing one, how to install it.
import { ENGINE_LABELS } from './engine-page.ts';
import type { EngineName } from './engine-page.ts';
import { ENGINES_REQUIRED, installHint, missingFiles } from './installed-engines.ts';

const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export default function reportEngines(): void {
  const missing = ENGINES.filter((engine) => missingFiles(engine).length > 0);
  const present = ENGINES.filter((engine) => !missing.includes(engine)).map((engine) => ENGINE_LABELS[engine]);
  console.log(`Browser engines for the core flow: ${present.join(', ')}.`);
  for (const engine of missing)
    console.log(
      `${ENGINES_REQUIRED ? 'MISSING (fails this run)' : 'Not run here'}: ${ENGINE_LABELS[engine]}. Install with: ${installHint(engine)} (as root).`,
    );
}
