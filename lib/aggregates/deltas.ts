import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { CubeSpec } from "./cubes";
import { type Scope, inScope } from "./sql";

// Incremental upkeep of a cube: before the scope's facts are recomputed,
// their contribution is recorded with a minus sign; after, the new one is
// added and the net change applied cell by cell. Counts and sums of
// integers, so the result is exactly what a rebuild would give.

function deltaTable(cube: CubeSpec): SQL {
  return sql.raw(`agg_delta_${cube.table.replace(/^agg_/, "")}`);
}

/** Starts the cube's delta with the scope's current contribution, negated. */
export async function recordOldContribution(
  db: Database,
  cube: CubeSpec,
  scope: Scope,
): Promise<void> {
  const keys = sql.raw(cube.keys.join(", "));
  const sums = sql.raw(
    cube.measures.map((m) => `-sum(r.${m}) as ${m}`).join(", "),
  );
  const rows = cube.rows((leadId) => inScope(scope, leadId));

  await db.execute(sql`drop table if exists ${deltaTable(cube)}`);
  await db.execute(sql`create temp table ${deltaTable(cube)} on commit drop as
    select ${keys}, ${sums} from (${rows}) r group by ${keys}`);
}

/** Adds the scope's recomputed contribution and applies the net change:
 * changed cells are updated or inserted, emptied cells removed. */
export async function applyNewContribution(
  db: Database,
  cube: CubeSpec,
  scope: Scope,
): Promise<void> {
  const table = cube.table;
  const keys = sql.raw(cube.keys.join(", "));
  const list = (template: (m: string) => string, glue = ", ") =>
    sql.raw(cube.measures.map(template).join(glue));
  const first = cube.measures[0] ?? "leads";
  const rows = cube.rows((leadId) => inScope(scope, leadId));

  const emptied = await queryRows<{ emptied: boolean }>(
    db,
    sql`with change as (
      select ${keys}, ${list((m) => `sum(r.${m}) as ${m}`)}
      from (
        select ${keys}, ${list((m) => m)} from (${rows}) n
        union all
        select ${keys}, ${list((m) => m)} from ${deltaTable(cube)}
      ) r
      group by ${keys}
      having ${list((m) => `sum(r.${m}) <> 0`, " or ")}
    )
    insert into ${sql.raw(table)} (${keys}, ${list((m) => m)})
    select ${keys}, ${list((m) => m)} from change
    on conflict (${keys}) do update
      set ${list((m) => `${m} = ${table}.${m} + excluded.${m}`)}
    returning (${sql.raw(`${table}.${first}`)} = 0) as emptied`,
  );
  if (!emptied.some((row) => row.emptied)) return;

  await db.execute(sql`delete from ${sql.raw(table)} where ${sql.raw(first)} = 0
    and (${keys}) in (select ${keys} from ${deltaTable(cube)})`);
}
