// The version and build the app shows in settings, worked out when Vite builds it: package.json's version, and the
// git commit (short hash, "-dirty" with uncommitted changes) or, without git (a source tarball), the build's UTC time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildInfo {
  version: string;
  build: string;
}

function gitCommit(root: string): string | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return null;
  }
}

export function buildInfo(root: string, now: Date = new Date()): BuildInfo {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return { version: manifest.version, build: gitCommit(root) ?? `${now.toISOString().slice(0, 16)}Z` };
}

/**
 * The variable that names another version for one build: a second build that must differ where an officer can see
 * it (the app-update browser test serves two), or a county's own numbering.
 */
const VERSION_VARIABLE = 'KAKOU_APP_VERSION';

/** Vite's `define` for src/platform/build-info.ts. */
export function buildDefines(root: string): Record<string, string> {
  const info = buildInfo(root);
  const version = process.env[VERSION_VARIABLE] ?? info.version;
  const { build } = info;
  return { __KAKOU_VERSION__: JSON.stringify(version), __KAKOU_BUILD__: JSON.stringify(build) };
}
