// The baseline of the ingest figures: the database's own fastest way to write the rows an ingest writes (the check
// and its tally row), through the driver and no query builder — on SQLite a prepared better-sqlite3 statement per row
// in one transaction, on PostgreSQL one multi-row INSERT per table through pg in one transaction.
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_PRAGMAS } from '../src/server/store/create-store.ts';
import { checkTallyRow, vehicleCheckRow, type IngestCheck } from '../src/server/store/ingest-check.ts';

export type DriverTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

type Row = Record<string, unknown>;

/** The rows an ingest writes for some checks, by table, built before the clock starts: the baseline is the insert alone. */
export interface TableRows {
  table: string;
  columns: string[];
  /** Each row's values in the order of columns. */
  values: unknown[][];
}

export interface DriverInsert {
  /** Writes the rows in one transaction, no conflict handling. */
  insert(rows: readonly TableRows[]): Promise<void>;
  close(): Promise<void>;
}

function tableRows(table: string, rows: readonly Row[]): TableRows {
  const first = rows[0];
  if (first === undefined) throw new Error('no rows');
  const columns = Object.keys(first);
  return { table, columns, values: rows.map((row) => columns.map((column) => row[column] ?? null)) };
}

/** What ingest writes for never-stored checks: their vehicle_checks rows and their check_tallies rows. */
export function rowsOfChecks(checks: readonly IngestCheck[], nowIso = new Date().toISOString()): TableRows[] {
  return [
    tableRows(
      'vehicle_checks',
      checks.map((check) => vehicleCheckRow(check, nowIso)),
    ),
    tableRows(
      'check_tallies',
      checks.map((check) => checkTallyRow(check)),
    ),
  ];
}

/** Rows per PostgreSQL statement: 33 tally columns × 1000 = 33,000 parameters, under its 65,535. */
const PG_ROWS_PER_STATEMENT = 1000;

function openSqlite(file: string): DriverInsert {
  const db = new BetterSqlite3(file);
  // The store's own settings: the figure compares the work, at the same durability.
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (table: string, columns: readonly string[]) => {
    const key = `${table}(${columns.join(',')})`;
    let prepared = statements.get(key);
    if (prepared === undefined) {
      prepared = db.prepare(`insert into ${table} (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`);
      statements.set(key, prepared);
    }
    return prepared;
  };
  const write = db.transaction((rows: readonly TableRows[]) => {
    for (const { table, columns, values } of rows) {
      const insert = statement(table, columns);
      for (const row of values) insert.run(row);
    }
  });
  return {
    insert(rows) {
      write(rows);
      return Promise.resolve();
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

async function openPostgres(url: string, schema: string): Promise<DriverInsert> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const texts = new Map<string, string>();
  const text = (table: string, columns: readonly string[], rowCount: number) => {
    const key = `${table}(${columns.join(',')})×${rowCount}`;
    let built = texts.get(key);
    if (built === undefined) {
      let n = 0;
      const row = () => `(${columns.map(() => `$${(n += 1)}`).join(',')})`;
      built = `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rowCount }, row).join(',')}`;
      texts.set(key, built);
    }
    return built;
  };
  return {
    async insert(rows) {
      await client.query('begin');
      try {
        for (const { table, columns, values } of rows) {
          for (let i = 0; i < values.length; i += PG_ROWS_PER_STATEMENT) {
            const chunk = values.slice(i, i + PG_ROWS_PER_STATEMENT);
            await client.query(text(table, columns, chunk.length), chunk.flat());
          }
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    close: () => client.end(),
  };
}

export async function openDriverInsert(target: DriverTarget): Promise<DriverInsert> {
  return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, target.schema);
}
