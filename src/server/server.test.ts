// The server process as `npm run serve` runs it: demo checkpoint on an empty store, and a SIGTERM that lets a batch finish.
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
  stdout: () => string;
  /** Resolves when a line matching `pattern` has been printed. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function startServerProcess(sqliteFile: string): Promise<ServerProcess> {
  // node itself, not npx: the signal must reach the server, not a wrapper that dies of it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    env: { ...process.env, KAKOU_DB: sqliteFile, PORT: '0', KAKOU_DIST: '', DATABASE_URL: '', LOG_LEVEL: 'info' },
  });
  let out = '';
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
    out += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
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
    stdout: () => out,
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
    expect(server.stdout()).not.toMatch(/enrollment code/u);
  }, 90_000);
});
