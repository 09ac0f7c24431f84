// The Vite plugin that puts the division chunks into the build (dist/divisions/<version>/), each with its gzip and
// brotli copies for the server to send (ADR 018). Converting the package's 37 MB of villages takes seconds, so the
// chunks are written once per data version to node_modules/.cache and copied from there by every later build.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { DIVISION_DATA } from '../../src/domain/division-data.ts';
import { divisionChunkFiles, divisionPackageDir } from './division-chunks.ts';

// Quality 5 is within 15 % of 11 on these lists and 20 times faster: 20 MB at 11 takes most of a minute.
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 9;
const DONE_MARKER = '.complete';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The cache folder of this data version, written first when missing; answers it. */
export function ensureDivisionCache(repoRoot: string): string {
  const cache = resolve(repoRoot, 'node_modules', '.cache', 'kakou-divisions', DIVISION_DATA.version);
  if (existsSync(join(cache, DONE_MARKER))) return cache;
  const building = `${cache}.partial-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  for (const [path, text] of divisionChunkFiles(divisionPackageDir(repoRoot))) {
    const target = join(building, path);
    mkdirSync(join(target, '..'), { recursive: true });
    const bytes = Buffer.from(text);
    writeFileSync(target, bytes);
    writeFileSync(`${target}.gz`, gzipSync(bytes, { level: GZIP_LEVEL }));
    writeFileSync(
      `${target}.br`,
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    );
  }
  writeFileSync(join(building, DONE_MARKER), '');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(join(cache, '..'), { recursive: true });
  // A rename: a build that stops halfway never leaves a cache that looks complete.
  renameSync(building, cache);
  return cache;
}

export function divisionDataPlugin(repoRoot: string): Plugin {
  return {
    name: 'kakou-division-data',
    apply: 'build',
    generateBundle() {
      const cache = ensureDivisionCache(repoRoot);
      for (const file of filesUnder(cache)) {
        const fileName = relative(cache, file).split('\\').join('/');
        if (fileName === DONE_MARKER) continue;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}
