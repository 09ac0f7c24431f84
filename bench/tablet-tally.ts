// Figure 11: the lead's report on the tablet, its own tally of a 20,000-check day in real IndexedDB (Chromium), beside
// the naive read of whole check rows folded by the same function.
import { join } from 'node:path';
import { build } from 'vite';
import { serveDist } from '../tests/support/serve-dist.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import type { TallyWay } from './pages/tally-bench/tally-bench-api.ts';
import { launchDiskBackedContext } from './persistent-context.ts';
import { median } from './stats.ts';
import { moduleAliases } from '../scripts/module-aliases.ts';

const MEASUREMENT = {
  id: '11',
  title: "Tablet's own tally of a 20,000-check day (Chromium, IndexedDB), median of 7",
  goal: { max: 150, unit: 'ms' },
} as const;
const DAY_CHECKS = 20_000;
const RUNS = 7;
// The first read of each way warms the JIT and IndexedDB's own caches: not what a lead opening the report meets twice.
const WARM_UP_RUNS = 1;
const PAGE_READY_TIMEOUT_MS = 15_000;

async function buildTallyPage(repoRoot: string): Promise<string> {
  const outDir = join(repoRoot, '.tmp', 'bench-tally-dist');
  await build({
    configFile: false,
    root: join(repoRoot, 'bench', 'pages', 'tally-bench'),
    base: './',
    logLevel: 'warn',
    // Dexie as the app ships it (ADR 043).
    resolve: { alias: moduleAliases(repoRoot) },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

export async function measureTabletTally(repoRoot: string): Promise<MeasurementResult> {
  try {
    const server = await serveDist(await buildTallyPage(repoRoot));
    const browser = await launchDiskBackedContext(repoRoot);
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: PAGE_READY_TIMEOUT_MS });
      const fillStartMs = performance.now();
      await page.evaluate((n) => window.fillTallyBench(n), DAY_CHECKS);
      const fillMs = performance.now() - fillStartMs;

      const samplesMs: Record<TallyWay, number[]> = { 'tally-slots': [], 'whole-checks': [] };
      for (let run = 0; run < WARM_UP_RUNS + RUNS; run += 1) {
        // Each way goes first in turn, so a drift of the machine hits both alike.
        const order: TallyWay[] = run % 2 === 0 ? ['tally-slots', 'whole-checks'] : ['whole-checks', 'tally-slots'];
        for (const way of order) {
          const result = await page.evaluate((w) => window.runTallyBench(w), way);
          if (result.vehicles !== DAY_CHECKS)
            throw new Error(`${way} counted ${result.vehicles} vehicles, ${DAY_CHECKS} were stored`);
          if (run >= WARM_UP_RUNS) samplesMs[way].push(result.ms);
        }
      }

      const perRun = (way: TallyWay) => samplesMs[way].map((ms) => Math.round(ms)).join(', ');
      return {
        ...MEASUREMENT,
        status: 'measured',
        figure: {
          label: 'tally slots (what the report reads) + tallyDay, median',
          value: median(samplesMs['tally-slots']),
          unit: 'ms',
        },
        baselines: [
          {
            label: 'whole check rows, toArray + the same tallyDay, median',
            value: median(samplesMs['whole-checks']),
            unit: 'ms',
          },
        ],
        details: [
          {
            label: `storing the ${DAY_CHECKS.toLocaleString('en-US')}-check day (setup, not timed in the figure)`,
            value: fillMs,
            unit: 'ms',
          },
        ],
        notes: [
          `headless Chromium, profile on disk; ${DAY_CHECKS.toLocaleString('en-US')} checks of one day (every hour, three teams, three origin classes, one in twenty with a flagged registered passenger) stored with their tally slots; timed from the read's call to the folded DailyTally, as the report screen does it (checks.tallySourcesForDay + tallyDay), ${RUNS} runs each way alternating after ${WARM_UP_RUNS} warm-up`,
          `per run, tally slots: ${perRun('tally-slots')} ms; whole checks: ${perRun('whole-checks')} ms`,
        ],
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } catch (e) {
    return notMeasured(MEASUREMENT, e);
  }
}
