import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { getSourceComparison } from "@/lib/metrics/sources";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { listSourceCosts, updateSourceCosts } from "./source-costs";

// Report currency EUR, 1 USD = 0.9 EUR, no GBP rate. Leads created
// 2 March 2026:
//   Web  w1 answered at once (contacted), w2 nothing done
//   Ads  a1 answered at once (contacted)
//   Fair f1 nothing done
const created = new Date("2026-03-02T09:00:00Z");

function call(lead: string): FixtureAttempt {
  return {
    lead,
    at: "2026-03-02T09:05:00Z",
    channel: "call",
    direction: "outbound",
    outcome: "answered",
  };
}

describe("the sources' costs per lead", () => {
  let connection: Connection;
  let ids: Record<string, number>;

  const costs = async () =>
    Object.fromEntries(
      (
        await getSourceComparison(
          connection.db,
          parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" }),
        )
      ).sources.map((row) => [row.source, row.cost]),
    );
  const audits = async () =>
    (
      await queryRows<{ details: string }>(
        connection.db,
        sql`select details::text as details from audit_log order by id`,
      )
    ).map((row) => JSON.parse(row.details) as unknown);

  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    await insertFixture(connection.db, {
      settings: { currencyRates: { EUR: 1, USD: 0.9 } },
      leads: [
        { key: "w1", source: "Web", createdAt: created },
        { key: "w2", source: "Web", createdAt: created },
        { key: "a1", source: "Ads", createdAt: created },
        { key: "f1", source: "Fair", createdAt: created },
      ],
      attempts: [call("w1"), call("a1")],
    });
    ids = Object.fromEntries(
      (await listSourceCosts(connection.db)).map((row) => [row.name, row.id]),
    );
  });
  afterAll(() => connection.close());

  it("saves costs that the source figures then read, audited, rebuilding nothing", async () => {
    const [builtBefore] = await queryRows<{ at: string }>(
      connection.db,
      sql`select built_at::text as at from agg_state where id = 1`,
    );
    expect((await costs()).Web).toEqual({
      status: "unknown",
      perLeadMinor: null,
      perContactedLeadMinor: null,
    });

    const result = await updateSourceCosts(connection.db, 1, [
      { id: ids.Web ?? 0, amount: "35.50", currency: "" },
      { id: ids.Ads ?? 0, amount: "3", currency: " usd " },
      { id: ids.Fair ?? 0, amount: "", currency: "EUR" },
    ]);
    const [builtAfter] = await queryRows<{ at: string }>(
      connection.db,
      sql`select built_at::text as at from agg_state where id = 1`,
    );

    const changes = {
      Web: {
        cost_per_lead_minor: { from: null, to: 3550 },
        cost_currency: { from: null, to: "EUR" },
      },
      Ads: {
        cost_per_lead_minor: { from: null, to: 300 },
        cost_currency: { from: null, to: "USD" },
      },
    };
    expect(result).toEqual({ ok: true, changes });
    expect(await audits()).toEqual([{ setting: "source_costs", changes }]);
    expect(
      (await listSourceCosts(connection.db)).map((row) => [
        row.name,
        row.costPerLeadMinor,
        row.costCurrency,
      ]),
    ).toEqual([
      ["Ads", 300, "USD"],
      ["Fair", null, null],
      ["Web", 3550, "EUR"],
    ]);
    // Web: 35.50 EUR a lead; 2 leads, 1 contacted: 71.00 EUR a contacted
    // lead. Ads: 3.00 USD × 0.9 = 2.70 EUR a lead, its 1 lead contacted.
    const after = await costs();
    expect(after.Web).toEqual({
      status: "ok",
      perLeadMinor: 3550,
      perContactedLeadMinor: 7100,
    });
    expect(after.Ads).toEqual({
      status: "ok",
      perLeadMinor: 270,
      perContactedLeadMinor: 270,
    });
    expect(after.Fair?.status).toBe("unknown");
    expect(builtAfter).toEqual(builtBefore);
  });

  it("writes nothing when a row is wrong, and names each wrong field", async () => {
    const result = await updateSourceCosts(connection.db, 1, [
      { id: ids.Web ?? 0, amount: "40", currency: "EUR" },
      { id: ids.Ads ?? 0, amount: "2.555", currency: "USD" },
      { id: ids.Fair ?? 0, amount: "-1", currency: "GBP" },
    ]);

    expect(result).toEqual({
      ok: false,
      fields: {
        [`${ids.Ads}.amount`]: "At most 2 decimals in USD.",
        [`${ids.Fair}.currency`]:
          "GBP has no rate in the currency rates, so the cost cannot be converted to EUR: add a rate or use EUR.",
        [`${ids.Fair}.amount`]: "A cost cannot be negative.",
      },
    });
    expect(
      (await listSourceCosts(connection.db)).map((row) => [
        row.name,
        row.costPerLeadMinor,
        row.costCurrency,
      ]),
    ).toEqual([
      ["Ads", 300, "USD"],
      ["Fair", null, null],
      ["Web", 3550, "EUR"],
    ]);
    expect(await audits()).toHaveLength(1);
  });

  it("makes a cleared cost unknown", async () => {
    const result = await updateSourceCosts(connection.db, 1, [
      { id: ids.Web ?? 0, amount: " ", currency: "EUR" },
      { id: ids.Ads ?? 0, amount: "3.00", currency: "USD" },
    ]);

    const changes = {
      Web: {
        cost_per_lead_minor: { from: 3550, to: null },
        cost_currency: { from: "EUR", to: null },
      },
    };
    expect(result).toEqual({ ok: true, changes });
    expect((await audits()).at(-1)).toEqual({
      setting: "source_costs",
      changes,
    });
    const after = await costs();
    expect(after.Web).toEqual({
      status: "unknown",
      perLeadMinor: null,
      perContactedLeadMinor: null,
    });
    expect(after.Ads?.perLeadMinor).toBe(270);
  });
});
