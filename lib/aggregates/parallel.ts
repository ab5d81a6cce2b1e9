import os from "node:os";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { sqlStateOf } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import {
  type AggregateRun,
  aggregateTables,
  computeFacts,
  listIndexes,
  lockKey,
  log,
  prepareRebuildSession,
  timed,
} from "./build";
import { buildCubeSql, cubes } from "./cubes";
import { type Scope, factTableNames, maintainedFacts } from "./sql";
import { writeState } from "./state";

// A rebuild split over several connections of a pool, so that it uses
// every core of the server: PostgreSQL runs each `insert … select` on one
// core, and its parallel workers cannot read the temporary tables the
// build steps pass on. The new aggregates are built beside the current
// ones, in a schema of their own, and replace them in one short
// transaction at the end:
//
// 1. a transaction on one connection takes the writers' lock for the whole
//    rebuild, creates the build schema's empty tables (committed by a
//    second connection, so that every connection sees them) and exports
//    its snapshot;
// 2. each connection computes the facts of a range of lead ids, in a
//    transaction that reads that snapshot, into the build tables (a lead's
//    facts depend on its own row and its attempts alone);
// 3. the connections take the cubes and the fact tables' indexes in turns,
//    each table's indexes built and the table analysed once it is filled;
// 4. the first transaction drops the current tables, moves the new ones
//    into their schema and records the settings they were built with.
//
// Figures read the previous aggregates meanwhile; writers wait for the
// lock, and their refreshes then apply to the new aggregates.

const buildSchema = "agg_build";

/** Connections for a rebuild on a server: one per core of this machine,
 * up to 8 (the dashboard's pool holds 10, and the rebuild also holds one
 * for its lock). Where the server has fewer cores than this machine, the
 * connections share them and the rebuild is no faster, not wrong. */
export function rebuildConnections(): number {
  return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/** The server can run several connections at once (the embedded
 * database has one). */
export async function canRebuildInParallel(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ server: boolean }>(
    db,
    sql`select (version() not ilike '%emscripten%'
      and version() not ilike '%wasm%') as server`,
  );

  return row?.server ?? false;
}

/** Rebuilds every aggregate with `connections` connections of the pool
 * `db` (outside any transaction). Null, with nothing done, when the
 * database user may not create the build schema: the caller then
 * rebuilds on one connection. */
export async function rebuildInParallel(
  db: Database,
  connections: number,
): Promise<AggregateRun | null> {
  const started = Date.now();
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
      const settings = await getSettings(tx);
      const [where] = await queryRows<{ schema: string }>(
        tx,
        sql`select current_schema() as schema`,
      );
      const schema = where?.schema ?? "public";
      const created = await timed("build tables", () =>
        createBuildTables(db, schema),
      );
      if (!created) return null;
      const [exported] = await queryRows<{ snapshot: string }>(
        tx,
        sql`select pg_export_snapshot() as snapshot`,
      );
      const snapshot = exported?.snapshot ?? "";
      const ranges = await splitLeads(tx, connections);

      await timed("facts", () =>
        allSettled(
          ranges.map((range) =>
            db.transaction(
              async (worker) => {
                await worker.execute(
                  sql.raw(`set transaction snapshot ${quoteLiteral(snapshot)}`),
                );
                await prepareBuildSession(worker, schema);
                await computeFacts(worker, range, settings, maintainedFacts);
              },
              { isolationLevel: "repeatable read" },
            ),
          ),
        ),
      );

      const indexes = await listIndexes(tx, aggregateTables, {
        schema,
        target: buildSchema,
      });
      const indexTable = (table: string) => async (worker: Database) => {
        for (const index of indexes.filter((entry) => entry.table === table))
          await worker.execute(sql.raw(index.create));
        await worker.execute(sql.raw(`analyze ${table}`));
      };
      const factTables: string[] = Object.values(factTableNames);
      // The cubes read only the facts, whose indexes are built meanwhile;
      // each cube gets its indexes as soon as it is filled.
      await timed("cubes", () =>
        inTurns(db, schema, connections, [
          indexTable(factTableNames.attempts),
          ...cubes.map((cube) => async (worker: Database) => {
            await timed(cube.table, () => worker.execute(buildCubeSql(cube)));
            await indexTable(cube.table)(worker);
          }),
          ...factTables
            .filter((table) => table !== factTableNames.attempts)
            .map(indexTable),
        ]),
      );
      await timed("swap", async () => {
        for (const index of indexes) {
          if (index.attach) await tx.execute(sql.raw(index.attach));
        }
        await swapIn(tx, schema);
      });
      await writeState(tx, settings, true);
      const [row] = await queryRows<{ leads: number }>(
        tx,
        sql`select count(*)::int as leads from agg_lead_facts`,
      );
      const run = {
        kind: "rebuild" as const,
        leads: row?.leads ?? 0,
        connections,
        ms: Date.now() - started,
      };
      log.info("rebuilt aggregates", run);

      return run;
    });
  } catch (error) {
    // Whatever was built is of no use; the current aggregates are intact.
    await db
      .execute(sql.raw(`drop schema if exists ${buildSchema} cascade`))
      .catch(() => {});
    throw error;
  }
}

// Empty copies of the aggregate tables, without their keys and indexes
// (built once filled), in a schema of their own. False when the user has
// no right to create a schema in this database.
async function createBuildTables(
  db: Database,
  schema: string,
): Promise<boolean> {
  try {
    await createBuildSchema(db, schema);

    return true;
  } catch (error) {
    if (sqlStateOf(error) !== "42501") throw error;
    log.warn("no right to create a schema: rebuilding on one connection");

    return false;
  }
}

async function createBuildSchema(db: Database, schema: string) {
  await db.transaction(async (setup) => {
    await setup.execute(
      sql.raw(`drop schema if exists ${buildSchema} cascade;
        create schema ${buildSchema}`),
    );
    for (const table of aggregateTables) {
      await setup.execute(
        sql.raw(`create table ${buildSchema}.${table}
          (like ${quoteIdent(schema)}.${table} including defaults)`),
      );
    }
  });
}

// Lead id ranges holding about as many leads each, from the primary key.
async function splitLeads(db: Database, parts: number): Promise<Scope[]> {
  const [total] = await queryRows<{ leads: number }>(
    db,
    sql`select count(*)::int as leads from leads`,
  );
  const bounds: number[] = [];
  for (let part = 1; part < parts; part += 1) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`select id from leads order by id
        offset ${Math.floor(((total?.leads ?? 0) * part) / parts)}::int8
        limit 1`,
    );
    if (row) bounds.push(Number(row.id));
  }
  const edges = [null, ...bounds, null];

  return edges.slice(0, -1).map((from, index) => ({
    from,
    to: edges[index + 1] ?? null,
  }));
}

// Statements without a schema name reach the build tables first, and the
// raw rows and settings in the application's schema after them.
async function prepareBuildSession(db: Database, schema: string) {
  await prepareRebuildSession(db);
  await db.execute(
    sql`select set_config('search_path', ${`${buildSchema}, ${quoteIdent(schema)}`}, true)`,
  );
}

// Runs `jobs` on `connections` connections, each taking the next job as it
// finishes one.
async function inTurns(
  db: Database,
  schema: string,
  connections: number,
  jobs: ((worker: Database) => Promise<unknown>)[],
) {
  const queue = [...jobs];
  // A transaction per job: its locks go as soon as it is done.
  const work = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const next = job;
      await db.transaction(async (worker) => {
        await prepareBuildSession(worker, schema);
        await next(worker);
      });
    }
  };
  await allSettled(
    Array.from({ length: Math.min(connections, jobs.length) }, work),
  );
}

// The new tables replace the current ones. Readers of the current tables
// finish first; readers after them wait for the commit.
async function swapIn(db: Database, schema: string) {
  const current = aggregateTables
    .map((table) => `${quoteIdent(schema)}.${table}`)
    .join(", ");
  await db.execute(sql.raw(`lock table ${current} in access exclusive mode`));
  await db.execute(sql.raw(`drop table ${current}`));
  for (const table of aggregateTables) {
    await db.execute(
      sql.raw(
        `alter table ${buildSchema}.${table} set schema ${quoteIdent(schema)}`,
      ),
    );
  }
  await db.execute(sql.raw(`drop schema ${buildSchema}`));
}

// Waits for every task, then fails with the first failure: no connection
// is left working on the build schema when the caller cleans it up.
async function allSettled(tasks: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
