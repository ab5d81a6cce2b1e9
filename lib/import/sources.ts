import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";

// Sources are found through their aliases (trimmed, lower-cased), so that
// `google` and `Google` are one source. A spelling never seen before first
// joins a source of that name in any case, else creates a source named as
// first written.

/** Resolves every source the staged leads name; returns the new names. */
export async function resolveStagedSources(
  db: Database,
  table: string,
): Promise<string[]> {
  const stage = sql.raw(table);
  await db.execute(sql`
    insert into source_aliases (alias, source_id)
    select distinct on (lower(trim(s.name))) lower(trim(s.name)), s.id
    from sources s
    where lower(trim(s.name)) in (select source_alias from ${stage})
    order by lower(trim(s.name)), s.id
    on conflict (alias) do nothing`);

  const created = await queryRows<{ name: string }>(
    db,
    sql`insert into sources (name)
    select first.source_name from (
      select distinct on (st.source_alias) st.source_alias, st.source_name, st.row_no
      from ${stage} st
      where not exists (
        select 1 from source_aliases a where a.alias = st.source_alias)
      order by st.source_alias, st.row_no
    ) first
    order by first.row_no
    on conflict (name) do nothing
    returning name`,
  );

  await db.execute(sql`
    insert into source_aliases (alias, source_id)
    select distinct on (st.source_alias) st.source_alias, s.id
    from ${stage} st join sources s on s.name = st.source_name
    where not exists (
      select 1 from source_aliases a where a.alias = st.source_alias)
    order by st.source_alias, s.id
    on conflict (alias) do nothing`);

  return created.map((row) => row.name);
}

/** The id of the source named `name` (any spelling), created if new. */
export async function resolveSource(
  db: Database,
  name: string,
): Promise<{ id: number; created: boolean }> {
  const alias = name.trim().toLowerCase();
  const [known] = await queryRows<{ id: number }>(
    db,
    sql`select source_id::int as id from source_aliases where alias = ${alias}`,
  );
  if (known) return { id: known.id, created: false };

  const [existing] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from sources where lower(trim(name)) = ${alias}
    order by id limit 1`,
  );
  const [inserted] = existing
    ? [existing]
    : await queryRows<{ id: number }>(
        db,
        sql`insert into sources (name) values (${name.trim()}) returning id::int as id`,
      );
  if (!inserted) throw new Error("source insert returned no row");
  await db.execute(sql`
    insert into source_aliases (alias, source_id) values (${alias}, ${inserted.id})
    on conflict (alias) do nothing`);

  return { id: inserted.id, created: !existing };
}
