// The server process as `npm run serve` runs it: demo checkpoint on an empty store, its code on the terminal and never
// in the JSON log, and a SIGTERM that lets a batch finish.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchResult } from '../contract/vehicle-check.ts';
import { createStore } from './store/create-store.ts';
import { makeServerCheck } from '../../tests/support/server/store/checks.ts';

const START_TIMEOUT_MS = 30_000;

interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The JSON log. */
  stdout: () => string;
  /** The words for the person at the terminal. */
  stderr: () => string;
  /** Both, as they came. */
  output: () => string;
  /** Resolves when a line matching `pattern` has been printed on either. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function startServerProcess(sqliteFile: string): Promise<ServerProcess> {
  // node itself, not npx: the signal must reach the server, not a wrapper that dies of it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    env: { ...process.env, KAKOU_DB: sqliteFile, PORT: '0', KAKOU_DIST: '', DATABASE_URL: '', LOG_LEVEL: 'info' },
  });
  let out = '';
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(out);
      if (match !== null) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    out += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    out += chunk.toString('utf8');
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${out}`)), START_TIMEOUT_MS);
      waiters.push({
        pattern,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
      check();
    });
  return waitFor(/on (http:\/\/127\.0\.0\.1:\d+) \(store: SQLite/u).then((m) => ({
    child,
    url: m[1] ?? '',
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => out,
    waitFor,
    exited,
  }));
}

function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('server process', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakou-server-'));
  });
  afterEach(async () => {
    if (server !== undefined && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds a demo checkpoint whose printed code enrolls a tablet, and finishes a batch in flight on SIGTERM', async () => {
    const sqliteFile = join(dir, 'kakou.sqlite');
    server = await startServerProcess(sqliteFile);
    const running = server;
    const code = (await running.waitFor(/enrollment code: ([A-Z0-9-]+)/u))[1] ?? '';

    const enrolled = await postJson(
      `${running.url}/api/v1/devices`,
      JSON.stringify({ enrollmentCode: code, name: 'tablet 1' }),
      {},
    );
    expect(enrolled.status).toBe(201);
    const { deviceId, token, checkpoint } = JSON.parse(enrolled.body) as {
      deviceId: string;
      token: string;
      checkpoint: { id: string };
    };

    const checks = Array.from({ length: 500 }, () => makeServerCheck({ checkpointId: checkpoint.id, deviceId }));
    const inFlight = postJson(`${running.url}/api/v1/vehicle-checks/batch`, JSON.stringify({ checks }), {
      authorization: `Bearer ${token}`,
    });
    // The request has reached the route's hooks: from here on it counts as in flight.
    await running.waitFor(/"url":"\/api\/v1\/vehicle-checks\/batch"/u);
    running.child.kill('SIGTERM');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    const results = (JSON.parse(answer.body) as { results: BatchResult[] }).results;
    expect(results.map((r) => r.status)).toEqual(checks.map(() => 'created'));
    expect(await running.exited).toBe(0);

    const store = await createStore({ sqliteFile });
    try {
      expect(await store.vehicleChecks.count(checkpoint.id)).toBe(500);
    } finally {
      await store.close();
    }

    // A second start on the same store keeps the checkpoint and prints no new code.
    server = await startServerProcess(sqliteFile);
    expect(server.output()).not.toMatch(/enrollment code/u);
  }, 90_000);

  it('prints the demo enrollment code and its QR on stderr, and keeps stdout to JSON log lines without it', async () => {
    server = await startServerProcess(join(dir, 'kakou.sqlite'));
    const code = (await server.waitFor(/enrollment code: ([A-Z0-9-]+)/u))[1] ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}(?:-[A-Z0-9]{4}){4}$/u);
    // A log line of a request after the start: the log is flowing, and has had its chance to carry the code.
    await postJson(`${server.url}/api/v1/devices`, JSON.stringify({ enrollmentCode: code, name: 'tablet 1' }), {});
    await server.waitFor(/"url":"\/api\/v1\/devices"/u);

    expect(server.stderr()).toContain(`enrollment code: ${code}`);
    expect(server.stderr()).toMatch(/Kakou serves the API on http:\/\/127\.0\.0\.1:\d+/u);
    // The QR (half-block characters) encodes the code: it is on the terminal too, not in the log.
    expect(server.stderr()).toMatch(/[▀▄█]/u);
    const logLines = server
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    const canonical = code.replaceAll('-', '');
    expect(server.stdout()).not.toContain(code);
    expect(server.stdout()).not.toContain(canonical);
    expect(server.stdout()).not.toMatch(/[▀▄█]/u);
  }, 60_000);
});
