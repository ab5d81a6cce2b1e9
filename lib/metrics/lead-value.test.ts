import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db/client";
import { createTestConnection } from "@/lib/db/testing";
import { getSettings } from "@/lib/settings";
import { insertFixture } from "@/lib/testing/fixture";
import {
  getMinorUnitDigits,
  leadLtvMinorSql,
  leadValueStatusSql,
} from "./lead-value";

describe("lead lifetime value", () => {
  let connection: Connection;
  let rows: Map<string, { ltv: number | null; status: string }>;

  beforeAll(async () => {
    connection = await createTestConnection();
    const at = new Date("2026-03-02T10:00:00Z");
    await insertFixture(connection.db, {
      settings: {
        reportCurrency: "EUR",
        expectedLifetimeMonths: 24,
        currencyRates: { EUR: 1, USD: 0.9, jpy: 0.0062, CHF: 0 },
      },
      leads: [
        // Each lead's value, written as it would be stored.
        m("eur-monthly", 2500, "EUR", "per_month"),
        m("eur-total", 120000, "EUR", "total"),
        m("usd-half", 1005, "USD", "total"),
        m("usd-monthly", 333, "USD", "per_month"),
        m("usd-negative-half", -1005, "USD", "total"),
        m("jpy-total", 1000, "JPY", "total"),
        m("gbp-no-rate", 5000, "GBP", "total"),
        m("chf-zero-rate", 5000, "CHF", "total"),
        m("no-unit", 5000, "EUR", null),
        m("no-currency", 5000, null, "total"),
        { key: "no-value", createdAt: at },
      ],
    });
    const settings = await getSettings(connection.db);
    const result = await queryRows<{
      key: string;
      ltv: number | null;
      status: string;
    }>(
      connection.db,
      sql`select l.external_id::text as key,
        ${leadLtvMinorSql(settings)}::float8 as ltv,
        ${leadValueStatusSql(settings)}::text as status
      from leads l`,
    );
    rows = new Map(result.map(({ key, ...row }) => [key, row]));
  });
  afterAll(() => connection.close());

  function m(
    key: string,
    valueMinor: number,
    valueCurrency: string | null,
    valueUnit: "total" | "per_month" | null,
  ) {
    return {
      key,
      createdAt: new Date("2026-03-02T10:00:00Z"),
      valueMinor,
      valueCurrency,
      valueUnit,
    };
  }

  it("multiplies a monthly value by the expected lifetime", () => {
    // 25.00 EUR a month × 24 months = 600.00 EUR = 60000 cents.
    expect(rows.get("eur-monthly")).toEqual({ ltv: 60000, status: "ok" });
    expect(rows.get("eur-total")?.ltv).toBe(120000);
  });

  it("converts with the fixed rate and rounds half away from zero", () => {
    // 10.05 USD × 0.9 = 9.045 EUR = 904.5 cents, rounded up to 905; and
    // -904.5 rounded away from zero to -905.
    expect(rows.get("usd-half")?.ltv).toBe(905);
    expect(rows.get("usd-negative-half")?.ltv).toBe(-905);
  });

  it("rounds once per lead, after the lifetime and the rate", () => {
    // 333 cents × 24 × 0.9 = 7192.8 → 7193. Rounding the monthly amount
    // first (333 × 0.9 = 299.7 → 300, × 24 = 7200) would be 7 cents off.
    expect(rows.get("usd-monthly")?.ltv).toBe(7193);
  });

  it("converts between currencies with different minor units", () => {
    // 1000 yen (no minor unit) × 0.0062 = 6.20 EUR = 620 cents.
    expect(rows.get("jpy-total")?.ltv).toBe(620);
    expect(getMinorUnitDigits("kwd")).toBe(3);
  });

  it("reports a value it cannot convert instead of guessing", () => {
    expect(rows.get("gbp-no-rate")).toEqual({ ltv: null, status: "no_rate" });
    expect(rows.get("chf-zero-rate")).toEqual({ ltv: null, status: "no_rate" });
    expect(rows.get("no-unit")).toEqual({ ltv: null, status: "no_unit" });
    expect(rows.get("no-currency")).toEqual({
      ltv: null,
      status: "no_currency",
    });
    expect(rows.get("no-value")).toEqual({ ltv: null, status: "none" });
  });
});
