import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { type Settings, getSettings } from "@/lib/settings";
import {
  createBins,
  createLeadAttempts,
  createLeadFollow,
  createRecoveryMessages,
} from "./attempt-passes";
import { insertAttemptFacts } from "./attempt-facts";
import { buildCubeSql, cubes } from "./cubes";
import { applyNewContribution, recordOldContribution } from "./deltas";
import { insertLeadFacts, insertRecoveryDetails } from "./lead-facts";
import { type Scope, createTempTable } from "./sql";
import { areAggregatesCurrent, writeState } from "./state";

const log = createLogger("aggregates");

// One writer at a time: two refreshes of overlapping leads would each
// subtract the same old contribution.
const lockKey = 7_261_204;

const factTables = [
  "agg_lead_facts",
  "agg_attempt_facts",
  "agg_recovery_channels",
  "agg_recovery_templates",
];

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

    const leads = await createScope(tx, leadIds);
    for (const cube of cubes) await recordOldContribution(tx, cube);
    for (const table of factTables) {
      await tx.execute(sql`delete from ${sql.raw(table)}
        where lead_id in (select lead_id from agg_scope)`);
    }
    await computeFacts(tx, "scoped", settings);
    for (const cube of cubes) await applyNewContribution(tx, cube);
    await writeState(tx, settings, false);
    const run = { kind: "refresh" as const, leads, ms: Date.now() - started };
    log.info("refreshed aggregates", run);

    return run;
  });
}

/**
 * Recomputes every aggregate from the raw rows. What a settings change
 * (windows, slots, policy, rates, report zone) or an edit of the
 * disposition mapping must call; also the repair for any doubt.
 */
export async function rebuildAggregates(db: Database): Promise<AggregateRun> {
  const started = Date.now();

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);

    return rebuildLocked(tx, await getSettings(tx), started);
  });
}

async function rebuildLocked(
  db: Database,
  settings: Settings,
  started: number,
): Promise<AggregateRun> {
  await raiseWorkMem(db);
  const tables = [...factTables, ...cubes.map((cube) => cube.table)];
  await db.execute(sql.raw(`truncate ${tables.join(", ")}`));
  await computeFacts(db, "all", settings);
  for (const cube of cubes) await db.execute(buildCubeSql(cube));
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

async function computeFacts(
  db: Database,
  scope: Scope,
  settings: Settings,
): Promise<void> {
  await createBins(db, scope, settings.reportTimezone);
  await createLeadAttempts(db, scope, settings);
  await createLeadFollow(db);
  await createRecoveryMessages(db);
  await insertLeadFacts(db, scope, settings);
  await insertRecoveryDetails(db);
  await insertAttemptFacts(db, scope, settings);
}

// The given leads and every other lead of their persons, before and after
// the change: a lead's duplicate flag and person count depend on the
// person's other leads.
async function createScope(db: Database, leadIds: number[]): Promise<number> {
  const ids = leadIds.map((id) => Math.trunc(id)).join(",");
  await createTempTable(
    db,
    "agg_scope",
    sql`with given as (
      select distinct unnest(string_to_array(${ids}, ','))::int8 as lead_id
    ),
    touched_persons as (
      select l.person_id from leads l join given g on g.lead_id = l.id
      where l.person_id is not null
      union
      select f.person_id from agg_lead_facts f
      join given g on g.lead_id = f.lead_id where f.person_id is not null
    )
    select lead_id from given
    union
    select l.id from leads l
    where l.person_id in (select person_id from touched_persons)`,
  );
  const [row] = await queryRows<{ leads: number }>(
    db,
    sql`select count(*)::int as leads from agg_scope`,
  );

  return row?.leads ?? 0;
}

// The server's default work_mem (4 MB) sends a rebuild's hash aggregates
// to disk. The embedded database keeps its own setting: its memory is the
// process's.
async function raiseWorkMem(db: Database): Promise<void> {
  await db.execute(sql`select set_config('work_mem', '256MB', true)
    where current_setting('work_mem') in ('4MB', '8MB', '16MB')
      and version() not ilike '%emscripten%'
      and version() not ilike '%wasm%'`);
}
