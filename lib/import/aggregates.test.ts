import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { areAggregatesCurrent } from "@/lib/aggregates";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { getSettings } from "@/lib/settings";
import { importFile } from "./index";
import { undoImport } from "./undo";
import { clearImports, csvFile } from "./test-helpers";

// An import that touches more than a quarter of all leads rebuilds the
// aggregates after it commits; a smaller one refreshes them inside its
// transaction. Either way the run returns with the aggregates current and
// holding its rows.
describe("the aggregates after an import", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  async function importLeads(lines: string[]) {
    const phases: string[] = [];
    const summary = await importFile(connection.db, {
      preset: "leads",
      fileName: "leads.csv",
      origin: "crm",
      input: csvFile(["external_id,source,created_at,time_zone", ...lines]),
      onPhase: (phase) => phases.push(phase),
    });

    return { phases, importId: summary.importId };
  }

  const lead = (id: string) => `${id},Web,2026-03-02T10:00:00Z,Europe/Madrid`;

  async function readFacts() {
    const rows = await queryRows<{ id: string }>(
      connection.db,
      sql`select l.external_id as id from agg_lead_facts f
      join leads l on l.id = f.lead_id order by l.external_id`,
    );

    return rows.map((row) => row.id);
  }

  async function isCurrent() {
    return areAggregatesCurrent(
      connection.db,
      await getSettings(connection.db),
    );
  }

  it("rebuilds after the commit when the run touches most leads", async () => {
    // 3 new leads of 3 in all: 3 × 4 > 3, a rebuild.
    const { phases } = await importLeads([lead("L1"), lead("L2"), lead("L3")]);

    expect(phases.indexOf("aggregates")).toBeGreaterThan(
      phases.indexOf("commit"),
    );
    expect(phases.indexOf("commit")).toBeGreaterThan(0);
    expect(await isCurrent()).toBe(true);
    expect(await readFacts()).toEqual(["L1", "L2", "L3"]);
  });

  it("refreshes inside the run when it touches a quarter of the leads or fewer", async () => {
    await importLeads(["L1", "L2", "L3", "L4"].map(lead));
    // 1 new lead of 5 in all: 1 × 4 ≤ 5, a refresh before the commit.
    const { phases } = await importLeads([lead("L5")]);

    expect(phases.indexOf("aggregates")).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf("aggregates")).toBeLessThan(phases.indexOf("commit"));
    expect(await isCurrent()).toBe(true);
    expect(await readFacts()).toEqual(["L1", "L2", "L3", "L4", "L5"]);
  });

  it("follows an undo: rebuilt after it past a quarter of the leads, refreshed inside it otherwise", async () => {
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')
      on conflict (id) do nothing`);
    await importLeads(["L1", "L2", "L3", "L4"].map(lead));
    const two = await importLeads([lead("L5"), lead("L6")]);
    // 2 leads removed, 4 left: 2 × 4 > 4, rebuilt after the undo commits.
    await undoImport(connection.db, 1, two.importId);
    const afterRebuild = [await isCurrent(), await readFacts()];
    const one = await importLeads([lead("L7")]);
    // 1 lead removed, 4 left: 1 × 4 ≤ 4, refreshed inside the undo.
    await undoImport(connection.db, 1, one.importId);

    expect(afterRebuild).toEqual([true, ["L1", "L2", "L3", "L4"]]);
    expect(await isCurrent()).toBe(true);
    expect(await readFacts()).toEqual(["L1", "L2", "L3", "L4"]);
  });

  it("rebuilds inside a caller's transaction when the run is part of one", async () => {
    await connection.db.transaction(async (tx) => {
      await importFile(tx, {
        preset: "leads",
        fileName: "leads.csv",
        origin: "crm",
        input: csvFile([
          "external_id,source,created_at,time_zone",
          lead("L1"),
          lead("L2"),
        ]),
      });
    });

    expect(await isCurrent()).toBe(true);
    expect(await readFacts()).toEqual(["L1", "L2"]);
  });
});
