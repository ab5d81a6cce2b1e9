import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import {
  type LostLeadSplit,
  getLostLeadSplit,
  listLostLeads,
  lostLeadClasses,
} from "./lost-leads";
import { describeLostLeadRule, isPolicyWindowOpen } from "./lost-lead-rules";

// The default policy: 4 calls in at least 3 slots within 24 hours, plus a
// recovery message where a message channel has consent. Leads created
// 2 March 2026 09:00 UTC = 10:00 Madrid; slots on the Madrid clock.
//   Web, 13 leads, one per rule:
//     c1 converted          d1 "stop" code (do not contact)
//     d2 consent refused on all four channels
//     l1 duplicate, contacted   l2 invalid_number   l3 test record
//     u1 no attempt, a last outcome of its own (no attempt log)
//     n1 contacted, not converted
//     f1 2 calls (morning, midday)      f2 4 calls, all in the morning
//     f3 4 calls in 3 slots, sms consent, no message
//     f4 first call two days later
//     r1 4 calls in 4 slots, whatsapp consent, whatsapp sent
//   Ads, 10 leads, each one failed call: all follow_up.
const created = new Date("2026-03-02T09:00:00Z");
const morning = ["09:05", "09:30", "10:00", "10:30"];
const spread = ["09:05", "11:30", "14:30", "17:30"];

const attempts: FixtureAttempt[] = [
  call("c1", "09:05", "answered"),
  call("d1", "09:05", "no_answer"),
  call("l1", "09:05", "answered"),
  call("l2", "09:05", "invalid_number"),
  call("l3", "09:05", "no_answer"),
  call("n1", "09:05", "answered"),
  ...spread.slice(0, 2).map((time) => call("f1", time, "no_answer")),
  ...morning.map((time) => call("f2", time, "no_answer")),
  ...["09:05", "11:30", "14:30", "15:00"].map((time) =>
    call("f3", time, "busy"),
  ),
  { ...call("f4", "09:05", "no_answer"), at: "2026-03-04T09:05:00Z" },
  ...spread.map((time) => call("r1", time, "no_answer")),
  {
    lead: "r1",
    at: "2026-03-02T17:40:00Z",
    channel: "whatsapp",
    direction: "outbound",
    messageStatus: "delivered",
  },
  ...ads().map((key) => call(key, "09:05", "no_answer")),
];

function call(
  lead: string,
  time: string,
  outcome: "answered" | "no_answer" | "busy" | "invalid_number",
): FixtureAttempt {
  const at = `2026-03-02T${time}:00Z`;

  return { lead, at, channel: "call", direction: "outbound", outcome };
}

function ads() {
  return Array.from({ length: 10 }, (_, index) => `ads-${index + 1}`);
}

const web = (key: string, rest: Record<string, unknown> = {}) => ({
  key,
  source: "Web",
  createdAt: created,
  ...rest,
});

const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  dispositions: [{ name: "Stop", doNotContact: true, codes: ["stop"] }],
  leads: [
    web("c1", { converted: true }),
    web("d1", { dispositionCode: "STOP" }),
    web("d2", {
      consentCall: false,
      consentWhatsapp: false,
      consentSms: false,
      consentEmail: false,
    }),
    web("l1", { isDuplicate: true }),
    web("l2"),
    web("l3", { isTest: true }),
    web("u1", { dispositionCode: "no answer" }),
    web("n1"),
    web("f1"),
    web("f2"),
    web("f3", { consentSms: true }),
    web("f4"),
    web("r1", { consentWhatsapp: true }),
    ...ads().map((key) => ({ key, source: "Ads", createdAt: created })),
    { key: "undated", source: "Web", createdAt: null },
  ],
  attempts,
};

const march = parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" });

describe("lost-lead split", () => {
  let connection: Connection;
  let split: LostLeadSplit;

  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
    split = await getLostLeadSplit(connection.db, march);
  });
  afterAll(() => connection.close());

  it("puts every lead in one class, and classes plus converted add up", () => {
    for (const group of [split.total, ...split.sources]) {
      const classes = lostLeadClasses.map(
        (leadClass) => group.classes[leadClass].leads,
      );
      expect(group.converted + classes.reduce((a, b) => a + b, 0)).toBe(
        group.leads,
      );
    }
    expect(split.sources.map((row) => [row.source, row.leads])).toEqual([
      ["Ads", 10],
      ["Web", 13],
    ]);
    expect(split.leftOut).toBe(1);
  });

  it("counts each class in METRICS.md's order", () => {
    const webRow = split.sources.find((row) => row.source === "Web");
    const counts = (group: LostLeadSplit["total"] | undefined) =>
      group &&
      Object.fromEntries(
        lostLeadClasses.map((leadClass) => [
          leadClass,
          group.classes[leadClass].leads,
        ]),
      );

    // l1 was contacted but is a duplicate: lead data comes first.
    expect(webRow?.converted).toBe(1);
    expect(counts(webRow)).toEqual({
      do_not_contact: 2,
      lead_data: 3,
      not_contacted_unknown_effort: 1,
      follow_up: 4,
      unreachable: 1,
      not_converted: 1,
    });
    expect(split.total.classes.follow_up.share).toMatchObject({
      numerator: 14,
      denominator: 23,
    });
  });

  it("flags a source whose share lies beyond the 95 % interval", () => {
    const adsRow = split.sources.find((row) => row.source === "Ads");
    const webRow = split.sources.find((row) => row.source === "Web");

    // Newcombe's interval from the Wilson intervals of each share.
    // follow_up: Ads 10/10 = 1, Wilson [0.7225, 1]; Web 4/13 = 0.3077,
    // Wilson [0.1268, 0.5763]. Difference 0.6923; low = 0.6923 −
    // √((1 − 0.7225)² + (0.5763 − 0.3077)²) = 0.6923 − 0.3862 = 0.3061.
    expect(adsRow?.classes.follow_up.versusOthers.difference).toBeCloseTo(
      0.6923,
      4,
    );
    expect(adsRow?.classes.follow_up.versusOthers.low).toBeCloseTo(0.3061, 4);
    expect(adsRow?.classes.follow_up.flagged).toBe(true);
    // do_not_contact: Web 2/13 = 0.1538, Wilson [0.0433, 0.4223], against
    // 0/10, Wilson [0, 0.2775]: low = 0.1538 − √(0.1105² + 0.2775²)
    // = 0.1538 − 0.2987 = −0.1449, which includes zero.
    expect(webRow?.classes.do_not_contact.versusOthers.low).toBeCloseTo(
      -0.1449,
      4,
    );
    expect(webRow?.classes.do_not_contact.flagged).toBe(false);
    // unreachable: 1/13 against 0/10, low −0.2077: not flagged.
    expect(webRow?.classes.unreachable.flagged).toBe(false);
  });

  it("gives each lead the rule that placed it", async () => {
    const page = await listLostLeads(connection.db, march, {
      leadClass: "follow_up",
      sourceId: split.sources.find((row) => row.source === "Web")?.sourceId,
      limit: 10,
      offset: 0,
    });
    const rules = Object.fromEntries(
      page.leads.map((lead) => [lead.externalId, lead.rule]),
    );

    expect(page.total).toBe(4);
    expect(rules).toEqual({
      f1: {
        code: "follow_up.too_few_calls",
        sentence: "follow_up: 2 of 4 policy calls made; calls in 2 of 3 slots",
      },
      f2: {
        code: "follow_up.too_few_slots",
        sentence: "follow_up: calls in 1 of 3 slots",
      },
      f3: {
        code: "follow_up.no_recovery_message",
        sentence:
          "follow_up: no recovery message after the last failed call of the window",
      },
      f4: {
        code: "follow_up.late_first_attempt",
        sentence: "follow_up: no call within the first 24 hours",
      },
    });
  });

  it("names the rule of every other class", async () => {
    const rules: Record<string, string> = {};
    for (const leadClass of lostLeadClasses) {
      const page = await listLostLeads(connection.db, march, {
        leadClass,
        limit: 50,
        offset: 0,
      });
      for (const lead of page.leads) rules[lead.externalId] = lead.rule.code;
    }

    expect(rules).toMatchObject({
      d1: "do_not_contact.opted_out",
      d2: "do_not_contact.no_consent",
      l1: "lead_data.duplicate",
      l2: "lead_data.invalid_contact",
      l3: "lead_data.test_record",
      u1: "not_contacted_unknown_effort.no_attempt_log",
      r1: "unreachable.policy_done",
      n1: "not_converted.contacted",
    });
    expect(rules.c1).toBeUndefined();
    expect(Object.keys(rules)).toHaveLength(22);
  });

  it("pages through a class and keeps the total past the end", async () => {
    const options = { leadClass: "follow_up" as const, limit: 5 };
    const first = await listLostLeads(connection.db, march, {
      ...options,
      offset: 0,
    });
    const beyond = await listLostLeads(connection.db, march, {
      ...options,
      offset: 20,
    });

    expect([first.total, first.leads.length]).toEqual([14, 5]);
    expect([beyond.total, beyond.leads.length]).toEqual([14, 0]);
  });
});

describe("a lost lead's rule while its policy window is open", () => {
  const settings = { policyCalls: 4, policySlots: 3, policyWindowHours: 24 };
  const evidence = {
    callsInWindow: 1,
    slotsInWindow: 1,
    tooFewCalls: true,
    tooFewSlots: true,
    noRecoveryMessage: false,
  };

  it("says the window is still open, and no call yet rather than none in it", () => {
    // Created an hour before now: 23 hours of the window are left.
    const createdAt = "2026-12-05T10:00:00Z";
    const now = Date.parse("2026-12-05T11:00:00Z");

    expect(
      describeLostLeadRule(
        { ...evidence, ruleCode: "follow_up.too_few_calls", createdAt },
        settings,
        now,
      ),
    ).toBe(
      "follow_up: 1 of 4 policy calls made; calls in 1 of 3 slots (its 24-hour policy window is still open)",
    );
    expect(
      describeLostLeadRule(
        {
          ...evidence,
          callsInWindow: 0,
          slotsInWindow: 0,
          ruleCode: "follow_up.late_first_attempt",
          createdAt,
        },
        settings,
        now,
      ),
    ).toBe("follow_up: no call yet (its 24-hour policy window is still open)");
  });

  it("counts the window open up to, not at, 24 hours after creation", () => {
    const created = "2026-12-05T10:00:00Z";

    expect(
      isPolicyWindowOpen(created, settings, Date.parse("2026-12-06T09:59:59Z")),
    ).toBe(true);
    expect(
      isPolicyWindowOpen(created, settings, Date.parse("2026-12-06T10:00:00Z")),
    ).toBe(false);
    expect(isPolicyWindowOpen(null, settings)).toBe(false);
  });
});
