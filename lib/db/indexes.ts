import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "./client";

// Catalogue helpers for work that rebuilds tables' indexes: the
// aggregates' rebuild and refresh, and a large first import of attempts.

/** True on a PostgreSQL server, false on the embedded database (built
 * for WebAssembly), which has one connection and keeps its own memory
 * settings. */
export const onServerSql = sql`(version() not ilike '%emscripten%'
  and version() not ilike '%wasm%')`;

/** A `set_config` call for the rest of the transaction that gives
 * `name` the value `raised` when it is at one of `defaults`: a server
 * tuned by its operator keeps the operator's value. */
export function raiseDefault(
  name: string,
  defaults: string[],
  raised: string,
): SQL {
  const listed = sql.join(
    defaults.map((value) => sql`${value}`),
    sql`, `,
  );

  return sql`set_config(${name}, case when current_setting(${name})
      in (${listed}) then ${raised} else current_setting(${name}) end,
      true)`;
}

/** The schema holding `table`: the one where its name resolves, which is
 * not always current_schema() (a schema named after the user, first on
 * the default search path, may exist and be empty). */
export async function tableSchema(
  db: Database,
  table: string,
): Promise<string> {
  const [row] = await queryRows<{ schema: string }>(
    db,
    sql`select n.nspname as schema from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.oid = to_regclass(${table})`,
  );
  if (!row) throw new Error(`the table ${table} is missing`);

  return row.schema;
}

/**
 * Primary keys and indexes of `tables` in `schema` as statements: `drop`
 * removes one, `create` builds it again exactly as the schema declares it
 * on the table of the same name in `target` (by default the same schema),
 * and for a primary key `attach` then makes the unique index built by
 * `create` the table's key. Building a key's index takes a lock that lets
 * others read the table, as any index build does; only the short `attach`
 * excludes them.
 */
export async function listIndexes(
  db: Database,
  tables: string[],
  { schema, target = schema }: { schema: string; target?: string },
): Promise<
  { table: string; drop: string; create: string; attach: string | null }[]
> {
  const names = sql.join(
    tables.map((table) => sql`${table}`),
    sql`, `,
  );

  return queryRows(
    db,
    sql`select t.relname as table,
      (case when c.oid is not null
        then format('alter table %I.%I drop constraint %I', n.nspname,
          t.relname, c.conname)
        else format('drop index %I.%I', n.nspname, i.relname) end) as drop,
      format('create %sindex %I on %I.%I %s',
        case when x.indisunique then 'unique ' else '' end, i.relname,
        ${target}::text, t.relname,
        substring(pg_get_indexdef(x.indexrelid) from ' USING .*$')) as create,
      (case when c.oid is not null
        then format('alter table %I.%I add constraint %I primary key using index %I',
          ${target}::text, t.relname, c.conname, i.relname) end) as attach
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    left join pg_constraint c on c.conindid = x.indexrelid and c.contype = 'p'
    where t.relname in (${names}) and n.nspname = ${schema}::text
    order by t.relname, i.relname`,
  );
}
