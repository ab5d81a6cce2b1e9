import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, type Database, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/demo/seed";
import { cubes } from "./cubes";
import { rebuildAggregates, refreshAggregates } from "./refresh";
import { areAggregatesCurrent } from "./state";
import { getSettings } from "@/lib/settings";

const tables = [
  "agg_lead_facts",
  "agg_attempt_facts",
  "agg_recovery_channels",
  "agg_recovery_templates",
  ...cubes.map((cube) => cube.table),
];

// Every row of every aggregate table, in a fixed order.
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql.raw(`select row_to_json(t)::text as row from ${table} t order by 1`),
    );
    result[table] = rows.map((entry) => entry.row);
  }

  return result;
}

async function idsOf(db: Database, query: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql.raw(query));

  return rows.map((row) => row.id);
}

// The demo data arrives again in four slices of time, each with the leads
// created and the attempts started before its end, as imports and the API
// would bring them; then some leads and attempts change and a few leads
// go away.
describe("refreshAggregates", () => {
  let connection: Connection;
  let incremental: Record<string, string[]>;
  let rebuilt: Record<string, string[]>;
  let rebuiltInParallel: Record<string, string[]>;
  let parallelRun: { kind: string; connections: number };
  let convertedByFlag: number;
  const runs: { kind: string; leads: number }[] = [];

  beforeAll(async () => {
    connection = await createTestConnection();
    const db = connection.db;
    await seedDemo(connection, { leads: 1500, today: "2026-12-04" });
    await db.execute(sql`create table held_leads as select * from leads`);
    await db.execute(sql`create table held_attempts as select * from attempts`);
    await db.execute(sql`delete from attempts`);
    await db.execute(sql`delete from leads`);
    runs.push(await rebuildAggregates(db, { vacuum: true }));

    for (const until of [
      "2026-09-20",
      "2026-10-25",
      "2026-11-20",
      "2027-01-01",
    ]) {
      const leadIds = await idsOf(
        db,
        `insert into leads select h.* from held_leads h
        where coalesce(h.created_at, '2026-12-31') < '${until}'
          and not exists (select 1 from leads l where l.id = h.id)
        returning id`,
      );
      const attemptLeads = await idsOf(
        db,
        `insert into attempts select h.* from held_attempts h
        where h.started_at < '${until}'
          and exists (select 1 from leads l where l.id = h.lead_id)
          and not exists (select 1 from attempts a where a.id = h.id)
        returning lead_id as id`,
      );
      runs.push(
        await refreshAggregates(db, { leadIds: [...leadIds, ...attemptLeads] }),
      );
    }

    const changed = await idsOf(
      db,
      `update leads set consent_sms = not coalesce(consent_sms, false),
        converted = not converted, disposition_code = null
      where id % 17 = 0 returning id`,
    );
    const delivered = await idsOf(
      db,
      `update attempts set message_status = 'read', read_at = started_at
      where channel <> 'call' and id % 5 = 0 returning lead_id as id`,
    );
    // Sales known only from the "venta" code, on the lead or a message.
    const coded = await idsOf(
      db,
      `update leads set disposition_code = 'venta'
      where id % 19 = 0 returning id`,
    );
    const sold = await idsOf(
      db,
      `update attempts set disposition_code = 'venta'
      where channel <> 'call' and id % 7 = 0 returning lead_id as id`,
    );
    const [first, second] = await idsOf(
      db,
      `select id from leads where person_id is not null order by id limit 2`,
    );
    const regrouped = await idsOf(
      db,
      `update leads set person_id = (select person_id from leads
        where id = ${second ?? 0}), is_duplicate = true
      where id = ${first ?? 0} returning id`,
    );
    const removed = await idsOf(
      db,
      `delete from leads where id % 23 = 0 returning id`,
    );
    runs.push(
      await refreshAggregates(db, {
        leadIds: [
          ...changed,
          ...delivered,
          ...coded,
          ...sold,
          ...regrouped,
          ...removed,
        ],
      }),
    );

    const [flagged] = await queryRows<{ leads: number }>(
      db,
      sql`select count(*)::int as leads from leads
      where converted or converted_at is not null`,
    );
    convertedByFlag = flagged?.leads ?? 0;
    incremental = await snapshot(db);
    await rebuildAggregates(db);
    rebuilt = await snapshot(db);
    parallelRun = await rebuildAggregates(db, { connections: 2 });
    rebuiltInParallel = await snapshot(db);
  });
  afterAll(() => connection.close());

  it("refreshes incrementally once the aggregates exist", () => {
    expect(runs.map((run) => run.kind)).toEqual([
      "rebuild",
      "refresh",
      "refresh",
      "refresh",
      "refresh",
      "refresh",
    ]);
    expect(runs[0]?.leads).toBe(0);
  });

  it("leaves every aggregate table exactly as a full rebuild does", () => {
    for (const table of tables) {
      expect({ table, rows: incremental[table] }).toEqual({
        table,
        rows: rebuilt[table],
      });
    }
    expect(rebuilt.agg_lead_facts?.length).toBeGreaterThan(1400);
    expect(rebuilt.agg_attempt_facts?.length).toBeGreaterThan(3000);
    expect(
      rebuilt.agg_lead_facts?.filter((row) => row.includes('"converted":true'))
        .length,
    ).toBeGreaterThan(convertedByFlag);
  });

  // PostgreSQL splits the rebuild over two connections; the embedded
  // database has one, and rebuilds on it as before.
  it("gives the same aggregates when the rebuild is split over connections", async () => {
    expect(parallelRun).toMatchObject({
      kind: "rebuild",
      connections: connection.kind === "postgres" ? 2 : 1,
    });
    for (const table of tables) {
      expect({ table, rows: rebuiltInParallel[table] }).toEqual({
        table,
        rows: rebuilt[table],
      });
    }
    // The new tables replaced the old ones with every key and index the
    // schema declares, and nothing of the build is left behind.
    const indexes = await queryRows<{ name: string; primary: boolean }>(
      connection.db,
      sql`select i.relname as name, x.indisprimary as primary
      from pg_index x join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      where t.relname = 'agg_lead_facts' order by 1`,
    );
    expect(indexes).toEqual([
      { name: "agg_lead_facts_day", primary: false },
      { name: "agg_lead_facts_pkey", primary: true },
      { name: "agg_lead_facts_speed", primary: false },
    ]);
    const [left] = await queryRows<{ schemas: number }>(
      connection.db,
      sql`select count(*)::int as schemas from pg_namespace
      where nspname = 'reachboard_agg_build'`,
    );
    expect(left?.schemas).toBe(0);
    // Each cube lies in the order of its key, so that a range of days is
    // read from few pages: no row comes before the one physically
    // preceding it.
    for (const cube of cubes) {
      const keys = cube.keys.join(", ");
      const [order] = await queryRows<{ rows: number; misplaced: number }>(
        connection.db,
        sql.raw(`select count(*)::int as rows,
          count(*) filter (where k < before)::int as misplaced
        from (select row(${keys}) as k,
          lag(row(${keys})) over (order by ctid) as before
          from ${cube.table}) t`),
      );
      expect({ table: cube.table, misplaced: order?.misplaced }).toEqual({
        table: cube.table,
        misplaced: 0,
      });
      if (cube.table === "agg_lead_cells") {
        expect(order?.rows).toBeGreaterThan(100);
      }
    }
    // Unlogged as the migrations made them: 14 tables with agg_state.
    const persistence = await queryRows<{ kind: string; tables: number }>(
      connection.db,
      sql`select c.relpersistence as kind, count(*)::int as tables
      from pg_class c where c.relkind = 'r' and c.relname like 'agg\_%'
      group by 1`,
    );
    expect(persistence).toEqual([{ kind: "u", tables: tables.length + 1 }]);
  });

  // What the current tables carry beyond their rows: grants, dependants,
  // the schema they are in, and a build a killed process left behind.
  it.skipIf(!env.DATABASE_URL)(
    "keeps grants, leaves views alone and finds its tables in any schema (PostgreSQL)",
    async () => {
      const db = connection.db;
      const rebuild = () => rebuildAggregates(db, { connections: 2 });
      const grantsOnCells = async () => {
        const [row] = await queryRows<{ acl: string | null }>(
          db,
          sql`select relacl::text as acl from pg_class
          where oid = 'agg_lead_cells'::regclass`,
        );

        return row?.acl ?? null;
      };

      // A build schema left by a killed rebuild, with its empty tables.
      await db.execute(sql`create schema reachboard_agg_build`);
      await db.execute(
        sql`create table reachboard_agg_build.agg_lead_cells (like agg_lead_cells)`,
      );
      await db.execute(sql`grant select on agg_lead_cells to public`);
      expect(await grantsOnCells()).toContain("=r/");
      expect(await rebuild()).toMatchObject({ connections: 2 });
      expect(await grantsOnCells()).toContain("=r/");
      expect(await snapshot(db)).toEqual(rebuilt);

      // A view reading a cube: dropping the cube would fail, so the
      // rebuild runs on one connection and the view stays.
      await db.execute(
        sql`create view cells_report as select day, leads from agg_lead_cells`,
      );
      expect(await rebuild()).toMatchObject({ connections: 1 });
      await db.execute(sql`drop view cells_report`);
      // So with a function whose body reads one, row security or a comment:
      // new tables would lose them.
      await db.execute(sql`create function cells_total() returns bigint
        language sql begin atomic select count(*) from agg_lead_cells; end`);
      expect(await rebuild()).toMatchObject({ connections: 1 });
      await db.execute(sql`drop function cells_total`);
      await db.execute(
        sql`alter table agg_lead_cells enable row level security`,
      );
      expect(await rebuild()).toMatchObject({ connections: 1 });
      await db.execute(
        sql`alter table agg_lead_cells disable row level security`,
      );
      await db.execute(sql`comment on table agg_lead_cells is 'cells'`);
      expect(await rebuild()).toMatchObject({ connections: 1 });
      await db.execute(sql`comment on table agg_lead_cells is null`);
      expect(await rebuild()).toMatchObject({ connections: 2 });

      // A schema named after the user comes first on the default search
      // path, holding nothing: the tables are still found where they are.
      const [user] = await queryRows<{ name: string }>(
        db,
        sql`select current_user as name`,
      );
      const own = sql.raw(`"${user?.name ?? ""}"`);
      await db.execute(sql`create schema ${own}`);
      try {
        expect(await rebuild()).toMatchObject({ connections: 2 });
      } finally {
        await db.execute(sql`drop schema ${own}`);
      }
      expect(await snapshot(db)).toEqual(rebuilt);
    },
  );

  it("stops answering from the aggregates when the settings change", async () => {
    const db = connection.db;
    expect(await areAggregatesCurrent(db, await getSettings(db))).toBe(true);

    await db.execute(sql`update settings set contact_window_days = 3`);
    expect(await areAggregatesCurrent(db, await getSettings(db))).toBe(false);

    const run = await refreshAggregates(db, { leadIds: [] });
    expect(run.kind).toBe("rebuild");
    expect(await areAggregatesCurrent(db, await getSettings(db))).toBe(true);
  });
});
