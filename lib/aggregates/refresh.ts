import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { type Settings, getSettings } from "@/lib/settings";
import {
  createLeadAttempts,
  createLeadFollow,
  createRecoveryMessages,
} from "./attempt-passes";
import { createAttemptRows } from "./attempt-rows";
import { insertAttemptFacts } from "./attempt-facts";
import { createBins } from "./bins";
import { buildCubeSql, cubes } from "./cubes";
import {
  applyCubeChange,
  createNewFactTables,
  storeNewFacts,
  takeOldFacts,
} from "./deltas";
import { insertLeadFacts, insertRecoveryDetails } from "./lead-facts";
import {
  type FactTables,
  type Scope,
  factTableNames,
  inScope,
  maintainedFacts,
  newFacts,
} from "./sql";
import { areAggregatesCurrent, writeState } from "./state";

const log = createLogger("aggregates");

// One writer at a time: two refreshes of overlapping leads would each
// subtract the same old contribution.
const lockKey = 7_261_204;

export type AggregateRun = {
  kind: "refresh" | "rebuild";
  /** Leads whose facts were recomputed. */
  leads: number;
  ms: number;
};

/**
 * Brings the aggregates up to date after `leadIds` were inserted, updated
 * or deleted (with their attempts), recomputing only those leads, the
 * other leads of the same persons, and the cube cells they touch. Runs in
 * the caller's transaction when given one. When the aggregates were never
 * built, or settings or dispositions changed since, it rebuilds instead.
 */
export async function refreshAggregates(
  db: Database,
  { leadIds }: { leadIds: number[] },
): Promise<AggregateRun> {
  const started = Date.now();

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
    const settings = await getSettings(tx);
    if (!(await areAggregatesCurrent(tx, settings))) {
      return rebuildLocked(tx, settings, started);
    }
    if (leadIds.length === 0) {
      return { kind: "refresh" as const, leads: 0, ms: Date.now() - started };
    }

    // A refresh reaches its few leads through the indexes. With the default
    // cost of a random read (4, for spinning disks) the planner would
    // rather scan whole tables; the aggregates are read from memory.
    const restore = await setPlanner(tx, { random_page_cost: "1.1" });
    const scope = { leadIds: await expandScope(tx, leadIds) };
    await timed("old facts", () => takeOldFacts(tx, scope));
    await createNewFactTables(tx);
    await computeFacts(tx, scope, settings, newFacts);
    await timed("new facts", () => storeNewFacts(tx));
    for (const cube of cubes) {
      await timed(cube.table, () => applyCubeChange(tx, cube));
    }
    await restore();
    await writeState(tx, settings, false);
    const run = {
      kind: "refresh" as const,
      leads: scope.leadIds.length,
      ms: Date.now() - started,
    };
    log.info("refreshed aggregates", run);

    return run;
  });
}

/**
 * Recomputes every aggregate from the raw rows. What a settings change
 * (windows, slots, policy, rates, report zone) or an edit of the
 * disposition mapping must call; also the repair for any doubt.
 *
 * With `vacuum`, the lead facts and measure cells are vacuumed after the
 * rebuild commits: the speed percentiles and the measure cells are read
 * from their indexes alone, which takes pages marked all-visible, and only
 * VACUUM marks them. Only for a caller outside any transaction (VACUUM
 * cannot run inside one); otherwise the server's autovacuum does it later
 * and those reads visit the table meanwhile.
 */
export async function rebuildAggregates(
  db: Database,
  { vacuum = false }: { vacuum?: boolean } = {},
): Promise<AggregateRun> {
  const started = Date.now();

  const run = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);

    return rebuildLocked(tx, await getSettings(tx), started);
  });
  if (vacuum) {
    await timed("vacuum", () =>
      db.execute(sql`vacuum agg_lead_facts, agg_lead_measure_cells`),
    );
  }

  return { ...run, ms: Date.now() - started };
}

async function rebuildLocked(
  db: Database,
  settings: Settings,
  started: number,
): Promise<AggregateRun> {
  await raiseWorkMem(db);
  const tables = [
    ...Object.values(factTableNames),
    ...cubes.map((cube) => cube.table),
  ];
  const indexes = await listIndexes(db, tables);
  await db.execute(sql.raw(`truncate ${tables.join(", ")}`));
  // Filling tables without their indexes and building these once at the
  // end is several times faster than maintaining them row by row.
  for (const index of indexes) await db.execute(sql.raw(index.drop));
  await computeFacts(db, "all", settings, maintainedFacts);
  for (const cube of cubes) {
    await timed(cube.table, () => db.execute(buildCubeSql(cube)));
  }
  await timed("indexes", async () => {
    for (const index of indexes) await db.execute(sql.raw(index.create));
  });
  // Fresh statistics, or the planner takes the big new tables for empty.
  await timed("analyze", () =>
    db.execute(sql.raw(`analyze ${tables.join(", ")}`)),
  );
  await writeState(db, settings, true);
  const [row] = await queryRows<{ leads: number }>(
    db,
    sql`select count(*)::int as leads from agg_lead_facts`,
  );
  const run = {
    kind: "rebuild" as const,
    leads: row?.leads ?? 0,
    ms: Date.now() - started,
  };
  log.info("rebuilt aggregates", run);

  return run;
}

// Computes the scope's facts into `into`: the maintained tables for a
// rebuild, a refresh's temporary tables of new facts otherwise.
async function computeFacts(
  db: Database,
  scope: Scope,
  settings: Settings,
  into: FactTables,
): Promise<void> {
  // Joins on the 15-minute bins are equality joins on an expression; the
  // planner otherwise sorts millions of attempts to merge them.
  const restore = await setPlanner(db, { enable_mergejoin: "off" });
  await timed("bins", () => createBins(db, scope, settings.reportTimezone));
  await timed("attempts", () => createAttemptRows(db, scope, settings));
  await timed("lead attempts", () => createLeadAttempts(db, scope));
  await timed("lead follow-up", () => createLeadFollow(db, scope));
  await timed("recovery messages", () => createRecoveryMessages(db, scope));
  await timed("lead facts", () => insertLeadFacts(db, scope, settings, into));
  await timed("recovery details", () => insertRecoveryDetails(db, into));
  await timed("attempt facts", () =>
    insertAttemptFacts(db, scope, settings, into),
  );
  await restore();
}

// Sets planner options for the rest of the transaction and returns what
// puts the caller's values back.
async function setPlanner(
  db: Database,
  values: Record<string, string>,
): Promise<() => Promise<void>> {
  const names = Object.keys(values);
  const [before] = await queryRows<Record<string, string>>(
    db,
    sql.raw(
      `select ${names.map((name) => `current_setting('${name}') as ${name}`).join(", ")}`,
    ),
  );
  const apply = (next: Record<string, string>) =>
    db.execute(
      sql.raw(
        `select ${names.map((name) => `set_config('${name}', '${next[name] ?? "on"}', true)`).join(", ")}`,
      ),
    );
  await apply(values);

  return async () => {
    await apply(before ?? {});
  };
}

// Each step's time, for REACHBOARD_LOG=debug when tuning.
async function timed(step: string, task: () => Promise<unknown>) {
  const started = Date.now();
  await task();
  log.debug("aggregate step", { step, ms: Date.now() - started });
}

// Primary keys and indexes of the tables as statements that drop them and
// create them again exactly as the schema declares them.
async function listIndexes(db: Database, tables: string[]) {
  const names = sql.join(
    tables.map((table) => sql`${table}`),
    sql`, `,
  );

  return queryRows<{ drop: string; create: string }>(
    db,
    sql`select format('alter table %I drop constraint %I', t.relname,
        c.conname) as drop,
      format('alter table %I add constraint %I %s', t.relname, c.conname,
        pg_get_constraintdef(c.oid)) as create
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'p' and t.relname in (${names})
      and t.relnamespace = current_schema()::regnamespace
    union all
    select format('drop index %I', i.indexname), i.indexdef
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${names})
      and i.indexname not in (select conname from pg_constraint)`,
  );
}

// The given leads and every other lead of their persons, before and after
// the change: a lead's duplicate flag and person count depend on the
// person's other leads.
async function expandScope(db: Database, leadIds: number[]): Promise<number[]> {
  const given: Scope = { leadIds };
  const persons = await queryRows<{ id: number }>(
    db,
    sql`select l.person_id as id from leads l
    where ${inScope(given, sql`l.id`)} and l.person_id is not null
    union
    select f.person_id from agg_lead_facts f
    where ${inScope(given, sql`f.lead_id`)} and f.person_id is not null`,
  );
  const ids = new Set(leadIds.map((id) => Math.trunc(id)));
  if (persons.length > 0) {
    const list = persons.map((row) => Math.trunc(Number(row.id))).join(",");
    const others = await queryRows<{ id: number }>(
      db,
      sql`select l.id from leads l
      where l.person_id = any(${sql.raw(`'{${list}}'`)}::int8[])`,
    );
    for (const row of others) ids.add(Number(row.id));
  }

  return [...ids];
}

// The server's default work_mem (4 MB) sends a rebuild's hash aggregates
// to disk, and its default maintenance_work_mem (64 MB) the index builds'
// sorts. The embedded database keeps its own settings: its memory is the
// process's.
async function raiseWorkMem(db: Database): Promise<void> {
  const raise = (name: string, defaults: string, value: string) =>
    sql.raw(`set_config('${name}', case when current_setting('${name}')
      in (${defaults}) then '${value}' else current_setting('${name}') end,
      true)`);
  await db.execute(sql`select
      ${raise("work_mem", "'4MB', '8MB', '16MB'", "256MB")},
      ${raise("maintenance_work_mem", "'64MB', '128MB'", "512MB")}
    where version() not ilike '%emscripten%'
      and version() not ilike '%wasm%'`);
}
