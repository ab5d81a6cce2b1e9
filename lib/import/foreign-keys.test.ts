import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import { withSetBasedForeignKeys } from "./merge-attempts";
import { csvFile } from "./test-helpers";

async function readForeignKeys(connection: Connection) {
  return queryRows<{ name: string; definition: string }>(
    connection.db,
    sql`select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid = 'attempts'::regclass and contype = 'f'
    order by conname`,
  );
}

// Every index of attempts with its definition: a large first file drops
// all but the primary key and builds them again after its insert.
async function readIndexes(connection: Connection) {
  return queryRows<{ name: string; definition: string }>(
    connection.db,
    sql`select indexrelid::regclass::text as name,
      pg_get_indexdef(indexrelid) as definition
    from pg_index where indrelid = 'attempts'::regclass
    order by 1`,
  );
}

async function countAttempts(connection: Connection) {
  const [row] = await queryRows<{ count: number }>(
    connection.db,
    sql`select count(*)::int as count from attempts`,
  );

  return row?.count;
}

describe("a file large enough to check the foreign keys once", () => {
  // 50,000 attempts of 10,000 leads: the smallest file that takes the
  // set-based checks, and the first of its origin.
  const attempts = 50_000;
  let connection: Connection;
  let keysBefore: { name: string; definition: string }[];
  let indexesBefore: { name: string; definition: string }[];
  const attemptFile = () =>
    csvFile([
      "external_id,lead_external_id,started_at,outcome,agent,duration_seconds",
      ...Array.from(
        { length: attempts },
        (_, index) =>
          `A-${index},L-${index % 10_000},2026-03-02T10:${String(index % 60).padStart(2, "0")}:00Z,answered,agent-${index % 7},${index % 300}`,
      ),
    ]);
  beforeAll(async () => {
    connection = await createTestConnection();
    await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: csvFile([
        "external_id,source",
        ...Array.from({ length: 10_000 }, (_, index) => `L-${index},Web`),
      ]),
    });
    keysBefore = await readForeignKeys(connection);
    indexesBefore = await readIndexes(connection);
  });
  afterAll(() => connection.close());

  it("counts a dry run's inserts and leaves no row and the same keys", async () => {
    const summary = await importFile(connection.db, {
      preset: "attempts",
      fileName: "Attempts.csv",
      input: attemptFile(),
      dryRun: true,
    });

    expect([summary.inserted, summary.updated, summary.unchanged]).toEqual([
      50_000, 0, 0,
    ]);
    expect(await countAttempts(connection)).toBe(0);
    expect(await readForeignKeys(connection)).toEqual(keysBefore);
  });

  it("inserts every row, then finds them all unchanged when the file comes again", async () => {
    const first = await importFile(connection.db, {
      preset: "attempts",
      fileName: "Attempts.csv",
      input: attemptFile(),
    });
    const again = await importFile(connection.db, {
      preset: "attempts",
      fileName: "Attempts.csv",
      input: attemptFile(),
    });

    expect([first.inserted, first.updated, first.unchanged]).toEqual([
      50_000, 0, 0,
    ]);
    expect([again.inserted, again.updated, again.unchanged]).toEqual([
      0, 0, 50_000,
    ]);
    expect(await countAttempts(connection)).toBe(50_000);
    expect(await readForeignKeys(connection)).toEqual(keysBefore);
    // The primary key, the unique (origin, external id) the second import
    // found its rows by, and the three on lead, start and agent.
    expect(indexesBefore.map((index) => index.name)).toEqual([
      "attempts_agent",
      "attempts_lead_started",
      "attempts_origin_external_id",
      "attempts_pkey",
      "attempts_started",
    ]);
    expect(await readIndexes(connection)).toEqual(indexesBefore);
    const [lead] = await queryRows<{ attempts: number; agent: string }>(
      connection.db,
      sql`select count(*)::int as attempts, min(ag.external_id) as agent
      from attempts a join leads l on l.id = a.lead_id
      join agents ag on ag.id = a.agent_id
      where l.external_id = 'L-7'`,
    );
    // A-7, A-10007, ... A-40007: five attempts, of agents 0, 4, 1, 5, 2.
    expect(lead).toEqual({ attempts: 5, agent: "agent-0" });
  });
});

describe("checking attempts' foreign keys once for a large merge", () => {
  let connection: Connection;
  let keysBefore: { name: string; definition: string }[];
  beforeAll(async () => {
    connection = await createTestConnection();
    await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: csvFile(["external_id,source", "L-1,Web"]),
    });
    keysBefore = await readForeignKeys(connection);
  });
  afterAll(() => connection.close());

  it("has the four keys it drops and adds back", () => {
    expect(keysBefore.map((key) => key.definition)).toEqual([
      "FOREIGN KEY (agent_id) REFERENCES agents(id)",
      "FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE SET NULL",
      "FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE",
      "FOREIGN KEY (template_id) REFERENCES templates(id)",
    ]);
  });

  it("writes valid rows and leaves the same keys, checked, in place", async () => {
    await connection.db.transaction(async (tx) => {
      await withSetBasedForeignKeys(
        tx,
        1,
        async () => {
          expect(
            await queryRows(
              tx,
              sql`select 1 from pg_constraint
              where conrelid = 'attempts'::regclass and contype = 'f'`,
            ),
          ).toEqual([]);
          await tx.execute(sql`insert into attempts
            (origin, external_id, lead_id, channel, direction, started_at)
            select 'csv', 'A-1', id, 'call', 'outbound', now() from leads`);
        },
        { from: 1 },
      );
    });

    expect(await readForeignKeys(connection)).toEqual(keysBefore);
    expect(await countAttempts(connection)).toBe(1);
  });

  it("fails the transaction when a row names a lead that does not exist, and keeps the keys", async () => {
    const run = connection.db.transaction(async (tx) => {
      await withSetBasedForeignKeys(
        tx,
        1,
        () =>
          tx.execute(sql`insert into attempts
            (origin, external_id, lead_id, channel, direction, started_at)
            values ('csv', 'A-2', 999999, 'call', 'outbound', now())`),
        { from: 1 },
      );
    });

    await expect(run).rejects.toThrow();
    expect(await readForeignKeys(connection)).toEqual(keysBefore);
    expect(await countAttempts(connection)).toBe(1);
  });

  // PGlite has one connection: no other transaction can hold a lock there.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    "checks row by row, without waiting, while another transaction holds one of the tables",
    async () => {
      const pg = connection.pg;
      if (!pg) throw new Error("expected PostgreSQL");
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      const other = pg.begin(async (tx) => {
        await tx`lock table imports in access share mode`;
        taken();
        await held;
      });
      await lockTaken;
      const seen: [boolean, number][] = [];
      try {
        await connection.db.transaction(async (tx) => {
          await withSetBasedForeignKeys(
            tx,
            1,
            async (exclusive) => {
              const keys = await queryRows(
                tx,
                sql`select 1 from pg_constraint
                where conrelid = 'attempts'::regclass and contype = 'f'`,
              );
              seen.push([exclusive, keys.length]);
            },
            { from: 1 },
          );
          const [timeout] = await queryRows<{ value: string }>(
            tx,
            sql`select current_setting('lock_timeout') as value`,
          );
          expect(timeout?.value).toBe("0");
        });
      } finally {
        release();
        await other;
      }

      expect(seen).toEqual([[false, 4]]);
      expect(await readForeignKeys(connection)).toEqual(keysBefore);
    },
  );

  it("checks row by row below the threshold or when the stage is small against the table", async () => {
    const sizes: number[] = [];
    await connection.db.transaction(async (tx) => {
      // 1 + 250 attempts stored: 62 staged rows are under a quarter of them.
      await tx.execute(sql`insert into attempts
        (origin, external_id, lead_id, channel, direction, started_at)
        select 'csv', 'B-' || n, (select id from leads), 'call', 'outbound', now()
        from generate_series(1, 250) n`);
      for (const staged of [10, 100, 62, 63]) {
        await withSetBasedForeignKeys(
          tx,
          staged,
          async () => {
            const keys = await queryRows(
              tx,
              sql`select 1 from pg_constraint
              where conrelid = 'attempts'::regclass and contype = 'f'`,
            );
            sizes.push(keys.length);
          },
          { from: 50 },
        );
      }
    });

    expect(sizes).toEqual([4, 0, 4, 0]);
    // The transaction committed: its keys are the same, its rows in.
    expect(await readForeignKeys(connection)).toEqual(keysBefore);
    expect(await countAttempts(connection)).toBe(251);
  });
});
