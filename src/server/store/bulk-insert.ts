// Many rows in one INSERT, as ready text. PostgreSQL gets the rows as one JSON parameter, unpacked into the table's
// row type by json_populate_recordset: a 500-row VALUES list has 7,000–16,500 parameters for the server to parse and
// plan on every batch, and arrays per column (unnest) make the driver escape every text in JavaScript; one JSON text
// is written by V8 and read by PostgreSQL in C (about 20 % less time than either for the same rows, ADR 025). SQLite
// gets the VALUES list: its parameters cost little to bind. Both skip Kysely's query builder, whose tree for 500 rows
// cost more than the database's own work.
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';

export interface BulkInsert {
  table: string;
  columns: readonly string[];
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

/** The rows come in as a JSON array of objects keyed by column; the table's own row type gives each its SQL type. */
function postgresText(insert: BulkInsert): string {
  return cached(`pg:${insert.table}(${insert.columns.join(',')})${insert.tail}`, () => {
    const columns = insert.columns.join(',');
    return `${columnList(insert)} select ${columns} from json_populate_recordset(null::${insert.table}, $1::json) ${insert.tail}`;
  });
}

function sqliteText(insert: BulkInsert, rowCount: number): string {
  return cached(`sqlite:${rowCount}:${insert.table}(${insert.columns.join(',')})${insert.tail}`, () => {
    const row = `(${insert.columns.map(() => '?').join(',')})`;
    return `${columnList(insert)} values ${Array.from({ length: rowCount }, () => row).join(',')} ${insert.tail}`;
  });
}

/** Inserts rows (each holding every column, and nothing else) in one statement; the rows the tail returns, if any. */
export async function runBulkInsert<Row>(
  db: Kysely<unknown>,
  insert: BulkInsert,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const query =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? CompiledQuery.raw(postgresText(insert), [JSON.stringify(rows)])
      : CompiledQuery.raw(
          sqliteText(insert, rows.length),
          rows.flatMap((row) => insert.columns.map((column) => row[column])),
        );
  return (await db.executeQuery<Row>(query)).rows;
}
