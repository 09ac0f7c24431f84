// Writes brotli (.br) and gzip (.gz) copies beside the built PWA's text files and its .wasm, so the server sends
// compressed bytes without compressing per request. Run after `vite build` has finished (the service worker included).
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Below this a file fits in a packet or two as it is: compressing it saves the tablet nothing it would notice. */
export const MIN_PRECOMPRESS_BYTES = 1024;
const BROTLI_QUALITY = 11;
const GZIP_LEVEL = 9;

/** Text formats and WebAssembly; images and sounds are compressed already. */
const COMPRESSIBLE_EXTENSIONS = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.webmanifest',
  '.json',
  '.wasm',
  '.txt',
  '.xml',
]);
const COMPRESSED_EXTENSIONS = ['.br', '.gz'] as const;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface PrecompressedFile {
  /** Path relative to the dist folder, with forward slashes. */
  file: string;
  bytes: number;
  /** null: not written, because the copy would not be smaller. */
  brotliBytes: number | null;
  gzipBytes: number | null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Writes `copy` beside `path` only when it is smaller; a stale copy from an earlier run is removed either way. */
function writeIfSmaller(path: string, suffix: string, copy: Buffer, originalBytes: number): number | null {
  const target = `${path}${suffix}`;
  if (copy.byteLength >= originalBytes) {
    rmSync(target, { force: true });
    return null;
  }
  writeFileSync(target, copy);
  return copy.byteLength;
}

async function precompressFile(path: string, root: string): Promise<PrecompressedFile> {
  const original = readFileSync(path);
  const isText = extname(path) !== '.wasm';
  const [brotliCopy, gzipCopy] = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: isText ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.byteLength,
      },
    }),
    gzipAsync(original, { level: GZIP_LEVEL }),
  ]);
  return {
    file: relative(root, path).split('\\').join('/'),
    bytes: original.byteLength,
    brotliBytes: writeIfSmaller(path, '.br', brotliCopy, original.byteLength),
    gzipBytes: writeIfSmaller(path, '.gz', gzipCopy, original.byteLength),
  };
}

/**
 * Whether the build already wrote both copies after the file: the division chunks come compressed from their cache
 * (scripts/divisions/division-data-plugin.ts), 20 MB that brotli 11 would take most of a minute over on every build.
 */
function compressedByTheBuild(path: string): boolean {
  const { mtimeMs } = statSync(path);
  return COMPRESSED_EXTENSIONS.every((suffix) => {
    try {
      return statSync(`${path}${suffix}`).mtimeMs >= mtimeMs;
    } catch {
      return false;
    }
  });
}

/** Compresses every compressible file of at least MIN_PRECOMPRESS_BYTES under `distDir`; answers what it wrote. */
export async function precompressDist(distDir: string): Promise<PrecompressedFile[]> {
  const root = resolve(distDir);
  const candidates = filesUnder(root).filter(
    (path) =>
      COMPRESSIBLE_EXTENSIONS.has(extname(path)) &&
      !COMPRESSED_EXTENSIONS.some((suffix) => path.endsWith(suffix)) &&
      statSync(path).size >= MIN_PRECOMPRESS_BYTES &&
      !compressedByTheBuild(path),
  );
  const results: PrecompressedFile[] = [];
  // One file at a time: brotli at quality 11 is CPU-bound, and the build machine may be doing other work.
  for (const path of candidates) results.push(await precompressFile(path, root));
  return results;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const distDir = process.argv[2] ?? 'dist';
  const results = await precompressDist(distDir);
  const total = (pick: (r: PrecompressedFile) => number | null) =>
    results.reduce((sum, r) => sum + (pick(r) ?? r.bytes), 0);
  process.stdout.write(
    `Precompressed ${results.length} files in ${distDir}: ${kilobytes(total((r) => r.bytes))} → ` +
      `brotli ${kilobytes(total((r) => r.brotliBytes))}, gzip ${kilobytes(total((r) => r.gzipBytes))}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`precompressing the PWA failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
