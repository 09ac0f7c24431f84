// Runs the same store tests on SQLite (temp file) and PostgreSQL (a schema as the migrations leave it, see
// postgres-schemas.ts); PostgreSQL missing is a failure, never a skip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import type { ScryptCost } from '../../../../src/server/store/admin-password.ts';
import { createStore, type Store } from '../../../../src/server/store/create-store.ts';
import type { StoreDialect } from '../../../../src/server/store/store-context.ts';
import { newSchemaName, noteFreshSchema, releaseSchema, takeEmptiedSchema } from './postgres-schemas.ts';

export const TEST_DATABASE_URL = process.env['KAKOU_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** scrypt cost of the test stores' admin passwords: the same code path as the server's, a hundredth of the work. */
export const TEST_ADMIN_PASSWORD_COST: ScryptCost = { N: 2 ** 8, r: 8, p: 1 };
export const STORE_KINDS: readonly StoreDialect[] = ['sqlite', 'postgres'];
/** 2026-11-28 08:00 in Asia/Shanghai: after DEFAULT_POLICY took effect. */
export const TEST_START_MS = Date.parse('2026-11-28T00:00:00Z');

export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
}

export interface OpenedTestStore {
  store: Store;
  clock: TestClock;
  /** Opens another store on the same database (another "server process"); disposed with this one. */
  openSibling(): Promise<Store>;
  dispose(): Promise<void>;
}

function makeClock(): TestClock {
  let nowMs = TEST_START_MS;
  return {
    now: () => nowMs,
    advance(ms) {
      nowMs += ms;
    },
  };
}

async function withPg<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new Error(
      `PostgreSQL is required by the store tests and is not reachable at ${TEST_DATABASE_URL} (${reason}). ` +
        'Start it (docs/testing.md) or set KAKOU_TEST_DATABASE_URL; these tests fail rather than skip.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openTestStore(kind: StoreDialect): Promise<OpenedTestStore> {
  const clock = makeClock();
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kakou-store-'));
    const sqliteFile = join(dir, 'kakou.sqlite');
    const open = () => createStore({ sqliteFile, now: clock.now, adminPasswordCost: TEST_ADMIN_PASSWORD_COST });
    return opened(await open(), clock, open, () => {
      rmSync(dir, { recursive: true, force: true });
    });
  }
  // Fails with the message above when the server is missing, before createStore's own error.
  const reused = takeEmptiedSchema();
  const pgSchema = reused ?? newSchemaName();
  if (reused === undefined) await withPg((client) => client.query('select 1'));
  const open = () =>
    createStore({
      databaseUrl: TEST_DATABASE_URL,
      pgSchema,
      now: clock.now,
      adminPasswordCost: TEST_ADMIN_PASSWORD_COST,
    });
  let store: Store;
  try {
    store = await open();
    if (reused === undefined) await withPg((client) => noteFreshSchema(client, pgSchema));
  } catch (error) {
    // createStore may have made the schema before failing: leave the database as found.
    await withPg((client) => client.query(`drop schema if exists "${pgSchema}" cascade`));
    throw error;
  }
  return opened(store, clock, open, () => withPg((client) => releaseSchema(client, pgSchema)));
}

/** The store plus siblings opened the same way; dispose closes them all, then removes what the test made. */
function opened(
  store: Store,
  clock: TestClock,
  open: () => Promise<Store>,
  removeData: () => void | Promise<void>,
): OpenedTestStore {
  const siblings: Store[] = [];
  return {
    store,
    clock,
    async openSibling() {
      const sibling = await open();
      siblings.push(sibling);
      return sibling;
    },
    async dispose() {
      for (const s of [...siblings, store]) await s.close();
      await removeData();
    },
  };
}

export interface StoreTestContext {
  kind: StoreDialect;
  /** This test's store, fresh and migrated. */
  store: () => Store;
  clock: () => TestClock;
  openSibling: () => Promise<Store>;
}

/** describe(name) once per dialect, each test with a store of its own. */
export function forEachStore(name: string, cases: (ctx: StoreTestContext) => void): void {
  describe.each(STORE_KINDS)(`${name} (%s)`, (kind) => {
    let opened: OpenedTestStore | undefined;
    const current = (): OpenedTestStore => {
      if (opened === undefined) throw new Error('the store is opened in beforeEach');
      return opened;
    };
    beforeEach(async () => {
      opened = await openTestStore(kind);
    });
    afterEach(async () => {
      await opened?.dispose();
      opened = undefined;
    });
    cases({
      kind,
      store: () => current().store,
      clock: () => current().clock,
      openSibling: () => current().openSibling(),
    });
  });
}
