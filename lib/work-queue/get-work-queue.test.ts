import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { getWorkQueue } from "./get-work-queue";

const at = (iso: string) => new Date(iso);
// 16:20 CEST on Tuesday 15 September 2026 in the reporting zone.
const now = at("2026-09-15T14:20:00Z");

// Default policy: 4 calls in 3 slots within 24 hours, then a recovery
// message when the lead consented to whatsapp or sms. Local times below are
// Madrid's (CEST) unless said otherwise.
//   fresh          created 16:08, no call                    first call
//   two-calls      created 10:00, calls 10:05 and 13:00      further call
//   recovery       4 failed calls in 3 slots, whatsapp yes   recovery message
//   recovery-sent  the same and a whatsapp after the calls   done: not listed
//   answered       an answered call                          contacted
//   yesterday      created on the 14th                       not today
//   new-york       08:00 EDT, one call 08:30, sms after it   further call
//   test-record    is_test                                   left out
//   opted-out      a call coded "dnc" (do not contact)       left out
//   invalid        a call ended invalid_number               left out
//   refused-calls  consent_call false, no call               waits for none
//   ads            created 15:00, no call, source Ads        first call
//   after-now      created 16:30, after now                  not yet
//   duplicate      a duplicate lead of an earlier person     left out
const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  teams: [{ name: "Floor", agents: ["Ana"] }],
  dispositions: [{ name: "Do not call", doNotContact: true, codes: ["dnc"] }],
  leads: [
    { key: "fresh", createdAt: at("2026-09-15T14:08:00Z") },
    {
      key: "two-calls",
      createdAt: at("2026-09-15T08:00:00Z"),
      phoneE164: "+34612345612",
    },
    {
      key: "recovery",
      createdAt: at("2026-09-15T07:00:00Z"),
      consentWhatsapp: true,
    },
    {
      key: "recovery-sent",
      createdAt: at("2026-09-15T07:00:00Z"),
      consentWhatsapp: true,
    },
    { key: "answered", createdAt: at("2026-09-15T09:00:00Z") },
    { key: "yesterday", createdAt: at("2026-09-14T20:00:00Z") },
    {
      key: "new-york",
      createdAt: at("2026-09-15T12:00:00Z"),
      timeZone: "America/New_York",
      consentSms: true,
    },
    { key: "test-record", createdAt: at("2026-09-15T09:00:00Z"), isTest: true },
    { key: "opted-out", createdAt: at("2026-09-15T09:00:00Z") },
    { key: "invalid", createdAt: at("2026-09-15T09:00:00Z") },
    {
      key: "refused-calls",
      createdAt: at("2026-09-15T09:00:00Z"),
      consentCall: false,
    },
    { key: "ads", createdAt: at("2026-09-15T13:00:00Z"), source: "Ads" },
    { key: "after-now", createdAt: at("2026-09-15T14:30:00Z") },
    {
      key: "duplicate",
      createdAt: at("2026-09-15T09:00:00Z"),
      isDuplicate: true,
    },
  ],
  attempts: [
    call("two-calls", "2026-09-15T08:05:00Z"),
    call("two-calls", "2026-09-15T11:00:00Z", "busy"),
    ...fourFailedCalls("recovery"),
    ...fourFailedCalls("recovery-sent"),
    message("recovery-sent", "whatsapp", "2026-09-15T14:05:00Z"),
    call("answered", "2026-09-15T09:10:00Z", "answered"),
    call("new-york", "2026-09-15T12:30:00Z"),
    message("new-york", "sms", "2026-09-15T12:40:00Z"),
    { ...call("opted-out", "2026-09-15T09:05:00Z"), dispositionCode: "DNC" },
    call("invalid", "2026-09-15T09:05:00Z", "invalid_number"),
  ] satisfies FixtureAttempt[],
};

function call(
  lead: string,
  iso: string,
  outcome: FixtureAttempt["outcome"] = "no_answer",
): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel: "call",
    direction: "outbound",
    outcome,
    agent: "Ana",
  };
}

function fourFailedCalls(lead: string): FixtureAttempt[] {
  // 09:02 morning, 12:30 midday, 15:30 and 16:00 afternoon.
  return [
    "2026-09-15T07:02:00Z",
    "2026-09-15T10:30:00Z",
    "2026-09-15T13:30:00Z",
    "2026-09-15T14:00:00Z",
  ].map((iso) => call(lead, iso));
}

function message(
  lead: string,
  channel: "whatsapp" | "sms",
  iso: string,
): FixtureAttempt {
  return { lead, at: iso, channel, direction: "outbound", agent: "Ana" };
}

// The period does not matter: the queue is always today's.
const filter = parseMetricFilter({ from: "2026-08-01", to: "2026-08-31" });

describe("work queue", () => {
  let connection: Connection;
  let sourceIds: Map<string, number>;
  beforeAll(async () => {
    connection = await createTestConnection();
    ({ sourceIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  it("lists today's leads that still wait, first calls first, with the reason", async () => {
    const queue = await getWorkQueue(connection.db, filter, { now });

    expect(queue.day).toBe("2026-09-15");
    // Today so far, test record and duplicate aside: 10 leads, of which
    // answered is the one contacted.
    expect([queue.leadsToday, queue.contactedToday]).toEqual([10, 1]);
    expect(
      queue.items.map((item) => `${item.externalId}: ${item.reason}`),
    ).toEqual([
      "ads: no call yet, created 1 h 20 min ago",
      "fresh: no call yet, created 12 min ago",
      "recovery: all calls failed, no recovery message yet, consent: WhatsApp",
      "two-calls: 2 of 4 policy calls, 2 of 3 slots, next slot: afternoon (now)",
      // 10:20 EDT: morning is used, midday starts at 12:00 EDT.
      "new-york: 1 of 4 policy calls, 1 of 3 slots, next slot: midday (from 12:00)",
    ]);
  });

  it("gives the policy facts behind each reason", async () => {
    const queue = await getWorkQueue(connection.db, filter, { now });
    const byKey = new Map(queue.items.map((item) => [item.externalId, item]));
    const twoCalls = byKey.get("two-calls");
    const newYork = byKey.get("new-york");

    expect(twoCalls).toMatchObject({
      waits: ["further_call"],
      callsInWindow: 2,
      slotsInWindow: 2,
      usedSlots: ["midday", "morning"],
      phoneE164: "+34612345612",
      minutesWaiting: 380,
      windowEndsAt: "2026-09-16T08:00:00Z",
    });
    expect(newYork?.nextSlot?.at.toISOString()).toBe(
      "2026-09-15T16:00:00.000Z",
    );
    expect(newYork?.recoveryChannels).toEqual(["sms"]);
    expect(byKey.get("recovery")).toMatchObject({
      waits: ["recovery_message"],
      callsInWindow: 4,
      slotsInWindow: 3,
      nextSlot: null,
    });
  });

  it("narrows the queue by source", async () => {
    const ads = sourceIds.get("Ads") ?? 0;
    const queue = await getWorkQueue(
      connection.db,
      { ...filter, sourceIds: [ads] },
      { now },
    );

    expect(queue.items.map((item) => item.externalId)).toEqual(["ads"]);
  });

  it("is empty before the day's first lead", async () => {
    const queue = await getWorkQueue(connection.db, filter, {
      now: at("2026-09-14T22:30:00Z"),
    });

    // 00:30 on the 15th: no lead of the 15th exists yet.
    expect(queue.day).toBe("2026-09-15");
    expect(queue.leadsToday).toBe(0);
    expect(queue.items).toEqual([]);
  });
});
