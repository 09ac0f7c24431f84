// The PostgreSQL schemas the store tests run in. Each test gets a schema holding exactly what the migrations leave in a
// fresh one; a schema a test has finished with is emptied back to that and given to the next test of the same worker,
// because migrating a fresh schema costs about 200 ms of the database's time and emptying one 10–20 ms, and some
// 300 store tests a run each took a fresh one. A schema a test changed the shape of is dropped, never reused. The run's
// schemas are dropped when it ends (tests/support/postgres-for-tests.ts), and a killed run's by the next run.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** Set by the global set-up for the whole run: the prefix of every schema this run makes. */
export const RUN_PREFIX_VARIABLE = 'KAKOU_TEST_PG_SCHEMA_PREFIX';
/** Every test schema's name starts so, then `r<pid of the run>_`. */
export const SCHEMA_PREFIX = 'kakou_test_';
/** Kysely's own bookkeeping: kept as migrated, the mark that a reused schema needs no migration. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** What the migrations left in a fresh schema: its tables, the rows some of them seed, and where its sequences stand. */
interface FreshState {
  tables: string[];
  seededRows: Map<string, unknown[]>;
  sequences: { name: string; lastValue: string | null }[];
  migrations: number;
}

/** Schemas of this worker, emptied, ready for the next test. */
const emptied: string[] = [];
/** Taken from the first schema migrated in this worker: every fresh schema is the same. */
let fresh: FreshState | undefined;

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The prefix of every schema of the run whose (main) process has this pid. */
export function runSchemaPrefix(pid: number): string {
  return `${SCHEMA_PREFIX}r${pid}_`;
}

function runPrefix(): string {
  // Without the global set-up (a file run on its own outside the projects), this worker's own prefix.
  return process.env[RUN_PREFIX_VARIABLE] ?? runSchemaPrefix(process.pid);
}

export function newSchemaName(): string {
  return `${runPrefix()}${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** An emptied schema of this worker, or undefined when there is none and the caller must migrate a new one. */
export function takeEmptiedSchema(): string | undefined {
  return emptied.pop();
}

/** The schema's tables but Kysely's, and how many migrations it has run: its shape, as far as a test could change it. */
async function readShape(client: pg.Client, schema: string): Promise<Pick<FreshState, 'tables' | 'migrations'>> {
  const tables = (
    await client.query<{ name: string }>(
      // pg_catalog, not information_schema: the same list, in a tenth of the time.
      'select tablename as name from pg_tables where schemaname = $1 order by tablename',
      [schema],
    )
  ).rows
    .map((row) => row.name)
    .filter((name) => !MIGRATION_TABLES.includes(name));
  const counted = await client.query<{ count: string }>(`select count(*) from ${quoted(schema)}.kysely_migration`);
  return { tables, migrations: Number(counted.rows[0]?.count) };
}

async function readState(client: pg.Client, schema: string): Promise<FreshState> {
  const { tables, migrations } = await readShape(client, schema);
  const seededRows = new Map<string, unknown[]>();
  for (const table of tables) {
    const { rows } = await client.query<{ rows: unknown[] | null }>(
      `select json_agg(t) as rows from ${quoted(schema)}.${quoted(table)} t`,
    );
    const held = rows[0]?.rows ?? null;
    if (held !== null) seededRows.set(table, held);
  }
  const sequences = (
    await client.query<{ name: string; lastValue: string | null }>(
      `select sequencename as name, last_value::text as "lastValue" from pg_sequences where schemaname = $1
        order by sequencename`,
      [schema],
    )
  ).rows;
  return { tables, seededRows, sequences, migrations };
}

/** Remembers what a freshly migrated schema holds, once per worker, before any test has written to one. */
export async function noteFreshSchema(client: pg.Client, schema: string): Promise<void> {
  fresh ??= await readState(client, schema);
}

/**
 * Empties a schema a test has finished with back to what the migrations left, and keeps it for the next test; drops it
 * instead when its tables or migrations are no longer a fresh schema's (a test altered it), or emptying fails.
 */
export async function releaseSchema(client: pg.Client, schema: string): Promise<void> {
  try {
    if (fresh !== undefined && (await reset(client, schema, fresh))) {
      emptied.push(schema);
      return;
    }
  } catch {
    await client.query('rollback').catch(() => undefined);
  }
  await client.query(`drop schema if exists ${quoted(schema)} cascade`);
}

async function reset(client: pg.Client, schema: string, state: FreshState): Promise<boolean> {
  const now = await readShape(client, schema);
  if (now.tables.join() !== state.tables.join() || now.migrations !== state.migrations) return false;
  await client.query('begin');
  // DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE gives every table and index a new file.
  // Foreign keys are not checked while the rows go (replica role; the tests' user is the database's superuser).
  await client.query('set local session_replication_role = replica');
  for (const table of state.tables) await client.query(`delete from ${quoted(schema)}.${quoted(table)}`);
  for (const [table, rows] of state.seededRows) {
    const target = `${quoted(schema)}.${quoted(table)}`;
    await client.query(`insert into ${target} select * from json_populate_recordset(null::${target}, $1::json)`, [
      JSON.stringify(rows),
    ]);
  }
  for (const { name, lastValue } of state.sequences) {
    const sequence = `${quoted(schema)}.${quoted(name)}`;
    if (lastValue === null) await client.query(`alter sequence ${sequence} restart`);
    else await client.query('select setval($1, $2::bigint)', [sequence, lastValue]);
  }
  await client.query('commit');
  return true;
}
