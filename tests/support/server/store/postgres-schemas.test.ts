// The store tests' PostgreSQL schemas are reused between tests: the next test must find one exactly as the migrations
// leave it, whatever the last test wrote, and never one whose shape the last test changed.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openTestStore, type OpenedTestStore } from './stores.ts';

async function schemaOf(opened: OpenedTestStore): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(opened.store.db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new Error('no current schema');
  return schema;
}

/** Every row the migrations could have seeded or a test written, table by table, but Kysely's bookkeeping. */
async function contents(opened: OpenedTestStore): Promise<Record<string, unknown[]>> {
  const schema = await schemaOf(opened);
  const { rows: tables } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = ${schema} and tablename not like 'kysely_%'
    order by tablename`.execute(opened.store.db);
  const held: Record<string, unknown[]> = {};
  for (const { name } of tables)
    held[name] = (await sql`select * from ${sql.table(`${schema}.${name}`)} order by 1`.execute(opened.store.db)).rows;
  return held;
}

async function schemaExists(opened: OpenedTestStore, schema: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from pg_namespace where nspname = ${schema}) as found`.execute(opened.store.db);
  return rows[0]?.found === true;
}

it('gives the next test the schema as the migrations left it, whatever the last test wrote', async () => {
  const first = await openTestStore('postgres');
  const schema = await schemaOf(first);
  const asMigrated = await contents(first);
  const { checkpoint } = await first.store.checkpoints.create({
    name: '娄底东',
    province: '湖南',
    city: '娄底',
    timezone: 'Asia/Shanghai',
  });
  await first.store.devices.enroll(checkpoint.id, 'tablet');
  expect(await contents(first)).not.toEqual(asMigrated);
  await first.dispose();

  const next = await openTestStore('postgres');
  try {
    expect(await schemaOf(next)).toBe(schema);
    expect(await contents(next)).toEqual(asMigrated);
    expect(await next.store.checkpoints.list()).toEqual([]);
  } finally {
    await next.dispose();
  }
});

it('drops a schema whose tables a test changed, and gives the next test another', async () => {
  const changed = await openTestStore('postgres');
  const schema = await schemaOf(changed);
  await sql`create table ${sql.table(`${schema}.left_behind`)} (id integer)`.execute(changed.store.db);
  await changed.dispose();

  const next = await openTestStore('postgres');
  try {
    expect(await schemaOf(next)).not.toBe(schema);
    expect(await schemaExists(next, schema)).toBe(false);
  } finally {
    await next.dispose();
  }
});
