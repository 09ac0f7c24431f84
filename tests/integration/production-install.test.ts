// The production install as an operator makes it: `npm run build`, then only what a deployment copies (package.json,
// package-lock.json, dist/, build/) in a fresh folder, `npm ci --omit=dev`, and the compiled server started with
// `npm run serve:built`'s plain `node` command. No tsx, Vite or TypeScript there, and a tablet still loads the app
// (compressed), enrolls with the printed code and sends a check; the API page finds its files; the admin command line
// runs too.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BatchResult } from '../../src/contract/vehicle-check.ts';
import { makeServerCheck } from '../support/server/store/checks.ts';
import { startNativeBinaryMirror } from '../support/native-binary-mirror.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What a deployment copies from a built checkout; nothing else of the repository goes to the server machine. */
const DEPLOYED = ['package.json', 'package-lock.json', 'dist', 'build'];
const DEV_ONLY_PACKAGES = ['tsx', 'vite', 'typescript', 'esbuild', 'vitest'];
/** Builds, then `npm ci` (better-sqlite3 from the checkout's own binary through a mirror): minutes on 2 busy cores. */
const SETUP_TIMEOUT_MS = 20 * 60_000;
const SERVER_START_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 20_000;
/** Some ten thousand files of node_modules, on a disk the other test files are also writing to. */
const CLEANUP_TIMEOUT_MS = 5 * 60_000;
const EXEC_MAX_BUFFER_BYTES = 64 * 1024 * 1024;
/** makeServerCheck's check completes on this day at the checkpoint. */
const CHECK_DAY = '2026-11-28';

const execFileAsync = promisify(execFile);

/** Removed after the tests; undefined until the build has begun. */
let workDir: string | undefined;
let appDir: string;
let sqliteFile: string;
let server: ChildProcess | undefined;
let serverExit: Promise<unknown> | undefined;
let serverOutput = '';
let baseUrl: string;
let enrollmentCode: string;
/** The demo checkpoint, once a tablet has enrolled in it. */
let checkpointId: string | undefined;

/** The environment of an operator's shell: none of the variables npm or vitest set for their own children. */
function operatorEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(npm_|NODE_OPTIONS$|VITEST|NODE_ENV$)/iu.test(key),
  );
  return { ...Object.fromEntries(inherited), ...extra };
}

async function run(command: string, args: string[], cwd: string, env = operatorEnv()): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd, env, maxBuffer: EXEC_MAX_BUFFER_BYTES });
    return stdout;
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${output}`, { cause: error });
  }
}

/** `npm run <script>`'s command line, as arguments for this Node: the test runs exactly what the script runs. */
function nodeScript(script: string): string[] {
  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = (manifest.scripts[script] ?? '').split(' ');
  if (program !== 'node')
    throw new Error(`npm run ${script} should run plain node, not: ${manifest.scripts[script] ?? '(missing)'}`);
  return args;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, not decompressed. */
  body: Buffer;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<RawResponse> {
  const payload = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function json(response: RawResponse): unknown {
  return JSON.parse(response.body.toString('utf8'));
}

/** Resolves with the URL and enrollment code the server prints once it listens. */
async function waitForStartMessage(child: ChildProcess): Promise<{ url: string; code: string }> {
  const deadline = setTimeout(() => child.kill('SIGKILL'), SERVER_START_TIMEOUT_MS);
  try {
    return await new Promise((resolve, reject) => {
      const check = () => {
        const url = /Kakou serves .* on (http:\/\/\S+) \(store/u.exec(serverOutput)?.[1];
        const code = /enrollment code: (\S+)/u.exec(serverOutput)?.[1];
        if (url !== undefined && code !== undefined) resolve({ url, code });
      };
      // The start message is on stderr (stdout is the JSON log); either stream may bring the last of it.
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', () => reject(new Error(`the built server exited during start-up:\n${serverOutput}`)));
    });
  } finally {
    clearTimeout(deadline);
  }
}

beforeAll(async () => {
  // Vitest's NODE_ENV=test would give React's development build: build what ships.
  await run('npm', ['run', 'build'], REPO_ROOT, operatorEnv({ NODE_ENV: 'production' }));
  const work = mkdtempSync(join(tmpdir(), 'kakou-production-'));
  workDir = work;
  appDir = join(work, 'app');
  for (const entry of DEPLOYED) cpSync(join(REPO_ROOT, entry), join(appDir, entry), { recursive: true });
  const mirror = await startNativeBinaryMirror(REPO_ROOT, work);
  try {
    await run(
      'npm',
      ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'],
      appDir,
      operatorEnv(mirror.env),
    );
  } finally {
    await mirror.close();
  }

  sqliteFile = join(work, 'data', 'kakou.sqlite');
  server = spawn(process.execPath, nodeScript('serve:built'), {
    cwd: appDir,
    env: operatorEnv({ HOST: '127.0.0.1', PORT: '0', KAKOU_DB: sqliteFile, DATABASE_URL: '', LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverExit = once(server, 'exit');
  server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  ({ url: baseUrl, code: enrollmentCode } = await waitForStartMessage(server));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  // Only if a test failed before the shutdown test: never leave a server behind.
  if (server !== undefined && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
}, CLEANUP_TIMEOUT_MS);

it('installs without the build tools: no tsx, Vite or TypeScript in the deployment', () => {
  const installed = readdirSync(join(appDir, 'node_modules'));
  for (const name of DEV_ONLY_PACKAGES) expect(installed, name).not.toContain(name);
  expect(installed).toContain('fastify');
  expect(existsSync(join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(
    true,
  );
});

it('answers /api/v1/health with its store and the version from package.json', async () => {
  const response = await send('/api/v1/health');
  expect(response.status).toBe(200);
  const { version } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { version: string };
  expect(json(response)).toEqual({ status: 'ok', store: 'sqlite', version });
});

it('serves the app: index.html plain, then its main script and the decoder .wasm as brotli, and gzip to a client without brotli', async () => {
  const dist = join(appDir, 'dist');
  const index = await send('/');
  expect(index.status).toBe(200);
  expect(index.headers['content-type']).toMatch(/^text\/html/u);
  expect(index.headers['content-encoding']).toBeUndefined();
  expect(index.body.equals(readFileSync(join(dist, 'index.html')))).toBe(true);

  const mainScript = /<script type="module" crossorigin src="(\/assets\/index-[^"]+\.js)"/u.exec(
    index.body.toString(),
  )?.[1];
  const wasm = readdirSync(join(dist, 'assets')).find((file) => file.endsWith('.wasm'));
  expect(mainScript).toBeDefined();
  expect(wasm).toBeDefined();
  for (const path of [mainScript ?? '', `/assets/${wasm ?? ''}`, '/sw.js']) {
    const original = readFileSync(join(dist, path));
    const brotli = await send(path, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(brotli.status, path).toBe(200);
    expect(brotli.headers['content-encoding'], path).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(original), path).toBe(true);
    const gzip = await send(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding'], path).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original), path).toBe(true);
  }
});

it('serves the API page at /api/docs with Swagger UI’s files from the deployment’s node_modules, and the document beside it', async () => {
  const page = await send('/api/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/u);
  const references = [...page.body.toString().matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/gu)].map(
    (m) => m[1] ?? '',
  );
  expect(references).toContain('/api/docs/static/swagger-ui-bundle.js');
  for (const path of references) {
    const asset = await send(path);
    expect(asset.status, path).toBe(200);
    expect(asset.body.length, path).toBeGreaterThan(0);
  }
  const doc = await send('/api/docs/json');
  expect(doc.status).toBe(200);
  expect(Object.keys((json(doc) as { paths: Record<string, unknown> }).paths)).toContain(
    '/api/v1/vehicle-checks/batch',
  );
});

it('refuses a data route without a token', async () => {
  const response = await send(`/api/v1/tallies/daily?date=${CHECK_DAY}`);
  expect(response.status).toBe(401);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
});

it('enrolls a tablet with the printed code, takes its check, and counts it in the day', async () => {
  const enrolled = await send('/api/v1/devices', { method: 'POST', json: { enrollmentCode, name: 'tablet 1' } });
  expect(enrolled.status, enrolled.body.toString()).toBe(201);
  const { deviceId, token, checkpoint } = json(enrolled) as {
    deviceId: string;
    token: string;
    checkpoint: { id: string };
  };
  checkpointId = checkpoint.id;
  const authorization = `Bearer ${token}`;

  const check = makeServerCheck({ checkpointId: checkpoint.id, deviceId });
  const batch = await send('/api/v1/vehicle-checks/batch', {
    method: 'POST',
    headers: { authorization },
    json: { checks: [check] },
  });
  expect(batch.status, batch.body.toString()).toBe(200);
  const created: BatchResult = { id: check.id, status: 'created' };
  expect(json(batch)).toEqual({ results: [created] });

  const tally = await send(`/api/v1/tallies/daily?date=${CHECK_DAY}`, { headers: { authorization } });
  expect(tally.status).toBe(200);
  expect(json(tally)).toMatchObject({ vehicles: 1 });
});

it('runs the admin command line with plain node beside the running server, whose token then reads the day', async () => {
  const output = await run(
    process.execPath,
    [...nodeScript('admin:built'), 'create-admin-token'],
    appDir,
    operatorEnv({ KAKOU_DB: sqliteFile }),
  );
  const { token } = JSON.parse(output) as { token: string };
  const tally = await send(`/api/v1/tallies/daily?date=${CHECK_DAY}&checkpointId=${checkpointId ?? ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(tally.status, tally.body.toString()).toBe(200);
  expect(json(tally)).toMatchObject({ vehicles: 1 });
});

it('keeps its SQLite store private: folder 0700, file 0600', () => {
  expect((statSync(join(sqliteFile, '..')).mode & 0o777).toString(8)).toBe('700');
  expect((statSync(sqliteFile).mode & 0o777).toString(8)).toBe('600');
});

it('stops cleanly on SIGTERM', async () => {
  server?.kill('SIGTERM');
  const deadline = setTimeout(() => server?.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
  await serverExit;
  clearTimeout(deadline);
  expect(server?.exitCode, serverOutput).toBe(0);
});
