// Multi-row INSERT statements as ready text: building Kysely's query tree for 500 rows × 14–33 columns cost more
// than the database's own work (10–60 ms a batch against about 10 ms), and a batch is nearly always 500 rows.
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';

export interface MultiRowInsert {
  table: string;
  columns: readonly string[];
  /** SQL after the VALUES list, such as `on conflict (id) do nothing returning id`; '' for none. */
  tail: string;
}

// One text per statement, dialect and row count: made once, not per batch.
const texts = new Map<string, string>();

function statementText({ table, columns, tail }: MultiRowInsert, postgres: boolean, rowCount: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}:${rowCount}:${table}(${columns.join(',')})${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    const row = () => `(${columns.map(() => (postgres ? `$${(n += 1)}` : '?')).join(',')})`;
    text = `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rowCount }, row).join(',')} ${tail}`;
    texts.set(key, text);
  }
  return text;
}

/** Runs the insert of rows (each holding every column) in one statement; the rows the tail returns, if any. */
export async function runMultiRowInsert<Row>(
  db: Kysely<unknown>,
  insert: MultiRowInsert,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const parameters = rows.flatMap((row) => insert.columns.map((column) => row[column]));
  const result = await db.executeQuery<Row>(CompiledQuery.raw(statementText(insert, postgres, rows.length), parameters));
  return result.rows;
}
