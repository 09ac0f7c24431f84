// PostgreSQL as Kysely's dialect, with introspection that looks only at the store's own schema (the connection's
// current_schema()). Kysely's own introspector lists the tables of every schema of the database and calls
// has_schema_privilege() on each; when another session drops its schema meanwhile (another deployment's, or a test
// store's), the whole listing fails with "schema … does not exist" naming that other schema. The migrator asks for
// that listing on every start, so one neighbour dropping a schema could stop Kakou from starting.
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  PostgresDialect,
  sql,
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

interface ColumnRow {
  table: string;
  schema: string;
  kind: string;
  column: string | null;
  dataType: string | null;
  dataTypeSchema: string | null;
  notNull: boolean | null;
  hasDefault: boolean | null;
  isIdentity: boolean | null;
}

const KYSELY_TABLES: ReadonlySet<string> = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);

// 'r' table, 'p' partitioned table, 'v' view, 'm' materialised view: what Kysely's own introspector lists.
const LISTED_KINDS = ['r', 'p', 'v', 'm'];

function ownSchemaIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
  async function getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }) {
    const { rows } = await sql<ColumnRow>`
      select c.relname as "table", ns.nspname as "schema", c.relkind as "kind",
             a.attname as "column", t.typname as "dataType", tns.nspname as "dataTypeSchema",
             a.attnotnull as "notNull", a.atthasdef as "hasDefault", a.attidentity <> '' as "isIdentity"
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_catalog.pg_type t on t.oid = a.atttypid
      left join pg_catalog.pg_namespace tns on tns.oid = t.typnamespace
      where ns.nspname = current_schema() and c.relkind = any(${LISTED_KINDS})
      order by c.relname, a.attnum`.execute(db);

    const tables = new Map<string, { schema: string; isView: boolean; columns: ColumnMetadata[] }>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLES.has(row.table)) continue;
      let table = tables.get(row.table);
      if (table === undefined) {
        table = { schema: row.schema, isView: row.kind === 'v' || row.kind === 'm', columns: [] };
        tables.set(row.table, table);
      }
      // A table without columns still has its one row from the left join, with no column in it.
      if (row.column === null) continue;
      table.columns.push({
        name: row.column,
        dataType: row.dataType ?? '',
        ...(row.dataTypeSchema === null ? {} : { dataTypeSchema: row.dataTypeSchema }),
        isNullable: row.notNull !== true,
        hasDefaultValue: row.hasDefault === true || row.isIdentity === true,
        isAutoIncrementing: row.isIdentity === true,
      });
    }
    return [...tables].map(([name, table]): TableMetadata => ({ name, ...table }));
  }

  return {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
      return rows;
    },
    getTables,
    // Still part of the interface Kysely asks for, though deprecated there; nothing in Kakou calls it.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
      return { tables: await getTables(options) };
    },
  };
}

/** PostgresDialect whose introspection (and so Kysely's migrator) sees only the connection's current schema. */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return ownSchemaIntrospector(db);
  }
}
