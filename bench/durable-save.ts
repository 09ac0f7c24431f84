// Figure 2: how long the officer waits for a strict (power-cut safe) save, beside the same saves relaxed.
import { join } from 'node:path';
import { build } from 'vite';
import { serveDist } from '../tests/support/serve-dist.ts';
import { notMeasured, type MeasurementResult } from './measurement.ts';
import type { Durability } from './pages/save-bench/save-bench-api.ts';
import { launchDiskBackedContext } from './persistent-context.ts';
import { median, percentile } from './stats.ts';
import { moduleAliases } from '../scripts/module-aliases.ts';

const MEASUREMENT = { id: '2', title: 'Durable save (strict), median of 200', goal: { max: 20, unit: 'ms' } } as const;
const SAVES_PER_DURABILITY = 200;
// Strict and relaxed alternate in blocks, each block first in turn, so a drift of the machine hits both alike.
const BLOCKS = 4;
const SAVES_PER_BLOCK = SAVES_PER_DURABILITY / BLOCKS;
const PAGE_READY_TIMEOUT_MS = 15_000;
const BLOCK_TIMEOUT_MS = 60_000;

async function buildSavePage(repoRoot: string): Promise<string> {
  const outDir = join(repoRoot, '.tmp', 'bench-dist');
  await build({
    configFile: false,
    root: join(repoRoot, 'bench', 'pages', 'save-bench'),
    base: './',
    logLevel: 'warn',
    // Dexie as the app ships it (ADR 043).
    resolve: { alias: moduleAliases(repoRoot) },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} took longer than ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

export async function measureDurableSave(repoRoot: string): Promise<MeasurementResult> {
  try {
    const pageDir = await buildSavePage(repoRoot);
    const server = await serveDist(pageDir);
    const browser = await launchDiskBackedContext(repoRoot);
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: PAGE_READY_TIMEOUT_MS });

      const samplesMs: Record<Durability, number[]> = { strict: [], relaxed: [] };
      for (let block = 0; block < BLOCKS; block += 1) {
        const order: Durability[] = block % 2 === 0 ? ['strict', 'relaxed'] : ['relaxed', 'strict'];
        for (const durability of order) {
          const blockMs = await withTimeout(
            page.evaluate(([d, n]) => window.runSaveBench(d, n), [durability, SAVES_PER_BLOCK] as const),
            BLOCK_TIMEOUT_MS,
            `${SAVES_PER_BLOCK} ${durability} saves`,
          );
          samplesMs[durability].push(...blockMs);
        }
      }

      return {
        ...MEASUREMENT,
        status: 'measured',
        figure: { label: 'strict, median', value: median(samplesMs.strict), unit: 'ms' },
        baselines: [{ label: 'relaxed, median', value: median(samplesMs.relaxed), unit: 'ms' }],
        details: [
          { label: 'strict, p95', value: percentile(samplesMs.strict, 95), unit: 'ms' },
          { label: 'relaxed, p95', value: percentile(samplesMs.relaxed, 95), unit: 'ms' },
        ],
        notes: [
          `${SAVES_PER_DURABILITY} saves each through createCheckRepository(db).saveCompleted (check + outbox + draft, one transaction), in ${BLOCKS} alternating blocks, a fresh database per block after 10 warm-up saves; profile on disk, not incognito`,
          "the page's performance.now() is coarsened to 0.1 ms (not cross-origin isolated)",
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
