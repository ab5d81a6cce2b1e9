import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import {
  getDailyContactRate,
  getOverviewFigures,
  getSourceSummary,
} from "./overview";

const at = (iso: string) => new Date(iso);

// Reporting zone Europe/Madrid (the default), contact window 7 days.
// March 2026: UTC+1 until 29 March, UTC+2 after.
//   A Web  10 Mar  no answer, then answered            contacted, converted
//   B Web  11 Mar  voicemail                           not contacted
//   C Ads  12 Mar  first call answered                 contacted
//   D Ads  13 Mar  no attempts, lead-level "Contacted" contacted, converted_at
//   E Web  14 Mar  whatsapp read, reply on day 11      not within the window;
//                  lead-level "wrong number"           invalid contact
//   F Web  undated answered call                       left out, contacted
//   G Web  28 Feb 23:30 UTC = 1 Mar 00:30 Madrid, no answer
//   H Web  31 Mar 22:30 UTC = 1 Apr 00:30 Madrid: after the period
//   I Ads  16 Mar  invalid_number call                 invalid contact
const fixture = {
  settings: { reportTimezone: "Europe/Madrid", contactWindowDays: 7 },
  dispositions: [
    { name: "Contacted", contact: true, codes: ["contacted"] },
    { name: "Wrong number", invalidContact: true, codes: ["wrong number"] },
  ],
  leads: [
    { key: "A", createdAt: at("2026-03-10T09:00:00Z"), converted: true },
    { key: "B", createdAt: at("2026-03-11T09:00:00Z") },
    { key: "C", source: "Ads", createdAt: at("2026-03-12T09:00:00Z") },
    {
      key: "D",
      source: "Ads",
      createdAt: at("2026-03-13T09:00:00Z"),
      dispositionCode: " Contacted ",
      convertedAt: at("2026-03-20T09:00:00Z"),
    },
    {
      key: "E",
      createdAt: at("2026-03-14T09:00:00Z"),
      dispositionCode: "Wrong Number",
    },
    { key: "F", createdAt: null },
    { key: "G", createdAt: at("2026-02-28T23:30:00Z") },
    { key: "H", createdAt: at("2026-03-31T22:30:00Z") },
    { key: "I", source: "Ads", createdAt: at("2026-03-16T09:00:00Z") },
  ],
  attempts: [
    call("A", "2026-03-10T09:05:00Z", "no_answer"),
    call("A", "2026-03-10T10:00:00Z", "answered"),
    call("B", "2026-03-11T09:10:00Z", "voicemail"),
    call("C", "2026-03-12T09:02:00Z", "answered"),
    {
      lead: "E",
      at: "2026-03-14T09:01:00Z",
      channel: "whatsapp" as const,
      direction: "outbound" as const,
      messageStatus: "read" as const,
    },
    {
      lead: "E",
      at: "2026-03-25T09:00:00Z",
      channel: "whatsapp" as const,
      direction: "inbound" as const,
    },
    call("F", "2026-03-15T09:00:00Z", "answered"),
    call("G", "2026-03-01T08:00:00Z", "no_answer"),
    call("H", "2026-04-01T08:00:00Z", "answered"),
    call("I", "2026-03-16T09:00:00Z", "invalid_number"),
  ],
};

function call(
  lead: string,
  iso: string,
  outcome: "answered" | "voicemail" | "no_answer" | "invalid_number",
) {
  return {
    lead,
    at: iso,
    channel: "call" as const,
    direction: "outbound" as const,
    outcome,
  };
}

const march = parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" });

describe("overview figures", () => {
  let connection: Connection;
  let sourceIds: Map<string, number>;
  beforeAll(async () => {
    connection = await createTestConnection();
    ({ sourceIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  it("counts the leads, contact, answer and conversion rates of March", async () => {
    const figures = await getOverviewFigures(connection.db, march);

    // Leads of March: A B C D E G I = 7 (F undated, H is 1 April in Madrid).
    expect(figures.leads).toBe(7);
    // Contacted within 7 days: A (answered), C (answered), D (lead-level
    // disposition) = 3; B's voicemail and E's read message and late reply
    // are not contact within the window.
    expect(figures.leadContactRate.numerator).toBe(3);
    expect(figures.leadContactRate.denominator).toBe(7);
    // Outbound calls of March, undated F's left out: A 2, B 1, C 1, G 1,
    // I 1 = 6, answered A and C = 2.
    expect(figures.callAnswerRate.numerator).toBe(2);
    expect(figures.callAnswerRate.denominator).toBe(6);
    // Of the 3 contacted, A (flag) and D (converted_at) converted: 2 / 3.
    expect(figures.contactedConversionRate.numerator).toBe(2);
    expect(figures.contactedConversionRate.denominator).toBe(3);
    expect(figures.leftOut).toBe(1);
  });

  it("narrows to one source", async () => {
    const ads = sourceIds.get("Ads") ?? 0;
    const figures = await getOverviewFigures(
      connection.db,
      parseMetricFilter({ ...march, sourceIds: [ads] }),
    );

    // Ads: C D I; contacted C D; calls C 1 + I 1, answered C.
    expect(figures.leads).toBe(3);
    expect(figures.leadContactRate.numerator).toBe(2);
    expect(figures.callAnswerRate.numerator).toBe(1);
    expect(figures.callAnswerRate.denominator).toBe(2);
    expect(figures.leftOut).toBe(0);
  });

  it("shows no data, not 0 %, for a period without leads or calls", async () => {
    const figures = await getOverviewFigures(
      connection.db,
      parseMetricFilter({ from: "2025-01-01", to: "2025-01-31" }),
    );

    expect(figures.leads).toBe(0);
    expect(figures.leadContactRate.value).toBeNull();
    expect(figures.callAnswerRate.value).toBeNull();
    expect(figures.contactedConversionRate.value).toBeNull();
  });

  it("gives every day of the period its own contact rate", async () => {
    const daily = await getDailyContactRate(
      connection.db,
      parseMetricFilter({ from: "2026-03-10", to: "2026-03-15" }),
    );

    expect(
      daily.days.map(({ day, rate }) => [
        day,
        rate.numerator,
        rate.denominator,
      ]),
    ).toEqual([
      ["2026-03-10", 1, 1],
      ["2026-03-11", 0, 1],
      ["2026-03-12", 1, 1],
      ["2026-03-13", 1, 1],
      ["2026-03-14", 0, 1],
      ["2026-03-15", 0, 0],
    ]);
    expect(daily.days[5]?.rate.value).toBeNull();
    expect(daily.leftOut).toBe(1);
  });

  it("puts a lead on its creation day in the reporting zone", async () => {
    const daily = await getDailyContactRate(
      connection.db,
      parseMetricFilter({ from: "2026-02-28", to: "2026-03-01" }),
    );

    // G was created 28 Feb 23:30 UTC, which is already 1 March in Madrid.
    expect(daily.days.map((entry) => entry.rate.denominator)).toEqual([0, 1]);
  });

  it("counts undated leads in the source summary", async () => {
    const rows = await getSourceSummary(connection.db, march);

    // Web: A B E G + undated F = 5; contacted A, and F at any time = 2;
    // invalid E (lead-level code, matched trimmed and lower-cased) = 1;
    // converted A = 1. Ads: C D I = 3; contacted C D; invalid I (outcome
    // invalid_number); converted D (converted_at).
    expect(rows).toEqual([
      {
        sourceId: sourceIds.get("Web"),
        source: "Web",
        leads: 5,
        undatedLeads: 1,
        contacted: 2,
        invalidContact: 1,
        converted: 1,
      },
      {
        sourceId: sourceIds.get("Ads"),
        source: "Ads",
        leads: 3,
        undatedLeads: 0,
        contacted: 2,
        invalidContact: 1,
        converted: 1,
      },
    ]);
  });
});
