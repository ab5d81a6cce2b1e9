import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { type ComplianceGroup, getComplianceFigures } from "./compliance";
import { parseMetricFilter } from "./filter";

const created = new Date("2026-10-01T10:00:00Z");

// Calling hours 08-21 on the lead's clock, at most 2 calls a lead a day.
// Period 1-2 November 2026 in Madrid: from 31 Oct 23:00Z to 2 Nov 23:00Z.
// New York's clocks go back at 06:00Z on 1 November (EDT to EST).
//   kolkata (Ads, +05:30), its local 1 November:
//     31 Oct 20:00Z 01:30 IST Ben  before the period, call 1 of the day
//     1 Nov 02:25Z  07:55 IST Ben  outside hours, call 2
//     1 Nov 15:25Z  20:55 IST Ben  call 3: beyond the maximum
//     1 Nov 15:35Z  21:05 IST Ana  outside hours, call 4: beyond
//   new-york (Web), its local 1 November:
//     12:30Z 07:30 EST Ana  outside hours (it would be 08:30 in EDT), call 1
//     13:30Z 08:30 EST Ana  call 2
//     14:00Z 09:00 EST Ana  call 3: beyond
//     2 Nov 02:00Z 21:00 EST Ben  outside hours, call 4: beyond
//     messages: sms with consent, whatsapp refused, email never stated
//   madrid (Web): one call at 08:30 CET by Ana, a whatsapp with consent
//   undated: a call at 03:00 CET, left out
const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    callingHoursStart: 8,
    callingHoursEnd: 21,
    maxCallsPerDay: 2,
  },
  teams: [{ name: "Floor", agents: ["Ana", "Ben"] }],
  leads: [
    {
      key: "kolkata",
      createdAt: created,
      timeZone: "Asia/Kolkata",
      source: "Ads",
    },
    {
      key: "new-york",
      createdAt: created,
      timeZone: "America/New_York",
      consentSms: true,
      consentWhatsapp: false,
    },
    { key: "madrid", createdAt: created, consentWhatsapp: true },
    { key: "undated", createdAt: null },
  ],
  attempts: [
    call("kolkata", "2026-10-31T20:00:00Z", "Ben"),
    call("kolkata", "2026-11-01T02:25:00Z", "Ben"),
    call("kolkata", "2026-11-01T15:25:00Z", "Ben"),
    call("kolkata", "2026-11-01T15:35:00Z", "Ana"),
    call("new-york", "2026-11-01T12:30:00Z", "Ana"),
    call("new-york", "2026-11-01T13:30:00Z", "Ana"),
    call("new-york", "2026-11-01T14:00:00Z", "Ana"),
    call("new-york", "2026-11-02T02:00:00Z", "Ben"),
    message("new-york", "sms", "2026-11-01T15:00:00Z"),
    message("new-york", "whatsapp", "2026-11-01T15:01:00Z"),
    message("new-york", "email", "2026-11-01T15:02:00Z", "Ana"),
    call("madrid", "2026-11-01T07:30:00Z", "Ana"),
    message("madrid", "whatsapp", "2026-11-01T07:40:00Z", "Ana"),
    {
      lead: "madrid",
      at: "2026-11-01T07:50:00Z",
      channel: "call",
      direction: "inbound",
    },
    call("undated", "2026-11-01T02:00:00Z", "Ana"),
  ] satisfies FixtureAttempt[],
};

function call(lead: string, iso: string, agent: string): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel: "call",
    direction: "outbound",
    outcome: "no_answer",
    agent,
  };
}

function message(
  lead: string,
  channel: "sms" | "whatsapp" | "email",
  iso: string,
  agent?: string,
): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel,
    direction: "outbound",
    automated: agent === undefined,
    agent,
  };
}

/** `name: calls outside beyond / messages without-consent`. */
function summarise(group: ComplianceGroup): string {
  return [
    `${group.name}: ${group.calls}`,
    group.outsideCallingHours.numerator,
    group.beyondDailyMax.numerator,
    `/ ${group.messages}`,
    group.withoutConsent.numerator,
  ].join(" ");
}

const period = parseMetricFilter({ from: "2026-11-01", to: "2026-11-02" });

describe("compliance", () => {
  let connection: Connection;
  let agentIds: Map<string, number>;
  beforeAll(async () => {
    connection = await createTestConnection();
    ({ agentIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  it("counts calls outside hours, beyond the daily maximum and messages without consent", async () => {
    const figures = await getComplianceFigures(connection.db, period);

    // Calls 3 + 4 + 1 = 8; outside: kolkata 07:55 and 21:05, new-york
    // 07:30 and 21:00 = 4; beyond: the 3rd and 4th calls of kolkata and
    // new-york = 4. Messages 3 + 1 = 4; without consent: the refused
    // whatsapp and the never-stated email = 2.
    expect(summarise(figures.overall)).toBe("null: 8 4 4 / 4 2");
    expect(figures.overall.outsideCallingHours.denominator).toBe(8);
    expect(figures.overall.withoutConsent.denominator).toBe(4);
    expect(figures.leftOut).toBe(1);
  });

  it("charges each call to the agent who made it", async () => {
    const figures = await getComplianceFigures(connection.db, period);

    // Ana: calls kolkata 1, new-york 3, madrid 1 = 5; outside kolkata 21:05,
    // new-york 07:30; beyond kolkata 4th, new-york 3rd; messages email
    // (no consent stated) and madrid's whatsapp. Ben: calls kolkata 2,
    // new-york 1. Automation: the sms and the refused whatsapp.
    expect(figures.byAgent.map(summarise)).toEqual([
      "Ana: 5 2 2 / 2 1",
      "Ben: 3 2 2 / 0 0",
      "null: 0 0 0 / 2 1",
    ]);
    expect(figures.byAgent[1]?.withoutConsent.value).toBeNull();
    expect(figures.byAgent[2]?.outsideCallingHours.value).toBeNull();
  });

  it("groups by source", async () => {
    const figures = await getComplianceFigures(connection.db, period);

    expect(figures.bySource.map(summarise)).toEqual([
      "Ads: 3 2 2 / 0 0",
      "Web: 5 2 2 / 4 2",
    ]);
  });

  it("counts every call of the day toward the maximum under an agent filter", async () => {
    const ana = agentIds.get("Ana") ?? 0;
    const figures = await getComplianceFigures(
      connection.db,
      parseMetricFilter({ ...period, agentIds: [ana] }),
    );

    // Ana's 21:05 IST call is still the 4th of kolkata's day, after Ben's.
    expect(summarise(figures.overall)).toBe("null: 5 2 2 / 2 1");
  });
});

// At most 2 calls a day, every call at 09:00-11:00 in Madrid (CET, +01:00):
//   spread: 1 November 09:00, 10:00, 11:00 and 2 November 09:00: the 11:00
//     call is the 3rd of its day, beyond;
//   even: two calls on each of 1, 2 and 3 November, none beyond;
//   apart: two calls on 1 November and one on 4 January, 64 days later,
//     none beyond: each day has its own count.
const busyDays = {
  settings: { reportTimezone: "Europe/Madrid", maxCallsPerDay: 2 },
  teams: [{ name: "Floor", agents: ["Ana"] }],
  leads: ["spread", "even", "apart"].map((key) => ({
    key,
    createdAt: created,
    timeZone: "Europe/Madrid",
  })),
  attempts: [
    call("spread", "2026-11-01T08:00:00Z", "Ana"),
    call("spread", "2026-11-01T09:00:00Z", "Ana"),
    call("spread", "2026-11-01T10:00:00Z", "Ana"),
    call("spread", "2026-11-02T08:00:00Z", "Ana"),
    ...["01", "02", "03"].flatMap((day) => [
      call("even", `2026-11-${day}T08:00:00Z`, "Ana"),
      call("even", `2026-11-${day}T09:00:00Z`, "Ana"),
    ]),
    call("apart", "2026-11-01T08:00:00Z", "Ana"),
    call("apart", "2026-11-01T09:00:00Z", "Ana"),
    call("apart", "2027-01-04T08:00:00Z", "Ana"),
  ] satisfies FixtureAttempt[],
};

describe("compliance over several days", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, busyDays);
  });
  afterAll(() => connection.close());

  it("finds the calls beyond the maximum by the lead's day, not by its total", async () => {
    const figures = await getComplianceFigures(
      connection.db,
      parseMetricFilter({ from: "2026-11-01", to: "2027-01-04" }),
    );

    // Calls 4 + 6 + 3 = 13, none outside 08-21; beyond: spread's 11:00
    // call only.
    expect(summarise(figures.overall)).toBe("null: 13 0 1 / 0 0");
  });
});
