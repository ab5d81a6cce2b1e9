import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { CubeSpec } from "./cubes";
import { createTempTable } from "./sql";

// Incremental upkeep of a cube: before the scope's facts are recomputed,
// their contribution is recorded with a minus sign; after, the new one is
// added; the net change is then applied cell by cell. Counts and sums of
// integers, so the result is exactly what a rebuild would give.

const scoped = (leadId: SQL) =>
  sql`${leadId} in (select lead_id from agg_scope)`;

function deltaTable(cube: CubeSpec): string {
  return `agg_delta_${cube.table.replace(/^agg_/, "")}`;
}

/** Starts the cube's delta with the scope's current contribution, negated. */
export async function recordOldContribution(
  db: Database,
  cube: CubeSpec,
): Promise<void> {
  const keys = sql.raw(cube.keys.join(", "));
  const sums = sql.raw(
    cube.measures.map((m) => `-sum(r.${m}) as ${m}`).join(", "),
  );

  await createTempTable(
    db,
    deltaTable(cube),
    sql`select ${keys}, ${sums} from (${cube.rows(scoped)}) r group by ${keys}`,
  );
}

/** Adds the scope's recomputed contribution and applies the net change:
 * changed cells are updated or inserted, emptied cells removed. */
export async function applyNewContribution(
  db: Database,
  cube: CubeSpec,
): Promise<void> {
  const table = sql.raw(cube.table);
  const delta = sql.raw(deltaTable(cube));
  const keys = sql.raw(cube.keys.join(", "));
  const measures = sql.raw(cube.measures.join(", "));
  const sums = sql.raw(cube.measures.map((m) => `sum(r.${m})`).join(", "));
  const changed = sql.raw(
    cube.measures.map((m) => `sum(d.${m}) <> 0`).join(" or "),
  );
  const updates = sql.raw(
    cube.measures
      .map((m) => `${m} = ${cube.table}.${m} + excluded.${m}`)
      .join(", "),
  );
  const sameKey = sql.raw(
    cube.keys.map((k) => `${cube.table}.${k} = z.${k}`).join(" and "),
  );
  const first = sql.raw(`${cube.table}.${cube.measures[0] ?? "leads"}`);

  await db.execute(sql`insert into ${delta} (${keys}, ${measures})
    select ${keys}, ${sums} from (${cube.rows(scoped)}) r group by ${keys}`);
  await db.execute(sql`insert into ${table} (${keys}, ${measures})
    select ${keys}, ${sql.raw(cube.measures.map((m) => `sum(d.${m})`).join(", "))}
    from ${delta} d group by ${keys} having ${changed}
    on conflict (${keys}) do update set ${updates}`);
  await db.execute(sql`delete from ${table}
    using (select distinct ${keys} from ${delta}) z
    where ${sameKey} and ${first} = 0`);
}
