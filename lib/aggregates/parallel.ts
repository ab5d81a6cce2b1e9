import os from "node:os";
import { sql } from "drizzle-orm";
import { type Database, queryRows, quoteIdentifier } from "@/lib/db";
import { listIndexes, onServerSql } from "@/lib/db/indexes";
import { sqlStateOf } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import {
  type AggregateRun,
  aggregateTables,
  computeFacts,
  aggregateSchema,
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

const buildSchema = "reachboard_agg_build";
// The lock of the transactions that work in the build schema (guardBuild).
const buildKey = lockKey + 1;

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
    sql`select ${onServerSql} as server`,
  );

  return row?.server ?? false;
}

/** Rebuilds every aggregate with `connections` connections of the pool
 * `db` (outside any transaction). Null, with nothing done, when the
 * current tables cannot simply be replaced (see cannotReplace) or the
 * database user may not create the build schema: the caller then
 * rebuilds on one connection. */
export async function rebuildInParallel(
  db: Database,
  connections: number,
): Promise<AggregateRun | null> {
  const started = Date.now();

  return db.transaction(async (tx) => {
    // This transaction waits for the lock and then holds it, idle, while
    // the other connections work: a server's limit on idle transactions
    // must not end it.
    await tx.execute(
      sql`select set_config('idle_in_transaction_session_timeout', '0', true)`,
    );
    const [locked] = await queryRows<{ holder: number }>(
      tx,
      sql`select pg_backend_pid() as holder from
        (select pg_advisory_xact_lock(${lockKey})) l`,
    );
    const holder = locked?.holder ?? 0;
    const settings = await getSettings(tx);
    const schema = await aggregateSchema(tx);
    const reason = await cannotReplace(tx, schema);
    if (reason) {
      log.warn("rebuilding on one connection", { reason });

      return null;
    }
    if (!(await createBuildTables(db, schema, holder))) return null;

    // From here the build schema is this rebuild's, and only this
    // transaction, which holds the lock, drops it again on failure: a
    // rebuild still waiting for the lock must not touch it.
    try {
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
                await prepareBuildSession(worker, schema, holder);
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
        await worker.execute(sql.raw(`analyze ${buildSchema}.${table}`));
      };
      const factTables: string[] = Object.values(factTableNames);
      // The cubes read only the facts, whose indexes are built meanwhile;
      // each cube gets its indexes as soon as it is filled.
      await timed("cubes", () =>
        inTurns(db, schema, holder, connections, [
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

      // In a savepoint, so that a failure releases the locks it took
      // and the build schema can be dropped before the lock is given up.
      const leads = await timed("swap", () =>
        tx.transaction(async (swap) => {
          for (const index of indexes) {
            if (index.attach) await swap.execute(sql.raw(index.attach));
          }
          await swapIn(swap, schema);
          await writeState(swap, settings, true);
          const [row] = await queryRows<{ leads: number }>(
            swap,
            sql`select count(*)::int as leads from agg_lead_facts`,
          );

          return row?.leads ?? 0;
        }),
      );
      const run = {
        kind: "rebuild" as const,
        leads,
        connections,
        ms: Date.now() - started,
      };
      log.info("rebuilt aggregates", run);

      return run;
    } catch (error) {
      // Whatever was built is of no use; the current aggregates are intact.
      await dropBuildTables(db, holder).catch(() => {});
      throw error;
    }
  });
}

// Why the current tables cannot simply be dropped and replaced by new ones
// owned by this user, or null. Only plain tables are replaced: owned by
// this user, with grants on the whole table (carried over by swapIn) and
// nothing else: no other object depending on them or their row types
// (views, functions, foreign keys, columns of their type, triggers,
// policies, statistics objects, publications), no row security, storage
// options, column grants or statistics targets, no comments, and the
// owner's own rights intact. Anything of the kind stays as it is with the
// one-connection rebuild, which empties the tables instead.
async function cannotReplace(
  db: Database,
  schema: string,
): Promise<string | null> {
  const names = sql.join(
    aggregateTables.map((table) => sql`${table}`),
    sql`, `,
  );
  const [row] = await queryRows<{ reason: string | null }>(
    db,
    sql`with t as (
      select c.oid, c.relname, c.relowner, c.reltype, c.relacl,
        c.relrowsecurity, c.reloptions
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema}::text and c.relname in (${names})
    )
    select coalesce(
      (select t.relname || ' belongs to another user' from t
        where t.relowner <> (select oid from pg_roles
          where rolname = current_user)
        limit 1),
      (select t.relname || ' has ' || pg_describe_object(d.classid, d.objid,
          d.objsubid) || ' depending on it'
        from t join pg_depend d on d.refobjid in (t.oid, t.reltype)
        where not (d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i'))
          and not (d.classid = 'pg_type'::regclass and d.deptype = 'i')
          and not (d.classid = 'pg_attrdef'::regclass and d.deptype = 'a')
          and not (d.classid = 'pg_constraint'::regclass and exists (
            select 1 from pg_constraint k
            where k.oid = d.objid and k.contype = 'p'))
        limit 1),
      (select t.relname || ' has row security or storage options' from t
        where t.relrowsecurity or t.reloptions is not null limit 1),
      (select t.relname || ' has column grants or statistics targets'
        from t join pg_attribute a on a.attrelid = t.oid
        where a.attnum > 0 and (a.attacl is not null or a.attstattarget <> -1)
        limit 1),
      (select t.relname || ' has a comment'
        from t join pg_description c on c.objoid = t.oid
          and c.classoid = 'pg_class'::regclass
        limit 1),
      (select t.relname || ' has its owner''s rights revoked' from t
        where t.relacl is not null and (select count(*) from aclexplode(t.relacl) a
          where a.grantee = t.relowner) < 7
        limit 1)
    ) as reason`,
  );

  return row?.reason ?? null;
}

// Empty copies of the aggregate tables, without their keys and indexes
// (built once filled), in a schema of their own, unlogged where the
// current ones are (as the migrations make them). False when the user has
// no right to create a schema in this database.
async function createBuildTables(
  db: Database,
  schema: string,
  holder: number,
): Promise<boolean> {
  try {
    await dropBuildTables(db, holder);
    const unlogged = new Set(
      (
        await queryRows<{ table: string }>(
          db,
          sql`select c.relname as table from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = ${schema} and c.relpersistence = 'u'`,
        )
      ).map((row) => row.table),
    );
    await db.transaction(async (setup) => {
      await setup.execute(sql.raw(`create schema ${buildSchema}`));
      for (const table of aggregateTables) {
        const kind = unlogged.has(table) ? "unlogged table" : "table";
        await setup.execute(
          sql.raw(`create ${kind} ${buildSchema}.${table}
            (like ${quoteIdentifier(schema)}.${table} including defaults)`),
        );
      }
    });

    return true;
  } catch (error) {
    if (sqlStateOf(error) !== "42501") throw error;
    log.warn("rebuilding on one connection", {
      reason: "no right to create a schema",
    });

    return false;
  }
}

// Drops what a rebuild left in the build schema, then the schema: only
// the aggregate tables, so that anything else found there (not
// Reachboard's) stops the rebuild with PostgreSQL's error naming it; the
// tables are gone by then all the same. First it waits for every
// transaction still working there (a rebuild whose lock holder died may
// have some left, see guardBuild).
async function dropBuildTables(db: Database, holder: number) {
  const dropped = await db.transaction(async (cleanup) => {
    await cleanup.execute(sql`select pg_advisory_xact_lock(${buildKey})`);
    // A rebuild whose lock holder died leaves the cleaning to the next one,
    // which may be building there already.
    if (!(await holdsLock(cleanup, holder))) return false;
    for (const table of aggregateTables) {
      await cleanup.execute(
        sql.raw(`drop table if exists ${buildSchema}.${table}`),
      );
    }

    return true;
  });
  if (dropped) {
    await db.execute(sql.raw(`drop schema if exists ${buildSchema}`));
  }
}

// Backend `holder` holds the writers' lock (a bigint advisory key is
// classid 0, objid the key and objsubid 1 in pg_locks).
async function holdsLock(db: Database, holder: number): Promise<boolean> {
  const [row] = await queryRows<{ holds: boolean }>(
    db,
    sql`select exists (select 1 from pg_locks
      where locktype = 'advisory' and pid = ${holder}::int and granted
        and classid = 0 and objid = ${lockKey}::int and objsubid = 1)
      as holds`,
  );

  return row?.holds ?? false;
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

// Every transaction working in the build schema first takes the build
// lock shared, and checks that its rebuild's lock holder (backend
// `holder`) still holds the writers' lock. A rebuild whose holder died
// (its connection ended) must write nothing more: the next rebuild takes
// the build lock exclusively before it drops and creates the build
// tables, so it waits for those transactions to end, and any that start
// later stop here. Without this a job could write into the next rebuild's
// tables, or, once they are dropped, into the current ones.
async function guardBuild(db: Database, holder: number) {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${buildKey})`);
  if (!(await holdsLock(db, holder))) {
    throw new Error("the rebuild's lock holder has gone");
  }
}

// Statements without a schema name reach the build tables first, and the
// raw rows and settings in the application's schema after them.
async function prepareBuildSession(
  db: Database,
  schema: string,
  holder: number,
) {
  await guardBuild(db, holder);
  await prepareRebuildSession(db);
  // The rebuild's connections keep every core busy already; parallel
  // workers of their statements would only take turns with them.
  await db.execute(
    sql`select set_config('search_path', ${`${buildSchema}, ${quoteIdentifier(schema)}`}, true),
      set_config('max_parallel_workers_per_gather', '0', true)`,
  );
}

// Runs `jobs` on `connections` connections, each taking the next job as it
// finishes one.
async function inTurns(
  db: Database,
  schema: string,
  holder: number,
  connections: number,
  jobs: ((worker: Database) => Promise<unknown>)[],
) {
  const queue = [...jobs];
  // A transaction per job: its locks go as soon as it is done.
  const work = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const next = job;
      await db.transaction(async (worker) => {
        await prepareBuildSession(worker, schema, holder);
        await next(worker);
      });
    }
  };
  await allSettled(
    Array.from({ length: Math.min(connections, jobs.length) }, work),
  );
}

// The new tables replace the current ones, with the grants the current
// ones had. Readers of the current tables finish first; readers after
// them wait for the commit.
async function swapIn(db: Database, schema: string) {
  const current = aggregateTables
    .map((table) => `${quoteIdentifier(schema)}.${table}`)
    .join(", ");
  await db.execute(sql.raw(`lock table ${current} in access exclusive mode`));
  const grants = await queryRows<{ grant: string }>(
    db,
    sql`select format('grant %s on %I.%I to %s%s', a.privilege_type,
        ${buildSchema}::text, c.relname,
        case when a.grantee = 0 then 'public'
          else quote_ident(pg_get_userbyid(a.grantee)) end,
        case when a.is_grantable then ' with grant option' else '' end)
        as grant
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral aclexplode(c.relacl) a
    where n.nspname = ${schema}::text
      and c.relname in (${sql.join(
        aggregateTables.map((table) => sql`${table}`),
        sql`, `,
      )})
      and a.grantee <> c.relowner`,
  );
  for (const { grant } of grants) await db.execute(sql.raw(grant));
  await db.execute(sql.raw(`drop table ${current}`));
  for (const table of aggregateTables) {
    await db.execute(
      sql.raw(
        `alter table ${buildSchema}.${table} set schema ${quoteIdentifier(schema)}`,
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

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
