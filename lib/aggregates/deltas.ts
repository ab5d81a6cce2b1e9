import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { CubeSpec } from "./cubes";
import {
  type FactTables,
  addedFacts,
  factTablePairs,
  goneFacts,
  isOneOf,
  maintainedFacts,
  newFacts,
  oldFacts,
} from "./sql";

// Incremental upkeep. The scope's lead facts (and its recovery rows) are
// moved out of the maintained tables into temporary copies, their old
// contribution; the new facts are computed into temporary tables of their
// own; of the attempt facts only those that differ are deleted and
// inserted, since a quarter-hour adds a few attempts to leads that already
// have many. Each cube then gets the difference of the two sides, cell by
// cell. Counts and sums of integers, so the result is exactly what a
// rebuild would give. Every cube reads the small copies instead of reaching
// the scope's rows through the indexes twice.

/**
 * Moves the lead facts of `leadIds` and of every other lead of the same
 * persons, before and after the change (a lead's duplicate flag and person
 * count depend on the person's other leads), out of the maintained tables
 * into the old copies, with their recovery rows, and copies their attempt
 * facts. Returns the scope so found.
 *
 * The old persons are read from the copies once the given leads' facts
 * are moved, rather than from the maintained table beforehand, which would
 * reach the same rows through its index twice. Recovery rows exist only
 * for a lead messaged after a failed call (insertRecoveryDetails joins the
 * messages that set `messaged`), so only those leads' rows are looked for:
 * a few of the scope's, through the index, instead of every one.
 */
export async function takeOldFacts(
  db: Database,
  leadIds: number[],
): Promise<{ leadIds: number[] }> {
  for (const { table, copy } of factTablePairs(oldFacts)) {
    await createCopy(db, table, copy);
  }
  const given = [...new Set(leadIds.map((id) => Math.trunc(id)))];
  const moveLeadFacts = (ids: number[]) =>
    db.execute(sql`with gone as (
        delete from ${maintainedFacts.leads}
        where ${isOneOf(sql`lead_id`, ids)}
        returning *
      )
      insert into ${oldFacts.leads} select * from gone`);
  await moveLeadFacts(given);
  const persons = await queryRows<{ id: number }>(
    db,
    sql`select person_id as id from leads
    where ${isOneOf(sql`id`, given)} and person_id is not null
    union
    select person_id from ${oldFacts.leads} where person_id is not null`,
  );
  const others =
    persons.length === 0
      ? []
      : await queryRows<{ id: number }>(
          db,
          sql`select l.id from leads l
          where ${isOneOf(
            sql`l.person_id`,
            persons.map((row) => Number(row.id)),
          )}
            and not ${isOneOf(sql`l.id`, given)}`,
        );
  const extra = others.map((row) => Number(row.id));
  if (extra.length > 0) await moveLeadFacts(extra);
  const scope = [...given, ...extra];

  await db.execute(sql`insert into ${oldFacts.attempts}
    select * from ${maintainedFacts.attempts}
    where ${isOneOf(sql`lead_id`, scope)}`);
  const messaged = await queryRows<{ id: number }>(
    db,
    sql`select lead_id as id from ${oldFacts.leads} where messaged`,
  );
  if (messaged.length > 0) {
    const recovery = messaged.map((row) => Number(row.id));
    for (const kind of ["channels", "templates"] as const) {
      await db.execute(sql`with gone as (
          delete from ${maintainedFacts[kind]}
          where ${isOneOf(sql`lead_id`, recovery)}
          returning *
        )
        insert into ${oldFacts[kind]} select * from gone`);
    }
  }

  return { leadIds: scope };
}

/** Empty tables for the scope's new facts, shaped as the maintained ones. */
export async function createNewFactTables(db: Database): Promise<void> {
  for (const { table, copy } of factTablePairs(newFacts)) {
    await createCopy(db, table, copy);
  }
}

// An empty temporary table shaped as `table`, dropped at commit.
async function createCopy(db: Database, table: SQL, copy: SQL) {
  await db.execute(sql`drop table if exists ${copy}`);
  await db.execute(
    sql`create temp table ${copy} (like ${table}) on commit drop`,
  );
}

/** Writes the scope's new facts into the maintained tables: every new lead
 * fact and recovery row, and the attempt facts that changed, after
 * deleting those they replace or that no longer hold. */
export async function storeNewFacts(db: Database): Promise<void> {
  for (const { kind, table, copy } of factTablePairs(newFacts)) {
    if (kind === "attempts") continue;
    await db.execute(sql`insert into ${table} select * from ${copy}`);
  }

  const differs = (from: SQL, other: SQL, alias: string) => {
    const a = sql.raw(alias);

    return sql`select ${a}.* from ${from} ${a}
      where not exists (select 1 from ${other} x
        where x.attempt_id = ${a}.attempt_id
          and row(x.*) is not distinct from row(${a}.*))`;
  };
  for (const [name, select] of [
    [goneFacts.attempts, differs(oldFacts.attempts, newFacts.attempts, "o")],
    [addedFacts.attempts, differs(newFacts.attempts, oldFacts.attempts, "n")],
  ] as const) {
    await db.execute(sql`drop table if exists ${name}`);
    await db.execute(sql`create temp table ${name} on commit drop
      as ${select}`);
  }
  await db.execute(sql`delete from ${maintainedFacts.attempts} t
    using ${goneFacts.attempts} g
    where t.lead_id = g.lead_id and t.attempt_id = g.attempt_id`);
  await db.execute(sql`insert into ${maintainedFacts.attempts}
    select * from ${addedFacts.attempts}`);
}

/** Applies the difference between the new and the old facts to the cube:
 * changed cells are updated or inserted, emptied cells removed. */
export async function applyCubeChange(
  db: Database,
  cube: CubeSpec,
): Promise<void> {
  const table = sql.raw(cube.table);
  const keys = sql.raw(cube.keys.join(", "));
  const list = (template: (m: string) => string, glue = ", ") =>
    sql.raw(cube.measures.map(template).join(glue));
  const first = cube.measures[0] ?? "leads";
  const rows = (facts: FactTables): SQL => cube.rows(() => sql`true`, facts);

  const emptied = await queryRows<{ emptied: boolean }>(
    db,
    sql`with change as (
      select ${keys}, ${list((m) => `sum(r.${m}) as ${m}`)}
      from (
        select ${keys}, ${list((m) => m)} from (${rows(addedFacts)}) n
        union all
        select ${keys}, ${list((m) => `-${m}`)} from (${rows(goneFacts)}) o
      ) r
      group by ${keys}
      having ${list((m) => `sum(r.${m}) <> 0`, " or ")}
    )
    insert into ${table} (${keys}, ${list((m) => m)})
    select ${keys}, ${list((m) => m)} from change
    on conflict (${keys}) do update
      set ${list((m) => `${m} = ${cube.table}.${m} + excluded.${m}`)}
    returning (${sql.raw(`${cube.table}.${first}`)} = 0) as emptied`,
  );
  if (!emptied.some((row) => row.emptied)) return;

  await db.execute(sql`delete from ${table} where ${sql.raw(first)} = 0
    and (${keys}) in (select ${keys} from (${rows(goneFacts)}) o)`);
}
