import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FigureOptions } from "@/lib/aggregates/state";
import { areAggregatesCurrent } from "@/lib/aggregates/state";
import type { Connection, Database } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import {
  changeDispositionCode,
  listDispositionNames,
} from "@/lib/import/disposition-mapping";
import { getLeadTimeline } from "@/lib/leads/timeline";
import { getSettings } from "@/lib/settings";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { type MetricFilter, parseMetricFilter } from "./filter";
import { getLostLeadSplit } from "./lost-leads";
import { getOverviewFigures, getSourceSummary } from "./overview";
import { getRecoveredValue } from "./value";

// A disposition flagged `converted` converts the lead, on the lead's own
// code or on any of its attempts. Web leads created 2 March 2026 09:00
// UTC, contact and recovery windows 7 days, values in EUR (total).
// "Sale" is flagged contact and converted; "Contacted" only contact.
//   k1  call answered, the lead's `converted` flag          converted
//   k2  no attempts, lead-level code " SALE "               converted
//   k3  call failed, whatsapp, call answered 3 March with
//       code "sale": recovered, 300.00 EUR                  converted
//   k4  call answered, later whatsapp with code "sale"      converted
//   k5  call answered with code "contacted"                 not converted
//   k6  call failed, nothing more: at risk, 100.00 EUR      not converted
const created = new Date("2026-03-02T09:00:00Z");

const attempts: FixtureAttempt[] = [
  call("k1", "2026-03-02T09:05:00Z", "answered"),
  call("k3", "2026-03-02T09:05:00Z", "no_answer"),
  message("k3", "2026-03-02T09:10:00Z"),
  {
    ...call("k3", "2026-03-03T09:00:00Z", "answered"),
    dispositionCode: "sale",
  },
  call("k4", "2026-03-02T09:05:00Z", "answered"),
  { ...message("k4", "2026-03-04T09:00:00Z"), dispositionCode: "Sale" },
  {
    ...call("k5", "2026-03-02T09:05:00Z", "answered"),
    dispositionCode: "contacted",
  },
  call("k6", "2026-03-02T09:05:00Z", "no_answer"),
];

function call(
  lead: string,
  at: string,
  outcome: "answered" | "no_answer",
): FixtureAttempt {
  return { lead, at, channel: "call", direction: "outbound", outcome };
}

function message(lead: string, at: string): FixtureAttempt {
  return { lead, at, channel: "whatsapp", direction: "outbound" };
}

const web = (key: string, rest: Record<string, unknown> = {}) => ({
  key,
  source: "Web",
  createdAt: created,
  ...rest,
});

const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    reportCurrency: "EUR",
    currencyRates: { EUR: 1 },
    contactWindowDays: 7,
    recoveryWindowDays: 7,
  },
  dispositions: [
    { name: "Sale", contact: true, converted: true, codes: ["sale"] },
    { name: "Contacted", contact: true, codes: ["contacted"] },
  ],
  leads: [
    web("k1", { converted: true }),
    web("k2", { dispositionCode: " SALE " }),
    web("k3", { valueMinor: 30000, valueCurrency: "EUR", valueUnit: "total" }),
    web("k4"),
    web("k5"),
    web("k6", { valueMinor: 10000, valueCurrency: "EUR", valueUnit: "total" }),
  ],
  attempts,
};

const march = parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" });
const calls = parseMetricFilter({
  from: "2026-03-01",
  to: "2026-03-31",
  channels: ["call"],
});
const paths: [string, FigureOptions][] = [
  ["the aggregates", {}],
  ["the raw rows", { via: "rows" }],
];

// The conversion figures this rule moves, in one list: contacted
// conversion rate, converted in the source summary, converted in the
// lost-lead split, recovered revenue and value at risk.
async function conversionFigures(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions,
) {
  const overview = await getOverviewFigures(db, filter, undefined, options);
  const [summary] = await getSourceSummary(db, filter, undefined, options);
  const split = await getLostLeadSplit(db, filter, options);
  const value = await getRecoveredValue(db, filter, options);

  return [
    overview.contactedConversionRate.numerator,
    overview.contactedConversionRate.denominator,
    summary?.converted,
    split.total.converted,
    value.total.recoveredRevenueMinor,
    value.total.valueAtRiskMinor,
  ];
}

describe("a disposition flagged converted", () => {
  let connection: Connection;
  let leadIds: Map<string, number>;

  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    ({ leadIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  async function remapSale(to: string) {
    const names = await listDispositionNames(connection.db);

    return changeDispositionCode(connection.db, 1, {
      origin: "fixture",
      code: "sale",
      dispositionId: names.find((item) => item.name === to)?.id ?? 0,
    });
  }

  it("has aggregates built with the current mapping to read", async () => {
    const settings = await getSettings(connection.db);

    expect(await areAggregatesCurrent(connection.db, settings)).toBe(true);
  });

  for (const [path, options] of paths) {
    it(`converts a lead by its own code or an attempt's, read from ${path}`, async () => {
      // Contacted within 7 days: k1 k3 k4 k5 by call, k2 by its lead-level
      // code = 5. Converted among them: k1 (flag), k2 (lead-level code), k3
      // and k4 (an attempt's code) = 4: 4 / 5, where the flag alone gave
      // 1 / 5. Lost-lead split: the same 4 converted of 6.
      // Recovered: k3 only, converted, so revenue is its 30000 cents. At
      // risk: k6, 10000 × the source's conversion rate 4 / 5 = 8000.
      expect(await conversionFigures(connection.db, march, options)).toEqual([
        4, 5, 4, 4, 30000, 8000,
      ]);
    });

    it(`counts an attempt's code on another channel than the filter, read from ${path}`, async () => {
      // Calls only: contacted k1 k3 k4 k5 = 4 (k2's lead-level contact has
      // no channel). Converted among them k1, k3 (a call's code) and k4,
      // whose "Sale" is on a whatsapp message: conversion belongs to the
      // lead, whatever the channel = 3 / 4 (the flag alone gave 1 / 4).
      const overview = await getOverviewFigures(
        connection.db,
        calls,
        undefined,
        options,
      );

      expect([
        overview.contactedConversionRate.numerator,
        overview.contactedConversionRate.denominator,
      ]).toEqual([3, 4]);
    });
  }

  it("shows such a lead as converted on its page, its instant unknown", async () => {
    for (const key of ["k2", "k3", "k4"]) {
      const timeline = await getLeadTimeline(
        connection.db,
        leadIds.get(key) ?? 0,
      );

      expect([
        key,
        timeline?.facts.converted,
        timeline?.lead.convertedAt,
      ]).toEqual([key, true, null]);
      expect(timeline?.facts.lost?.leadClass).toBe("converted");
    }
  });

  it("moves every conversion figure when the code is mapped away from and back to Converted", async () => {
    expect(await remapSale("Contacted")).toEqual({
      from: "Sale",
      to: "Contacted",
    });
    expect(
      await areAggregatesCurrent(
        connection.db,
        await getSettings(connection.db),
      ),
    ).toBe(true);
    for (const [, options] of paths) {
      // Only k1's flag is left: 1 / 5 contacted; nothing recovered
      // converted; at risk 10000 × 1 / 5 = 2000.
      expect(await conversionFigures(connection.db, march, options)).toEqual([
        1, 5, 1, 1, 0, 2000,
      ]);
    }

    await remapSale("Sale");
    for (const [, options] of paths) {
      expect(await conversionFigures(connection.db, march, options)).toEqual([
        4, 5, 4, 4, 30000, 8000,
      ]);
    }
  });

  it("holds the aggregates stale when only a disposition's converted flag changes", async () => {
    await connection.db.execute(
      sql`update dispositions set converted = false where name = 'Sale'`,
    );
    const current = await areAggregatesCurrent(
      connection.db,
      await getSettings(connection.db),
    );
    await connection.db.execute(
      sql`update dispositions set converted = true where name = 'Sale'`,
    );

    expect(current).toBe(false);
  });
});
