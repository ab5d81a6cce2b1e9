import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { getSettings } from "@/lib/settings";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import {
  getRecoveryByChannel,
  getRecoveryByDelay,
  getRecoveryByTemplate,
} from "./recovery";
import { getIncrementalRecovery, getRecoveryFunnel } from "./recovery-funnel";
import { recoveryCtes } from "./recovery-leads";

// Every lead is created on 2 March 2026 at 09:00 UTC (10:00 Madrid) and
// first called at 09:05. Recovery window 7 days.
//   answered-first  first call answered; a failed call and a whatsapp later
//                   never call-failed
//   wa-reply        whatsapp after 3 min (Friendly), stored `read` without a
//                   delivered time; replies on whatsapp 2 days later;
//                   converted                          recovered via whatsapp
//   sms-call        sms after exactly 5 min (Short), stored `failed` though a
//                   delivered time arrived; our call answered 3 days later
//                                                      recovered via sms
//   late-reply      whatsapp after 5 min 1 s, `delivered` with a read time;
//                   reply after 8 days                 not recovered
//   email-silent    email after 120 min, `sent`        not recovered
//   two-channels    sms after 30 min (Short, delivered), whatsapp 2 days
//                   1 hour after the call (Friendly, delivered); whatsapp
//                   reply the next day                 recovered via whatsapp
//   holdout-reached hold-out, no message, answered 2 days later
//   holdout-silent  hold-out, no message, nothing else
//   no-log          no attempts, lead-level "contacted" code
//   ack-first       automatic whatsapp before the first (failed) call
//   undated         no creation instant: left out
//   february        created 27 February: outside the period
const created = new Date("2026-03-02T09:00:00Z");
const firstCall = "2026-03-02T09:05:00Z";

const attempts: FixtureAttempt[] = [
  call("answered-first", firstCall, "answered"),
  call("answered-first", "2026-03-03T09:00:00Z", "no_answer"),
  message("answered-first", "whatsapp", "2026-03-03T09:02:00Z", {}),
  call("wa-reply", firstCall, "no_answer"),
  message("wa-reply", "whatsapp", "2026-03-02T09:08:00Z", {
    template: "Friendly",
    messageStatus: "read",
    readAt: new Date("2026-03-02T09:10:00Z"),
  }),
  reply("wa-reply", "whatsapp", "2026-03-04T12:00:00Z"),
  call("sms-call", firstCall, "busy"),
  message("sms-call", "sms", "2026-03-02T09:10:00Z", {
    template: "Short",
    messageStatus: "failed",
    deliveredAt: new Date("2026-03-02T09:10:30Z"),
    failedAt: new Date("2026-03-02T09:11:00Z"),
  }),
  call("sms-call", "2026-03-05T10:00:00Z", "answered"),
  call("late-reply", firstCall, "no_answer"),
  message("late-reply", "whatsapp", "2026-03-02T09:10:01Z", {
    messageStatus: "delivered",
    readAt: new Date("2026-03-02T10:00:00Z"),
  }),
  reply("late-reply", "whatsapp", "2026-03-10T09:10:02Z"),
  call("email-silent", firstCall, "voicemail"),
  message("email-silent", "email", "2026-03-02T11:05:00Z", {
    messageStatus: "sent",
  }),
  call("two-channels", firstCall, "no_answer"),
  message("two-channels", "sms", "2026-03-02T09:35:00Z", {
    template: "Short",
    messageStatus: "delivered",
  }),
  message("two-channels", "whatsapp", "2026-03-04T10:05:00Z", {
    template: "Friendly",
    messageStatus: "delivered",
  }),
  reply("two-channels", "whatsapp", "2026-03-05T08:00:00Z"),
  call("holdout-reached", firstCall, "no_answer"),
  call("holdout-reached", "2026-03-04T09:05:00Z", "answered"),
  call("holdout-silent", firstCall, "no_answer"),
  message("ack-first", "whatsapp", "2026-03-02T09:00:30Z", {
    automated: true,
  }),
  call("ack-first", firstCall, "no_answer"),
  call("undated", firstCall, "no_answer"),
  message("undated", "whatsapp", "2026-03-02T09:06:00Z", {}),
  call("february", "2026-02-27T09:05:00Z", "no_answer"),
  message("february", "whatsapp", "2026-02-27T09:06:00Z", {}),
];

const fixture = {
  settings: { reportTimezone: "Europe/Madrid", recoveryWindowDays: 7 },
  dispositions: [{ name: "Contacted", contact: true, codes: ["contacted"] }],
  templates: [
    {
      name: "Friendly",
      namesCompanyAndPerson: true,
      statesReason: true,
      professionalTone: true,
      oneNextStep: true,
    },
    { name: "Short", namesCompanyAndPerson: true, oneNextStep: true },
  ],
  leads: [
    { key: "answered-first", createdAt: created },
    { key: "wa-reply", createdAt: created, converted: true },
    { key: "sms-call", createdAt: created },
    { key: "late-reply", createdAt: created },
    { key: "email-silent", createdAt: created },
    { key: "two-channels", createdAt: created },
    { key: "holdout-reached", createdAt: created, holdout: true },
    { key: "holdout-silent", createdAt: created, holdout: true },
    { key: "no-log", createdAt: created, dispositionCode: "contacted" },
    { key: "ack-first", createdAt: created },
    { key: "undated", createdAt: null },
    { key: "february", createdAt: new Date("2026-02-27T09:00:00Z") },
  ],
  attempts,
};

function call(
  lead: string,
  at: string,
  outcome: "answered" | "no_answer" | "busy" | "voicemail",
): FixtureAttempt {
  return { lead, at, channel: "call", direction: "outbound", outcome };
}

function message(
  lead: string,
  channel: "whatsapp" | "sms" | "email",
  at: string,
  rest: Partial<FixtureAttempt>,
): FixtureAttempt {
  return { lead, at, channel, direction: "outbound", ...rest };
}

function reply(
  lead: string,
  channel: "whatsapp" | "sms",
  at: string,
): FixtureAttempt {
  return { lead, at, channel, direction: "inbound" };
}

const march = parseMetricFilter({ from: "2026-03-01", to: "2026-03-31" });

describe("recovery", () => {
  let connection: Connection;
  let leadIds: Map<string, number>;

  beforeAll(async () => {
    connection = await createTestConnection();
    ({ leadIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  it("counts as call-failed only leads whose first call failed", async () => {
    const settings = await getSettings(connection.db);
    const rows = await queryRows<{ leadId: number; recovered: boolean }>(
      connection.db,
      sql`with ${recoveryCtes(march, settings)}
      select lead_id::int as "leadId", recovered from recovery_outcomes`,
    );
    const keys = [...leadIds.entries()]
      .filter(([, id]) => rows.some((row) => row.leadId === id))
      .map(([key]) => key)
      .sort();

    // Not answered-first (its first call was answered), not no-log (no
    // calls), not undated or february (outside the period). sms-call and
    // holdout-reached answered a later call and stay call-failed.
    expect(keys).toEqual([
      "ack-first",
      "email-silent",
      "holdout-reached",
      "holdout-silent",
      "late-reply",
      "sms-call",
      "two-channels",
      "wa-reply",
    ]);
  });

  it("credits a reply to its channel and a later call to the last message", async () => {
    const result = await getRecoveryByChannel(connection.db, march);

    // Messaged: wa-reply, sms-call, late-reply, email-silent, two-channels.
    // Recovered: wa-reply, two-channels (whatsapp replies), sms-call (call
    // after an sms); late-reply answered after 8 days, outside the window.
    expect(result.callFailed).toBe(8);
    expect(result.messaged).toBe(5);
    expect(result.total).toMatchObject({ numerator: 3, denominator: 5 });
    // whatsapp: wa-reply, late-reply, two-channels sent; 2 recovered via it.
    // sms: sms-call, two-channels sent; sms-call recovered via it.
    expect(
      result.channels.map(({ channel, rate }) => [
        channel,
        rate.numerator,
        rate.denominator,
      ]),
    ).toEqual([
      ["whatsapp", 2, 3],
      ["sms", 1, 2],
      ["email", 0, 1],
    ]);
    expect(result.recoveredOnOtherChannel).toBe(0);
    expect(result.leftOut).toBe(1);
  });

  it("puts a message sent exactly 5 minutes after the call in the ≤ 5 bucket", async () => {
    const result = await getRecoveryByDelay(connection.db, march);
    const summary = result.buckets.map((entry) => ({
      bucket: entry.bucket,
      leads: [entry.rate.numerator, entry.rate.denominator],
      channels: entry.channels.map(({ channel, rate }) => [
        channel,
        rate.numerator,
        rate.denominator,
      ]),
    }));

    // First recovery message per lead: wa-reply 3 min, sms-call 5 min 0 s,
    // late-reply 5 min 1 s, two-channels 30 min (its sms), email-silent
    // 120 min. two-channels' whatsapp went 2 days 1 hour (2940 min) after
    // the last call, so on that channel it sits above 24 h.
    expect(summary).toEqual([
      {
        bucket: "up_to_5",
        leads: [2, 2],
        channels: [
          ["whatsapp", 1, 1],
          ["sms", 1, 1],
        ],
      },
      {
        bucket: "5_to_60",
        leads: [1, 2],
        channels: [
          ["whatsapp", 0, 1],
          ["sms", 0, 1],
        ],
      },
      { bucket: "60_to_1440", leads: [0, 1], channels: [["email", 0, 1]] },
      { bucket: "over_1440", leads: [0, 0], channels: [["whatsapp", 1, 1]] },
    ]);
    expect(result.buckets[3]?.rate.value).toBeNull();
  });

  it("credits a template with the last message before the contact", async () => {
    const result = await getRecoveryByTemplate(connection.db, march);

    // Friendly: wa-reply and two-channels, both recovered by it.
    // Short: sms-call (recovered by it) and two-channels, whose contact came
    // after its later Friendly whatsapp. No template: late-reply and
    // email-silent, neither recovered.
    expect(
      result.templates.map((entry) => [
        entry.name,
        entry.checksPassed,
        entry.rate.numerator,
        entry.rate.denominator,
      ]),
    ).toEqual([
      ["Friendly", 4, 2, 2],
      ["Short", 2, 1, 2],
      [null, null, 0, 2],
    ]);
    expect(result.templates[1]?.checks).toEqual({
      namesCompanyAndPerson: true,
      statesReason: false,
      professionalTone: false,
      oneNextStep: true,
    });
  });

  it("reads the furthest stored status and lets a reply imply reading", async () => {
    const result = await getRecoveryFunnel(connection.db, march);

    // Leads of March: 10 (undated and february are not).
    // Call-failed 8 of 10; messaged 5 of 8.
    // Delivered 4 of 5: wa-reply (read implies delivered), sms-call
    // (failed, but reported delivered), late-reply, two-channels; not
    // email-silent (sent). Read 3 of 4: wa-reply, late-reply (read time on
    // a delivered row), two-channels (replied); not sms-call.
    // Replied or called back 2 of 3: wa-reply, two-channels (sms-call was
    // reached by our call). Converted 1 of 2: wa-reply.
    expect(result.leads).toBe(10);
    expect(
      result.steps.map(({ step, rate }) => [
        step,
        rate.numerator,
        rate.denominator,
      ]),
    ).toEqual([
      ["call_failed", 8, 10],
      ["messaged", 5, 8],
      ["delivered", 4, 5],
      ["read", 3, 4],
      ["responded", 2, 3],
      ["converted", 1, 2],
    ]);
  });

  it("subtracts the hold-out's contact rate from the recovery rate", async () => {
    const result = await getIncrementalRecovery(connection.db, march);

    // Messaged 3 of 5 recovered = 0.6. Hold-out: holdout-reached answered
    // 2 days after its failed call, holdout-silent never: 1 of 2 = 0.5.
    // 0.6 − 0.5 = 0.1, with Newcombe's interval from the Wilson intervals
    // [0.2307, 0.8824] of 3/5 and [0.0945, 0.9055] of 1/2:
    // low = 0.1 − √((0.6 − 0.2307)² + (0.9055 − 0.5)²) = 0.1 − 0.5484,
    // high = 0.1 + √((0.8824 − 0.6)² + (0.5 − 0.0945)²) = 0.1 + 0.4941.
    expect(result.messaged).toMatchObject({ numerator: 3, denominator: 5 });
    expect(result.holdout).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.incremental.difference).toBeCloseTo(0.1, 10);
    expect(result.incremental.low).toBeCloseTo(-0.4484, 4);
    expect(result.incremental.high).toBeCloseTo(0.5941, 4);
    expect(result.incremental.significant).toBe(false);
    expect(result.holdoutMessaged).toBe(0);
  });

  it("narrows recovery messages to the filtered channels", async () => {
    const sms = parseMetricFilter({ ...march, channels: ["sms"] });
    const result = await getRecoveryByChannel(connection.db, sms);

    // Only sms-call and two-channels got an sms. two-channels' contact came
    // within 7 days of its sms too, so it is recovered, credited to the
    // whatsapp reply: a channel it got no recovery message on here.
    expect(result.messaged).toBe(2);
    expect(result.total).toMatchObject({ numerator: 2, denominator: 2 });
    expect(
      result.channels.map(({ channel, rate }) => [
        channel,
        rate.numerator,
        rate.denominator,
      ]),
    ).toEqual([["sms", 1, 2]]);
    expect(result.recoveredOnOtherChannel).toBe(1);
  });
});
