// Backup and restore of the SQLite store as an operator runs them: a backup taken while tablets' batches are being
// ingested restores to a whole store, and restore refuses what would lose data.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VehicleCheck } from '../domain/vehicle-check.ts';
import { AdminUsageError, runAdmin } from './admin.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore, type Store } from './store/create-store.ts';
import { MIGRATIONS } from './store/migrations.ts';
import { openTestApp, type TestApp } from '../../tests/support/server/app.ts';

const BATCHES = 20;
const BATCH_SIZE = 500;

/** Every check of batch `batch` has an id beginning with the batch's number: a backup is checked batch by batch. */
const checkId = (batch: number, index: number): string =>
  `${batch.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- …` as the operator types it, in a process of its own. */
function runCli(args: readonly string[], sqliteFile: string): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...args], {
    env: { ...process.env, KAKOU_DB: sqliteFile, DATABASE_URL: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Per batch number, how many of its checks (and of their tally rows) the store file holds. */
function checksPerBatch(sqliteFile: string): {
  checks: Map<number, number>;
  tallies: Map<number, number>;
  integrity: unknown;
} {
  const database = new BetterSqlite3(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => {
      const rows = database
        .prepare(`select substr(id, 1, 8) as batch, count(*) as n from ${table} group by batch`)
        .all();
      return new Map((rows as { batch: string; n: number }[]).map((row) => [Number.parseInt(row.batch, 16), row.n]));
    };
    return {
      checks: count('vehicle_checks'),
      tallies: count('check_tallies'),
      integrity: database.pragma('integrity_check', { simple: true }),
    };
  } finally {
    database.close();
  }
}

function expectWholeBatches(sqliteFile: string, expectedChecks: number): void {
  const { checks, tallies, integrity } = checksPerBatch(sqliteFile);
  expect(integrity).toBe('ok');
  // Batches go in one after another: the backup holds the first few, each whole, and none of the rest.
  const present = expectedChecks / BATCH_SIZE;
  expect(Number.isInteger(present)).toBe(true);
  expect([...checks.entries()].sort((a, b) => a[0] - b[0])).toEqual(
    Array.from({ length: present }, (_, i) => [i + 1, BATCH_SIZE]),
  );
  expect(tallies).toEqual(checks);
}

describe('backup and restore of the SQLite store', () => {
  let dir: string;
  let sqliteFile: string;
  let config: ServerConfig;
  const opened: Store[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakou-backup-'));
    sqliteFile = join(dir, 'data', 'kakou.sqlite');
    config = readConfig({ KAKOU_DB: sqliteFile });
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openStore(file = sqliteFile): Promise<Store> {
    const store = await createStore({ sqliteFile: file });
    opened.push(store);
    return store;
  }

  async function serverWithChecks(count: number): Promise<TestApp> {
    const app = await openTestApp(await openStore());
    if (count > 0) await app.postChecks(Array.from({ length: count }, (_, i) => app.ownCheck({ id: checkId(1, i) })));
    return app;
  }

  const configFor = (file: string) => readConfig({ KAKOU_DB: file });

  it('a backup taken while 10,000 checks are ingested in batches of 500 restores to a whole store: every batch all or none', async () => {
    const app = await serverWithChecks(0);
    const batch = (n: number): VehicleCheck[] =>
      Array.from({ length: BATCH_SIZE }, (_, i) => app.ownCheck({ id: checkId(n, i) }));
    const cliBackup = join(dir, 'during-ingest-cli.sqlite');
    const inProcessBackup = join(dir, 'during-ingest.sqlite');

    let cli: Promise<CliRun> | undefined;
    let inProcess: Promise<Record<string, unknown>> | undefined;
    for (let n = 1; n <= BATCHES; n += 1) {
      // The operator's command in its own process, started early: the batches go on while it runs.
      if (n === 3) cli = runCli(['backup', '--to', cliBackup], sqliteFile);
      // The same command in this process, started with batch 11 and not waited for: the batches go on beside it.
      if (n === 11) inProcess = runAdmin(['backup', '--to', inProcessBackup], config);
      await app.postChecks(batch(n));
    }
    await app.close();
    if (cli === undefined || inProcess === undefined) throw new Error('the backups were not started');

    const cliRun = await cli;
    expect(cliRun.stderr).toBe('');
    const lines = cliRun.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const cliResult = JSON.parse(lines[0] ?? '') as { file: string; bytes: number; checks: number };
    expect(Object.keys(cliResult)).toEqual(['file', 'bytes', 'checks']);
    expect(cliResult.file).toBe(cliBackup);
    expect(cliResult.bytes).toBe(statSync(cliBackup).size);
    expect(cliResult.checks).toBeGreaterThanOrEqual(2 * BATCH_SIZE);

    const inProcessResult = (await inProcess) as { checks: number };
    expect(inProcessResult.checks).toBeGreaterThanOrEqual(10 * BATCH_SIZE);

    for (const [file, checks] of [
      [cliBackup, cliResult.checks],
      [inProcessBackup, inProcessResult.checks],
    ] as const) {
      // Private to the server's user: it holds every registration.
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // One self-contained file: nothing beside it to copy along.
      expect(existsSync(`${file}-wal`)).toBe(false);

      const restoredFile = join(dir, `restored-${randomBytes(4).toString('hex')}`, 'kakou.sqlite');
      expect(await runAdmin(['restore', '--from', file], configFor(restoredFile))).toEqual({
        store: restoredFile,
        from: file,
        checks,
        // The newest migration: the backup is of the store as this version left it.
        schema: Object.keys(MIGRATIONS).at(-1),
      });
      expectWholeBatches(restoredFile, checks);
      const restored = await openStore(restoredFile);
      expect(await restored.vehicleChecks.count()).toBe(checks);
    }
    // The live store got everything.
    expectWholeBatches(sqliteFile, BATCHES * BATCH_SIZE);
  });

  it('backup refuses to overwrite a file without --force and replaces it with --force', async () => {
    await serverWithChecks(3);
    const target = join(dir, 'backup.sqlite');
    writeFileSync(target, 'an older backup');

    await expect(runAdmin(['backup', '--to', target], config)).rejects.toThrow(/already exists; add --force/u);
    expect(statSync(target).size).toBe('an older backup'.length);

    const result = await runAdmin(['backup', '--to', target, '--force'], config);
    expect(result).toEqual({ file: target, bytes: statSync(target).size, checks: 3 });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    // No temporary file left beside it.
    expect(readdirSync(dir).sort()).toEqual(['backup.sqlite', 'data']);
  });

  it('backup says so when there is no store yet, when the folder is missing, and when asked to write over the store', async () => {
    await expect(runAdmin(['backup', '--to', join(dir, 'b.sqlite')], config)).rejects.toThrow(/there is no store at/u);
    await serverWithChecks(1);
    await expect(runAdmin(['backup', '--to', join(dir, 'nowhere', 'b.sqlite')], config)).rejects.toThrow(
      /folder .*nowhere does not exist/u,
    );
    await expect(runAdmin(['backup', '--to', sqliteFile, '--force'], config)).rejects.toThrow(/is the store itself/u);
    // Nor over its journal: the running server would go on writing into a file SQLite then throws away.
    await expect(runAdmin(['backup', '--to', `${sqliteFile}-wal`, '--force'], config)).rejects.toThrow(/its journal/u);
    for (const store of opened.splice(0)) await store.close();
    await expect(runAdmin(['restore', '--from', sqliteFile, '--force'], config)).rejects.toThrow(
      /is the store itself/u,
    );
    expect(await (await openStore()).vehicleChecks.count()).toBe(1);
  });

  it('restore refuses to overwrite an existing store without --force, and to replace a store in use even with it', async () => {
    const app = await serverWithChecks(2);
    const backup = join(dir, 'backup.sqlite');
    await runAdmin(['backup', '--to', backup], config);
    await app.postChecks([app.ownCheck(), app.ownCheck()]);

    await expect(runAdmin(['restore', '--from', backup], config)).rejects.toThrow(
      /a store already exists .* add --force/u,
    );
    // The server still has the store open.
    await expect(runAdmin(['restore', '--from', backup, '--force'], config)).rejects.toThrow(
      /in use: stop the server/u,
    );
    expect(await app.store.vehicleChecks.count()).toBe(4);

    // Stopped, the store is replaced by the backup: the two later checks are gone with it.
    await app.close();
    for (const store of opened.splice(0)) await store.close();
    expect(await runAdmin(['restore', '--from', backup, '--force'], config)).toMatchObject({
      store: sqliteFile,
      checks: 2,
    });
    expect(statSync(sqliteFile).mode & 0o777).toBe(0o600);
    expect(await (await openStore()).vehicleChecks.count()).toBe(2);
  });

  it("restore removes the old store's leftover -wal and -shm, which would otherwise be replayed onto the restored file", async () => {
    await serverWithChecks(1);
    const backup = join(dir, 'backup.sqlite');
    await runAdmin(['backup', '--to', backup], config);
    for (const store of opened.splice(0)) await store.close();
    // What a crash leaves behind.
    writeFileSync(`${sqliteFile}-wal`, randomBytes(4096));
    writeFileSync(`${sqliteFile}-shm`, randomBytes(32768));

    await runAdmin(['restore', '--from', backup, '--force'], config);
    expect(existsSync(`${sqliteFile}-wal`)).toBe(false);
    expect(existsSync(`${sqliteFile}-shm`)).toBe(false);
    expect(checksPerBatch(sqliteFile).integrity).toBe('ok');
  });

  it('restore refuses a file that is not a Kakou store and leaves the store as it was', async () => {
    await serverWithChecks(1);
    for (const store of opened.splice(0)) await store.close();
    const random = join(dir, 'random.bin');
    writeFileSync(random, randomBytes(64 * 1024));
    const otherDatabase = join(dir, 'other.sqlite');
    const other = new BetterSqlite3(otherDatabase);
    other.exec('create table vehicle_checks (id text primary key)');
    other.close();

    const restore = (from: string) => runAdmin(['restore', '--from', from, '--force'], config);
    await expect(restore(random)).rejects.toThrow(/random\.bin is not a Kakou store/u);
    await expect(restore(otherDatabase)).rejects.toThrow(/not a Kakou store: it has no kysely_migration/u);
    await expect(restore(join(dir, 'missing.sqlite'))).rejects.toThrow(/there is no backup at/u);
    expect(await (await openStore()).vehicleChecks.count()).toBe(1);
    expect(readdirSync(join(dir, 'data')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('restore refuses a backup made by a newer Kakou', async () => {
    await serverWithChecks(1);
    for (const store of opened.splice(0)) await store.close();
    const backup = join(dir, 'backup.sqlite');
    await runAdmin(['backup', '--to', backup], config);
    const newer = new BetterSqlite3(backup);
    newer
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('999-from-the-future', new Date().toISOString());
    newer.close();

    await expect(runAdmin(['restore', '--from', backup], configFor(join(dir, 'fresh.sqlite')))).rejects.toThrow(
      /made by a newer Kakou/u,
    );
    expect(existsSync(join(dir, 'fresh.sqlite'))).toBe(false);
  });

  it('on PostgreSQL both commands refuse and name pg_dump and pg_restore', async () => {
    const pgConfig = readConfig({ KAKOU_DB: sqliteFile, DATABASE_URL: 'postgres://kakou@db.example/kakou' });
    await expect(runAdmin(['backup', '--to', join(dir, 'b')], pgConfig)).rejects.toThrow(AdminUsageError);
    await expect(runAdmin(['backup', '--to', join(dir, 'b')], pgConfig)).rejects.toThrow(
      /PostgreSQL .*pg_dump --format=custom/u,
    );
    await expect(runAdmin(['restore', '--from', join(dir, 'b')], pgConfig)).rejects.toThrow(
      /stop the servers and use pg_restore --clean/u,
    );
  });

  it('the command line answers a refusal with {"error"} on stderr and exit code 1', async () => {
    await serverWithChecks(1);
    const run = await runCli(['restore', '--from', join(dir, 'nothing.sqlite')], sqliteFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr) as unknown).toEqual({
      error: `there is no backup at ${join(dir, 'nothing.sqlite')}`,
    });
  });
});
