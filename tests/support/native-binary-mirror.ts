// A binary mirror for better-sqlite3 on loopback, serving the addon this checkout already built: `npm ci` in a
// deployment folder then installs it through better-sqlite3's own install script (prebuild-install, pointed at a
// mirror by npm_config_better_sqlite3_binary_host_mirror, as operators without GitHub access point it at theirs)
// instead of compiling SQLite from source a second time, which took minutes of the two cores.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface NativeBinaryMirror {
  /** What to put in the environment of `npm ci`. */
  env: Record<string, string>;
  /** The paths asked for, to tell whether the install used the mirror or compiled. */
  requested: string[];
  close(): Promise<void>;
}

/** Packs node_modules/better-sqlite3/build/Release/better_sqlite3.node of repoRoot into workDir and serves it. */
export async function startNativeBinaryMirror(repoRoot: string, workDir: string): Promise<NativeBinaryMirror> {
  const tarball = join(workDir, 'better-sqlite3-prebuild.tar.gz');
  // The layout prebuild-install unpacks into the package folder.
  await execFileAsync('tar', [
    '-czf',
    tarball,
    '-C',
    join(repoRoot, 'node_modules', 'better-sqlite3'),
    'build/Release/better_sqlite3.node',
  ]);
  const bytes = readFileSync(tarball);
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    requested.push(path);
    // prebuild-install asks for /v<version>/better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>.tar.gz.
    if (!/\/better-sqlite3-v[^/]+\.tar\.gz$/u.test(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': bytes.length }).end(bytes);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    env: { npm_config_better_sqlite3_binary_host_mirror: `http://127.0.0.1:${port}` },
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
