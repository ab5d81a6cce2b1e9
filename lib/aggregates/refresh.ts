import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { type Database, queryRows } from "@/lib/db";
import { listIndexes } from "@/lib/db/indexes";
import { sqlStateOf } from "@/lib/errors";
import { type Settings, getSettings } from "@/lib/settings";
import {
  type AggregateRun,
  aggregateSchema,
  aggregateTables,
  computeFacts,
  lockKey,
  log,
  prepareRebuildSession,
  setPlanner,
  timed,
} from "./build";
import { buildCubeSql, cubes } from "./cubes";
import {
  applyCubeChange,
  createNewFactTables,
  storeNewFacts,
  takeOldFacts,
} from "./deltas";
import {
  canRebuildInParallel,
  rebuildConnections,
  rebuildInParallel,
} from "./parallel";
import { maintainedFacts, newFacts } from "./sql";
import { areAggregatesCurrent, writeState } from "./state";

export type { AggregateRun } from "./build";

/**
 * Takes the aggregates' writer lock until the end of the transaction: one
 * refresh or rebuild at a time. A writer that locks whole tables the
 * rebuild reads takes this lock first, so that a rebuild never waits for
 * those tables while holding it.
 */
export async function lockAggregateWriters(db: Database): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
}

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
    await lockAggregateWriters(tx);
    const settings = await getSettings(tx);
    if (!(await areAggregatesCurrent(tx, settings))) {
      return rebuildLocked(tx, settings, started);
    }
    if (leadIds.length === 0) {
      return {
        kind: "refresh" as const,
        leads: 0,
        connections: 1,
        ms: Date.now() - started,
      };
    }

    // A refresh reaches its few leads through the indexes. With the default
    // cost of a random read (4, for spinning disks) the planner would
    // rather scan whole tables; the aggregates are read from memory. Its
    // temporary tables are analysed from a sample of 3,000 rows rather than
    // 30,000 (most hold fewer than 30,000 rows, which were all read): a
    // quarter-hour's analyses take 15 ms instead of 35-45.
    const restore = await setPlanner(tx, {
      random_page_cost: "1.1",
      default_statistics_target: "10",
    });
    const scope = await timed("old facts", () => takeOldFacts(tx, leadIds));
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
      connections: 1,
      ms: Date.now() - started,
    };
    log.info("refreshed aggregates", run);

    return run;
  });
}

/**
 * Marks the aggregates as behind the raw rows, in the caller's
 * transaction: from its commit, figures answer from the raw rows and the
 * next refresh rebuilds, until a rebuild records them current again. For
 * a writer that changes too much to refresh and rebuilds after it commits,
 * on every connection of the pool instead of inside its own transaction on
 * one: should it never get there, the aggregates are stale, never wrong.
 */
async function markAggregatesBehind(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAggregateWriters(tx);
    await tx.execute(sql`delete from agg_state where id = 1`);
  });
}

/**
 * After a write of `leadIds` in the transaction `tx`: refreshes them there
 * and returns false, or, when they are more than a quarter of all leads,
 * marks the aggregates behind and returns true, and the caller then calls
 * rebuildAfterCommit once its transaction has committed. A refresh
 * subtracts and re-adds each touched lead's share; past about a quarter
 * of all leads a rebuild from the raw rows is cheaper (200k calls on 40k
 * leads: 47 s to refresh, a few seconds to rebuild), and as exact.
 */
export async function refreshOrMarkBehind(
  tx: Database,
  leadIds: number[],
): Promise<boolean> {
  const [total] = await queryRows<{ leads: number }>(
    tx,
    sql`select count(*)::int as leads from leads`,
  );
  if (leadIds.length * 4 > (total?.leads ?? 0)) {
    await markAggregatesBehind(tx);

    return true;
  }
  await refreshAggregates(tx, { leadIds });

  return false;
}

/**
 * Rebuilds the aggregates on every core the server has, with `db` a pool
 * outside any transaction, after a writer's transaction that marked them
 * behind has committed (a rebuild inside it would use one connection and
 * hold the writer's locks meanwhile). When the writer's transaction was
 * part of a caller's, `db` is that transaction and the rebuild runs in it
 * on one connection. The writer's rows are stored whatever happens here:
 * should the rebuild fail, it is logged and the figures answer from the
 * raw rows, exact but slow, until the next start, write or rebuild brings
 * the aggregates back.
 */
export async function rebuildAfterCommit(db: Database): Promise<void> {
  try {
    await rebuildAggregates(db, {
      vacuum: true,
      connections: rebuildConnections(),
    });
  } catch (error) {
    log.error("rebuilding the aggregates after a write failed", {
      sqlState: sqlStateOf(error) ?? null,
    });
  }
}

/**
 * Recomputes every aggregate from the raw rows. What a settings change
 * (windows, slots, policy, rates, report zone) or an edit of the
 * disposition mapping must call; also the repair for any doubt.
 *
 * With `connections` above 1, on a server, and `db` a pool outside any
 * transaction, the work is split over that many of its connections
 * (parallel.ts), and figures keep reading the previous aggregates until
 * the new ones replace them at the end. Otherwise (or when the database
 * user may not create a schema) it runs in `db`'s transaction, or one of
 * its own, on one connection.
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
  {
    vacuum = false,
    connections = 1,
  }: { vacuum?: boolean; connections?: number } = {},
): Promise<AggregateRun> {
  const started = Date.now();
  // Inside a caller's transaction the rebuild runs in it, on its one
  // connection, and leaves the vacuum to the server (VACUUM cannot run
  // in a transaction).
  const inTransaction = db instanceof PgTransaction;

  const split =
    connections > 1 && !inTransaction && (await canRebuildInParallel(db))
      ? await rebuildInParallel(db, connections)
      : null;
  const run =
    split ??
    (await db.transaction(async (tx) => {
      await lockAggregateWriters(tx);

      return rebuildLocked(tx, await getSettings(tx), started);
    }));
  if (vacuum && !inTransaction) {
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
  await prepareRebuildSession(db);
  const tables = aggregateTables;
  const indexes = await listIndexes(db, tables, {
    schema: await aggregateSchema(db),
  });
  await db.execute(sql.raw(`truncate ${tables.join(", ")}`));
  // Filling tables without their indexes and building these once at the
  // end is several times faster than maintaining them row by row.
  for (const index of indexes) await db.execute(sql.raw(index.drop));
  await computeFacts(db, "all", settings, maintainedFacts);
  for (const cube of cubes) {
    await timed(cube.table, () => db.execute(buildCubeSql(cube)));
  }
  await timed("indexes", async () => {
    for (const index of indexes) {
      await db.execute(sql.raw(index.create));
      if (index.attach) await db.execute(sql.raw(index.attach));
    }
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
    connections: 1,
    ms: Date.now() - started,
  };
  log.info("rebuilt aggregates", run);

  return run;
}
