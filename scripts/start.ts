// `npm start`: build the PWA when dist/ is missing or older than its sources (with its compressed copies, as
// `npm run build` makes them), then run the server in this process.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/server/config.ts';
import { runServer } from '../src/server/server.ts';
import { precompressDist } from './precompress-dist.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What the PWA build reads; the server's own code is not part of the bundle. */
const BUILD_INPUTS = ['index.html', 'vite.config.ts', 'package-lock.json', 'public', 'src'];
const NOT_BUILD_INPUTS = new Set([join(ROOT, 'src', 'server')]);

function newestMtimeMs(path: string): number {
  if (NOT_BUILD_INPUTS.has(path)) return 0;
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

function builtAtMs(distDir: string): number | null {
  try {
    return statSync(join(distDir, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.distDir !== null) {
    const distDir = resolve(config.distDir);
    const builtAt = builtAtMs(distDir);
    const sourcesAt = Math.max(...BUILD_INPUTS.map((input) => newestMtimeMs(join(ROOT, input))));
    if (builtAt === null || builtAt < sourcesAt) {
      process.stdout.write(`Building the PWA into ${relative(process.cwd(), distDir) || '.'} …\n`);
      const { build } = await import('vite');
      await build({ root: ROOT, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
      await precompressDist(distDir);
    }
  }
  await runServer(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
