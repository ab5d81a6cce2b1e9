import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import {
  getAttemptsToContact,
  getCallRates,
  getContactByAttemptNumber,
  getContactRates,
} from "./contact";
import { parseMetricFilter } from "./filter";
import type { Rate } from "./rate";

const at = (iso: string) => new Date(iso);

// Period 28-29 March 2026 in Madrid, whose clocks go forward on the 29th:
// it runs from 27 Mar 23:00 UTC (CET) to 29 Mar 22:00 UTC (CEST).
//   first-answered  Madrid  29 Mar 07:00Z  answered 07:05Z (Ana)
//   three-calls     Madrid  29 Mar 08:00Z  voicemail (Ben), no answer (Ana),
//                                          answered 30 Mar (Ana, after the period)
//   voicemail-only  Madrid  28 Mar 10:00Z  automatic sms, voicemail (Ana)
//   lead-level      Madrid  28 Mar 11:00Z  no attempts, lead code "Interested"
//   sms-reply       New York 29 Mar 03:30Z = 28 Mar 23:30 EDT: no answer, busy,
//                                          then an sms reply at 23:50 EDT
//   kolkata         Kolkata 28 Mar 18:20Z = 23:50 IST; answered 18:40Z,
//                                          which is already 29 Mar 00:10 IST
//   inbound-first   Madrid  28 Mar 09:00Z  the lead calls in, then we call back
//   late-contact    Madrid  28 Mar 12:00Z  no answer; answered 9 days later
//   undated         no creation instant, one answered call
//   before          Madrid  27 Mar 22:30Z = 23:30 CET, before the period; its
//                                          call on 28 Mar is in the period
const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    contactWindowDays: 7,
    policyCalls: 4,
  },
  teams: [
    { name: "North", agents: ["Ana"] },
    { name: "South", agents: ["Ben"] },
  ],
  dispositions: [{ name: "Interested", contact: true, codes: ["interested"] }],
  leads: [
    { key: "first-answered", createdAt: at("2026-03-29T07:00:00Z") },
    { key: "three-calls", createdAt: at("2026-03-29T08:00:00Z") },
    { key: "voicemail-only", createdAt: at("2026-03-28T10:00:00Z") },
    {
      key: "lead-level",
      createdAt: at("2026-03-28T11:00:00Z"),
      dispositionCode: "Interested",
    },
    {
      key: "sms-reply",
      createdAt: at("2026-03-29T03:30:00Z"),
      timeZone: "America/New_York",
    },
    {
      key: "kolkata",
      createdAt: at("2026-03-28T18:20:00Z"),
      timeZone: "Asia/Kolkata",
    },
    { key: "inbound-first", createdAt: at("2026-03-28T09:00:00Z") },
    { key: "late-contact", createdAt: at("2026-03-28T12:00:00Z") },
    { key: "undated", createdAt: null },
    { key: "before", createdAt: at("2026-03-27T22:30:00Z") },
  ],
  attempts: [
    call("first-answered", "2026-03-29T07:05:00Z", "answered", "Ana"),
    call("three-calls", "2026-03-29T08:10:00Z", "voicemail", "Ben"),
    call("three-calls", "2026-03-29T10:00:00Z", "no_answer", "Ana"),
    call("three-calls", "2026-03-30T08:00:00Z", "answered", "Ana"),
    {
      lead: "voicemail-only",
      at: "2026-03-28T10:01:00Z",
      channel: "sms",
      direction: "outbound",
      automated: true,
      messageStatus: "delivered",
    },
    call("voicemail-only", "2026-03-28T10:05:00Z", "voicemail", "Ana"),
    call("sms-reply", "2026-03-29T03:35:00Z", "no_answer"),
    call("sms-reply", "2026-03-29T03:40:00Z", "busy"),
    {
      lead: "sms-reply",
      at: "2026-03-29T03:50:00Z",
      channel: "sms",
      direction: "inbound",
    },
    call("kolkata", "2026-03-28T18:40:00Z", "answered", "Ben"),
    {
      lead: "inbound-first",
      at: "2026-03-28T09:30:00Z",
      channel: "call",
      direction: "inbound",
    },
    call("inbound-first", "2026-03-28T10:00:00Z", "answered"),
    call("late-contact", "2026-03-28T12:05:00Z", "no_answer"),
    call("late-contact", "2026-04-06T12:00:00Z", "answered"),
    call("undated", "2026-03-28T09:00:00Z", "answered"),
    call("before", "2026-03-28T08:00:00Z", "answered"),
  ] satisfies FixtureAttempt[],
};

function call(
  lead: string,
  iso: string,
  outcome: "answered" | "voicemail" | "no_answer" | "busy",
  agent?: string,
): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel: "call",
    direction: "outbound",
    outcome,
    agent,
  };
}

const period = parseMetricFilter({ from: "2026-03-28", to: "2026-03-29" });
const share = (rate: Rate) => [rate.numerator, rate.denominator];

describe("contact figures", () => {
  let connection: Connection;
  let agentIds: Map<string, number>;
  let teamIds: number[];
  beforeAll(async () => {
    connection = await createTestConnection();
    ({ agentIds } = await insertFixture(connection.db, fixture));
    const rows = await connection.db.query.teams.findMany();
    teamIds = rows.filter((row) => row.name === "South").map((row) => row.id);
  });
  afterAll(() => connection.close());

  it("computes the lead, worked and same-day contact rates", async () => {
    const rates = await getContactRates(connection.db, period);

    // Leads: the first eight; undated is left out, before is 27 March.
    expect(rates.leads).toBe(8);
    // Contacted within 7 days: first-answered, three-calls, lead-level,
    // sms-reply, kolkata, inbound-first = 6; voicemail-only and
    // late-contact (day 9) are not.
    expect(share(rates.leadContactRate)).toEqual([6, 8]);
    // Worked: all but lead-level = 7; of them contacted: 6 - 1 = 5.
    expect(rates.workedLeads).toBe(7);
    expect(share(rates.workedContactRate)).toEqual([5, 7]);
    // Same day in the lead's own zone: first-answered (Madrid 29 Mar),
    // sms-reply (New York 28 Mar), inbound-first = 3. Kolkata's call came
    // after midnight IST, although it is the same day in Madrid.
    expect(share(rates.sameDayContactRate)).toEqual([3, 8]);
    expect(rates.leftOut).toBe(1);
  });

  it("counts a voicemail as a connection, not a contact", async () => {
    const rates = await getCallRates(connection.db, period);

    // Outbound calls started in the period: first-answered 1, three-calls 2
    // (the answer on 30 March is after it), voicemail-only 1, sms-reply 2,
    // kolkata 1, inbound-first 1, late-contact 1, before 1 = 10; the
    // undated lead's call is left out.
    expect(rates.calls).toBe(10);
    // Answered: first-answered, kolkata, inbound-first, before = 4.
    expect(share(rates.callAnswerRate)).toEqual([4, 10]);
    // Plus the voicemails of three-calls and voicemail-only = 6.
    expect(share(rates.connectionRate)).toEqual([6, 10]);
  });

  it("distributes contacted leads by calls up to the first contact", async () => {
    const result = await getAttemptsToContact(connection.db, period);

    // inbound-first 0 (the lead called first), first-answered 1, kolkata 1,
    // sms-reply 2 (the reply came after two calls), three-calls 3.
    expect(result.distribution).toEqual([
      { calls: 0, leads: 1 },
      { calls: 1, leads: 2 },
      { calls: 2, leads: 1 },
      { calls: 3, leads: 1 },
    ]);
    expect(result.contactedLeads).toBe(5);
    expect(result.withoutAttemptLog).toBe(1);
  });

  it("cumulates leads first contacted on call n over all leads", async () => {
    const result = await getContactByAttemptNumber(connection.db, period);

    // Call 1: first-answered, kolkata; call 3: three-calls. sms-reply and
    // inbound-first were first reached otherwise, lead-level has no log.
    expect(result.leads).toBe(8);
    expect(result.points.map((point) => share(point.rate))).toEqual([
      [2, 8],
      [2, 8],
      [3, 8],
      [3, 8],
    ]);
  });

  it("narrows leads to the agent of their first call, calls to their maker", async () => {
    const ana = agentIds.get("Ana") ?? 0;
    const filter = parseMetricFilter({ ...period, agentIds: [ana] });
    const rates = await getContactRates(connection.db, filter);
    const calls = await getCallRates(connection.db, filter);

    // Ana made the first call of first-answered and voicemail-only (the
    // automatic sms before it is no person's); Ben the first of three-calls.
    expect(share(rates.leadContactRate)).toEqual([1, 2]);
    // Ana's calls in the period: first-answered (answered), three-calls (no
    // answer), voicemail-only (voicemail).
    expect(share(calls.callAnswerRate)).toEqual([1, 3]);
    expect(share(calls.connectionRate)).toEqual([2, 3]);
  });

  it("narrows leads to a team through the agent of the first call", async () => {
    const filter = parseMetricFilter({ ...period, teamIds });
    const rates = await getContactRates(connection.db, filter);

    // South is Ben: three-calls and kolkata, both contacted.
    expect(share(rates.leadContactRate)).toEqual([2, 2]);
  });

  it("keeps only contacts and work on the filtered channels", async () => {
    const filter = parseMetricFilter({ ...period, channels: ["sms"] });
    const rates = await getContactRates(connection.db, filter);

    // Only sms-reply's reply is an sms contact; the one outbound sms went to
    // voicemail-only, which never replied.
    expect(share(rates.leadContactRate)).toEqual([1, 8]);
    expect(share(rates.workedContactRate)).toEqual([0, 1]);
  });

  it("shows no data for a period without leads or calls", async () => {
    const empty = parseMetricFilter({ from: "2026-01-01", to: "2026-01-02" });
    const rates = await getContactRates(connection.db, empty);
    const calls = await getCallRates(connection.db, empty);
    const curve = await getContactByAttemptNumber(connection.db, empty);

    expect(rates.leadContactRate.value).toBeNull();
    expect(rates.workedContactRate.value).toBeNull();
    expect(calls.callAnswerRate.value).toBeNull();
    expect(curve.points).toHaveLength(4);
    expect(curve.points[0]?.rate.value).toBeNull();
  });
});
