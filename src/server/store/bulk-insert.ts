// Many rows in one INSERT, as ready text. PostgreSQL gets one array per column through unnest(): a 500-row VALUES
// list has 7,000–16,500 parameters for the server to parse and plan on every batch, unnest has 14–33 (about a quarter
// less time for the same rows, ADR 025). SQLite gets the VALUES list: its parameters cost little to bind.
// Both skip Kysely's query builder, whose tree for 500 rows cost more than the database's own work.
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';

export interface BulkInsert {
  table: string;
  columns: readonly string[];
  /** Columns holding integers (sent to PostgreSQL as int8[], cast on insert to the column's type); the rest are text. */
  integerColumns: ReadonlySet<string>;
  /** SQL after the rows, such as `on conflict (id) do nothing returning id`; '' for none. */
  tail: string;
}

// One text per statement, dialect and (SQLite) row count: made once, not per batch.
const texts = new Map<string, string>();

function cached(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = make();
    texts.set(key, text);
  }
  return text;
}

const columnList = ({ table, columns }: BulkInsert) => `insert into ${table} (${columns.join(',')})`;

function postgresText(insert: BulkInsert): string {
  return cached(`pg:${insert.table}(${insert.columns.join(',')})${insert.tail}`, () => {
    const arrays = insert.columns.map((column, i) => `$${i + 1}::${insert.integerColumns.has(column) ? 'int8' : 'text'}[]`);
    return `${columnList(insert)} select * from unnest(${arrays.join(',')}) ${insert.tail}`;
  });
}

function sqliteText(insert: BulkInsert, rowCount: number): string {
  return cached(`sqlite:${rowCount}:${insert.table}(${insert.columns.join(',')})${insert.tail}`, () => {
    const row = `(${insert.columns.map(() => '?').join(',')})`;
    return `${columnList(insert)} values ${Array.from({ length: rowCount }, () => row).join(',')} ${insert.tail}`;
  });
}

/** Inserts rows (each holding every column) in one statement; the rows the tail returns, if any. */
export async function runBulkInsert<Row>(
  db: Kysely<unknown>,
  insert: BulkInsert,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const query =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? CompiledQuery.raw(
          postgresText(insert),
          insert.columns.map((column) => rows.map((row) => row[column])),
        )
      : CompiledQuery.raw(
          sqliteText(insert, rows.length),
          rows.flatMap((row) => insert.columns.map((column) => row[column])),
        );
  return (await db.executeQuery<Row>(query)).rows;
}
