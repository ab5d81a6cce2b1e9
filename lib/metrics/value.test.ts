import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import { type RecoveredValue, getRecoveredValue } from "./value";

// Report currency EUR, 24 months of lifetime, 1 USD = 0.9 EUR, recovery and
// contact windows 7 days. March leads at 2 March 09:00 UTC, April leads at
// 6 April 08:00 UTC; first call 5 minutes later.
//   key  source month value              LTV (cents)   what happened
//   v1   Web    Mar   25.00 EUR / month  2500×24=60000 whatsapp, reply: recovered, converted
//   v2   Web    Mar   10.05 USD total    1005×0.9=904.5→905  sms, our call answered: recovered
//   v3   Web    Apr   1000.01 EUR total  100001        whatsapp, no reply: at risk
//   v4   Ads    Apr   3.33 USD / month   333×24×0.9=7192.8→7193  not messaged: at risk
//   v5   Ads    Mar   50.00 GBP          no rate       not messaged: at risk, no LTV
//   v10  Ads    Mar   10.00 EUR total    1000          answered a later call: reached
//   v11  Fair   Apr   20.00 EUR total    2000          not messaged: at risk
//   v6, v7 Web and v8, v9 Ads: first call answered (never call-failed);
//   v6 and v8 converted.
// Conversion of contacted leads: Web v1 v2 v6 v7 → 2 of 4 = 0.5;
// Ads v8 v9 v10 → 1 of 3; Fair: none contacted, no rate.
const march = new Date("2026-03-02T09:00:00Z");
const april = new Date("2026-04-06T08:00:00Z");

const attempts: FixtureAttempt[] = [
  call("v1", "2026-03-02T09:05:00Z", "no_answer"),
  { ...out("v1", "whatsapp", "2026-03-02T09:10:00Z") },
  {
    lead: "v1",
    at: "2026-03-04T09:00:00Z",
    channel: "whatsapp",
    direction: "inbound",
  },
  call("v2", "2026-03-02T09:05:00Z", "busy"),
  out("v2", "sms", "2026-03-02T09:10:00Z"),
  call("v2", "2026-03-05T09:00:00Z", "answered"),
  call("v3", "2026-04-06T08:05:00Z", "no_answer"),
  out("v3", "whatsapp", "2026-04-06T08:10:00Z"),
  call("v4", "2026-04-06T08:05:00Z", "no_answer"),
  call("v5", "2026-03-02T09:05:00Z", "no_answer"),
  call("v6", "2026-03-02T09:05:00Z", "answered"),
  call("v7", "2026-03-02T09:05:00Z", "answered"),
  call("v8", "2026-03-02T09:05:00Z", "answered"),
  call("v9", "2026-03-02T09:05:00Z", "answered"),
  call("v10", "2026-03-02T09:05:00Z", "no_answer"),
  call("v10", "2026-03-04T09:05:00Z", "answered"),
  call("v11", "2026-04-06T08:05:00Z", "no_answer"),
];

function call(
  lead: string,
  at: string,
  outcome: "answered" | "no_answer" | "busy",
): FixtureAttempt {
  return { lead, at, channel: "call", direction: "outbound", outcome };
}

function out(lead: string, channel: "whatsapp" | "sms", at: string) {
  return { lead, at, channel, direction: "outbound" as const };
}

const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    reportCurrency: "EUR",
    expectedLifetimeMonths: 24,
    currencyRates: { EUR: 1, USD: 0.9 },
    recoveryWindowDays: 7,
    contactWindowDays: 7,
  },
  leads: [
    lead("v1", "Web", march, 2500, "EUR", "per_month", true),
    lead("v2", "Web", march, 1005, "USD", "total"),
    lead("v3", "Web", april, 100001, "EUR", "total"),
    lead("v4", "Ads", april, 333, "USD", "per_month"),
    lead("v5", "Ads", march, 5000, "GBP", "total"),
    lead("v6", "Web", march, 50000, "EUR", "total", true),
    lead("v7", "Web", march, 50000, "EUR", "total"),
    lead("v8", "Ads", march, 50000, "EUR", "total", true),
    lead("v9", "Ads", march, 50000, "EUR", "total"),
    lead("v10", "Ads", march, 1000, "EUR", "total"),
    lead("v11", "Fair", april, 2000, "EUR", "total"),
    { key: "undated", createdAt: null, valueMinor: 9999, valueCurrency: "EUR" },
  ],
  attempts,
};

function lead(
  key: string,
  source: string,
  createdAt: Date,
  valueMinor: number,
  valueCurrency: string,
  valueUnit: "total" | "per_month",
  converted = false,
) {
  return {
    key,
    source,
    createdAt,
    valueMinor,
    valueCurrency,
    valueUnit,
    converted,
  };
}

const period = parseMetricFilter({ from: "2026-03-01", to: "2026-04-30" });

function money(figures: RecoveredValue["total"]) {
  return [
    figures.callFailedLeads,
    figures.callFailedValueMinor,
    figures.recoveredLeads,
    figures.recoveredValueMinor,
    figures.recoveredRevenueMinor,
    figures.atRiskLeads,
    figures.valueAtRiskMinor,
    figures.atRiskLeadsWithoutConversionRate,
  ];
}

describe("recovered value", () => {
  let connection: Connection;
  let result: RecoveredValue;

  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
    result = await getRecoveredValue(connection.db, period);
  });
  afterAll(() => connection.close());

  it("sums LTV of recovered and converted leads in the report currency", () => {
    // Call-failed: v1 v2 v3 v4 v5 v10 v11 = 7 leads,
    // 60000 + 905 + 100001 + 7193 + 1000 + 2000 = 171099 (v5 has no LTV).
    // Recovered v1 + v2 = 60905; converted among them v1 = 60000.
    // At risk v3 v4 v5 v11, each source's LTV times its rate, rounded
    // once per source: Web 100001 × 0.5 = 50000.5 → 50001, Ads 7193 × 1/3
    // = 2397.67 → 2398; v11's source has no conversion rate. The total is
    // the sum of the source rows, 52399 (not 52398.17 rounded once).
    expect(result.currency).toBe("EUR");
    expect(money(result.total)).toEqual([
      7, 171099, 2, 60905, 60000, 4, 52399, 1,
    ]);
    expect(result.total.valueWeightedRecoveryRate).toEqual({
      numeratorMinor: 60905,
      denominatorMinor: 171099,
      value: 60905 / 171099,
    });
    expect(result.leftOut).toBe(1);
  });

  it("splits by month of creation", () => {
    // March: v1 v2 v5 v10 = 60000 + 905 + 1000; at risk only v5, no LTV.
    // April: v3 v4 v11 = 100001 + 7193 + 2000; at risk all three, Web's
    // and Ads's values rounded apart: 50001 + 2398.
    expect(result.byMonth.map((row) => [row.month, ...money(row)])).toEqual([
      ["2026-03", 4, 61905, 2, 60905, 60000, 1, 0, 0],
      ["2026-04", 3, 109194, 0, 0, 0, 3, 52399, 1],
    ]);
  });

  it("splits by credited channel, never counting a lead twice", () => {
    // whatsapp: v1 (credited), v3 (its last message); sms: v2; not
    // messaged: v4 v5 v10 v11, at risk 7193 / 3 = 2397.67 → 2398.
    expect(result.byChannel.map((row) => [row.channel, ...money(row)])).toEqual(
      [
        ["whatsapp", 2, 160001, 1, 60000, 60000, 1, 50001, 0],
        ["sms", 1, 905, 1, 905, 0, 0, 0, 0],
        [null, 4, 10193, 0, 0, 0, 3, 2398, 1],
      ],
    );
  });

  it("weighs value at risk by the source's own conversion rate", () => {
    expect(result.bySource.map((row) => [row.source, ...money(row)])).toEqual([
      ["Ads", 3, 8193, 0, 0, 0, 2, 2398, 0],
      ["Fair", 1, 2000, 0, 0, 0, 1, 0, 1],
      ["Web", 3, 160906, 2, 60905, 60000, 1, 50001, 0],
    ]);
  });

  it("reports the values it could not convert", () => {
    expect(result.valuesNotConverted).toEqual([
      { status: "no_rate", currency: "GBP", leads: 1 },
    ]);
  });
});
