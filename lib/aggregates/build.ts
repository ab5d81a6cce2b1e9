import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { onServerSql, raiseDefault, tableSchema } from "@/lib/db/indexes";
import { createLogger } from "@/lib/log";
import type { Settings } from "@/lib/settings";
import {
  createLeadAttempts,
  createLeadFollow,
  createRecoveryMessages,
} from "./attempt-passes";
import { createAttemptRows } from "./attempt-rows";
import { insertAttemptFacts } from "./attempt-facts";
import { createBins } from "./bins";
import { cubes } from "./cubes";
import { insertLeadFacts, insertRecoveryDetails } from "./lead-facts";
import { type FactTables, type Scope, factTableNames } from "./sql";

// What a refresh and both kinds of rebuild share: the lock, the steps that
// compute facts, the session settings and the timing of each step.

export const log = createLogger("aggregates");

/** One writer at a time: two refreshes of overlapping leads would each
 * subtract the same old contribution, and a rebuild replaces everything. */
export const lockKey = 7_261_204;

export type AggregateRun = {
  kind: "refresh" | "rebuild";
  /** Leads whose facts were recomputed. */
  leads: number;
  /** Connections the work was split over. */
  connections: number;
  ms: number;
};

/** Every maintained table: the facts, then the cubes in build order. */
export const aggregateTables: string[] = [
  ...Object.values(factTableNames),
  ...cubes.map((cube) => cube.table),
];

/** Computes the scope's facts into `into`: the maintained tables for a
 * rebuild, a refresh's temporary tables of new facts otherwise. */
export async function computeFacts(
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

/** Sets planner options for the rest of the transaction and returns what
 * puts the caller's values back. */
export async function setPlanner(
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

/** Each step's time, for REACHBOARD_LOG=debug when tuning. */
export async function timed<T>(
  step: string,
  task: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const result = await task();
  log.debug("aggregate step", { step, ms: Date.now() - started });

  return result;
}

/**
 * Session settings for a rebuild's transaction, on a server only (the
 * embedded database keeps its own: its memory is the process's). The
 * default work_mem (4 MB) sends a rebuild's hash aggregates to disk, and
 * the default maintenance_work_mem (64 MB) its index builds' sorts. JIT
 * compilation, off for the dashboard's short queries, pays here: each
 * statement evaluates a few dozen expressions for millions of rows, and
 * compiled they take about a fifth less time in all, and inlined and
 * optimised (by default only above a cost of 500,000) a tenth less again
 * in the statements of a cost between 200,000 and that: the passes over
 * the lead facts and the attempt cells, which run for seconds each.
 */
export async function prepareRebuildSession(db: Database): Promise<void> {
  await db.execute(sql`select set_config('jit', 'on', true),
      ${raiseDefault("work_mem", ["4MB", "8MB", "16MB"], "256MB")},
      ${raiseDefault("maintenance_work_mem", ["64MB", "128MB"], "512MB")},
      ${raiseDefault("jit_inline_above_cost", ["500000"], "200000")},
      ${raiseDefault("jit_optimize_above_cost", ["500000"], "200000")}
    where ${onServerSql}`);
}

/** The schema holding the aggregate tables. */
export function aggregateSchema(db: Database): Promise<string> {
  return tableSchema(db, factTableNames.leads);
}
