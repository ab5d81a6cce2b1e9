import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { persons, sources } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import type { Rate } from "./rate";
import { type SourceComparison, getSourceComparison } from "./sources";

// Policy here: 2 calls in at least 1 slot within 24 hours. Contact window
// 7 days. 1 USD = 0.9 EUR, no GBP rate. Leads created 2 March 2026 09:00
// UTC (10:00 Madrid).
//   Web (5.00 EUR a lead)
//     w1  person P1, first call answered, converted, 1000.00 EUR
//     w2  person P1 again, a duplicate, no attempt log
//     w3  person P2, two failed calls 10:05 and 13:00 local: policy done,
//         fully worked though not contacted, 500.00 EUR
//     w4  person P3, one failed call: too few calls
//     w5  no phone or e-mail (no person), one invalid_number call
//   Ads (3.00 USD a lead = 2.70 EUR)
//     a1  person P4, answered 2 days later; 3.33 USD a month (7193 cents)
//     a2  person P5, answered 9 days later (outside the window), GBP value
//     a3  person P6, no attempt log, lead-level "contacted" code
//   Fair (no cost)  f1  no person, first call answered, converted
//   Expo (cost in GBP, no rate)  e1  no person, nothing done
const created = new Date("2026-03-02T09:00:00Z");

const attempts: FixtureAttempt[] = [
  call("w1", "2026-03-02T09:05:00Z", "answered"),
  call("w3", "2026-03-02T09:05:00Z", "no_answer"),
  call("w3", "2026-03-02T12:00:00Z", "busy"),
  call("w4", "2026-03-02T09:05:00Z", "no_answer"),
  call("w5", "2026-03-02T09:05:00Z", "invalid_number"),
  call("a1", "2026-03-04T09:05:00Z", "answered"),
  call("a2", "2026-03-11T09:05:00Z", "answered"),
  call("f1", "2026-03-02T09:05:00Z", "answered"),
  call("undated", "2026-03-02T09:05:00Z", "answered"),
];

function call(
  lead: string,
  at: string,
  outcome: "answered" | "no_answer" | "busy" | "invalid_number",
): FixtureAttempt {
  return { lead, at, channel: "call", direction: "outbound", outcome };
}

function counts(rate: Rate) {
  return [rate.numerator, rate.denominator];
}

function summarise(figures: SourceComparison["total"]) {
  return {
    leads: figures.leads,
    persons: [figures.persons, figures.leadsWithoutPerson],
    duplicate: counts(figures.duplicateRate),
    invalid: counts(figures.invalidContactRate),
    contact: counts(figures.leadContactRate),
    worked: counts(figures.workedContactRate),
    followUp: counts(figures.followUpCompliance),
    effortAdjusted: counts(figures.effortAdjustedContactRate),
    conversion: counts(figures.contactedConversionRate),
    ltv: [
      figures.ltvPerLeadMinor,
      figures.valuedLeads,
      figures.valuesNotConverted,
    ],
  };
}

describe("sources compared", () => {
  let connection: Connection;
  let result: SourceComparison;

  beforeAll(async () => {
    connection = await createTestConnection();
    const db = connection.db;
    const personRows = await db
      .insert(persons)
      .values(["P1", "P2", "P3", "P4", "P5", "P6"].map((key) => ({ key })))
      .returning();
    const person = (key: string) =>
      personRows.find((row) => row.key === key)?.id;
    const lead = (
      key: string,
      source: string,
      rest: Record<string, unknown> = {},
    ) => ({ key, source, createdAt: created, ...rest });

    await insertFixture(db, {
      settings: {
        reportTimezone: "Europe/Madrid",
        contactWindowDays: 7,
        policyCalls: 2,
        policySlots: 1,
        policyWindowHours: 24,
        currencyRates: { EUR: 1, USD: 0.9 },
      },
      dispositions: [
        { name: "Contacted", contact: true, codes: ["contacted"] },
      ],
      leads: [
        lead("w1", "Web", {
          personId: person("P1"),
          converted: true,
          valueMinor: 100000,
          valueCurrency: "EUR",
          valueUnit: "total",
        }),
        lead("w2", "Web", { personId: person("P1"), isDuplicate: true }),
        lead("w3", "Web", {
          personId: person("P2"),
          valueMinor: 50000,
          valueCurrency: "EUR",
          valueUnit: "total",
        }),
        lead("w4", "Web", { personId: person("P3") }),
        lead("w5", "Web"),
        lead("a1", "Ads", {
          personId: person("P4"),
          valueMinor: 333,
          valueCurrency: "USD",
          valueUnit: "per_month",
        }),
        lead("a2", "Ads", {
          personId: person("P5"),
          valueMinor: 5000,
          valueCurrency: "GBP",
          valueUnit: "total",
        }),
        lead("a3", "Ads", {
          personId: person("P6"),
          dispositionCode: "contacted",
        }),
        lead("f1", "Fair", { converted: true }),
        lead("e1", "Expo"),
        lead("undated", "Web", { createdAt: null }),
      ],
      attempts,
    });
    const costs = [
      { name: "Web", costPerLeadMinor: 500, costCurrency: "EUR" },
      { name: "Ads", costPerLeadMinor: 300, costCurrency: "USD" },
      { name: "Expo", costPerLeadMinor: 1000, costCurrency: "GBP" },
    ];
    for (const { name, ...cost } of costs) {
      await db.update(sources).set(cost).where(eq(sources.name, name));
    }

    result = await getSourceComparison(
      db,
      parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" }),
    );
  });
  afterAll(() => connection.close());

  it("compares a source's leads with their follow-up", () => {
    const web = result.sources.find((row) => row.source === "Web");

    // 5 leads, persons P1 P2 P3 and w5 without one; w2 a duplicate, w5
    // invalid; contacted w1 of 5, of the 4 worked (w2 has no attempt).
    // Fully worked w1 (contacted) and w3 (policy done): 2 of 5; contacted
    // among them 1 of 2. LTV (100000 + 50000) / 2 = 75000.
    expect(web && summarise(web)).toEqual({
      leads: 5,
      persons: [3, 1],
      duplicate: [1, 5],
      invalid: [1, 5],
      contact: [1, 5],
      worked: [1, 4],
      followUp: [2, 5],
      effortAdjusted: [1, 2],
      conversion: [1, 1],
      ltv: [75000, 2, 0],
    });
    expect(web?.cost).toEqual({
      status: "ok",
      perLeadMinor: 500,
      perContactedLeadMinor: 2500,
    });
  });

  it("counts a lead contacted after the window as fully worked, not contacted", () => {
    const ads = result.sources.find((row) => row.source === "Ads");

    // Contacted within 7 days: a1 and a3 (lead-level code), not a2 (day 9).
    // Fully worked: all three, as each was contacted at some time.
    // Cost 300 USD cents × 0.9 = 270; 300 × 3 leads × 0.9 / 2 contacted
    // = 405.
    expect(ads && summarise(ads)).toEqual({
      leads: 3,
      persons: [3, 0],
      duplicate: [0, 3],
      invalid: [0, 3],
      contact: [2, 3],
      worked: [1, 2],
      followUp: [3, 3],
      effortAdjusted: [2, 3],
      conversion: [0, 2],
      ltv: [7193, 1, 1],
    });
    expect(ads?.cost).toEqual({
      status: "ok",
      perLeadMinor: 270,
      perContactedLeadMinor: 405,
    });
  });

  it("shows no cost figures when the cost is unknown or cannot be converted", () => {
    const cost = Object.fromEntries(
      result.sources.map((row) => [row.source, row.cost]),
    );

    expect(result.sources.map((row) => row.source)).toEqual([
      "Ads",
      "Expo",
      "Fair",
      "Web",
    ]);
    expect(cost.Fair).toEqual({
      status: "unknown",
      perLeadMinor: null,
      perContactedLeadMinor: null,
    });
    expect(cost.Expo?.status).toBe("no_rate");
    expect(cost.Expo?.perLeadMinor).toBeNull();
  });

  it("adds up every source in the total", () => {
    // 10 leads; persons P1–P6, with w5 f1 e1 without one. Worked: w1 w3 w4
    // w5 a1 a2 f1 = 7, contacted among them w1 a1 f1. Fully worked: w1 w3
    // a1 a2 a3 f1 = 6, contacted among them w1 a1 a3 f1. LTV (100000 +
    // 50000 + 7193) / 3 = 52397.67 → 52398.
    expect(summarise(result.total)).toEqual({
      leads: 10,
      persons: [6, 3],
      duplicate: [1, 10],
      invalid: [1, 10],
      contact: [4, 10],
      worked: [3, 7],
      followUp: [6, 10],
      effortAdjusted: [4, 6],
      conversion: [2, 4],
      ltv: [52398, 3, 1],
    });
    expect(result.currency).toBe("EUR");
    expect(result.leftOut).toBe(1);
  });
});
