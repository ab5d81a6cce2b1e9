import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { getSettings } from "@/lib/settings";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import { getFollowUpCompliance, policyStatusCte } from "./policy";

const at = (iso: string) => new Date(iso);
// 22:00 CEST on Saturday 24 October; Madrid's clocks go back at 01:00Z on
// the 25th, so the 24-hour policy window ends at 21:00 CET (20:00Z).
const created = at("2026-10-24T20:00:00Z");

// Policy: 3 calls in 2 distinct slots within 24 hours, plus a recovery
// message when the lead consented to whatsapp or sms. Slots are the
// defaults: morning 8-12, midday 12-15, afternoon 15-18, evening 18-21.
//   done        Ana  08:30 12:30 20:30 CET, whatsapp after     fully worked
//   no-recovery Ana  same calls; consent only on sms; an sms before the
//                    last call, a whatsapp (no consent) after  no recovery
//   one-slot    Ben  07:30 (no slot) 09:00 11:30 CET          too few slots
//   two-calls   Ben  09:00 19:00 CET, a third after the window too few calls
//   late        Ben  first call 30 hours after creation       late, too few
//   answered    Ana  answered                                 contacted
//   kolkata     Ana  08:30 12:30 15:30 21:30 IST              fully worked
//   no-log      none no attempts at all                       every part missed
//   lead-level  none no attempts, lead code "Spoke"           contacted
//   extra-call  Ana  as done, then a fourth call the next     fully worked
//                    morning, after the window: the whatsapp
//                    followed the window's last failed call
//   held-out    Ana  as done, no message, in the recovery     fully worked
//                    hold-out: a message was not allowed
const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    policyCalls: 3,
    policySlots: 2,
    policyWindowHours: 24,
  },
  teams: [
    { name: "North", agents: ["Ana"] },
    { name: "South", agents: ["Ben"] },
  ],
  dispositions: [{ name: "Spoke", contact: true, codes: ["spoke"] }],
  leads: [
    { key: "done", createdAt: created, consentWhatsapp: true },
    { key: "no-recovery", createdAt: created, consentSms: true },
    { key: "one-slot", createdAt: created, source: "Ads" },
    {
      key: "two-calls",
      createdAt: created,
      source: "Ads",
      consentWhatsapp: false,
    },
    { key: "late", createdAt: created },
    { key: "answered", createdAt: created, consentWhatsapp: true },
    {
      key: "kolkata",
      createdAt: at("2026-10-24T22:00:00Z"),
      timeZone: "Asia/Kolkata",
    },
    { key: "no-log", createdAt: created },
    { key: "lead-level", createdAt: created, dispositionCode: "spoke" },
    { key: "extra-call", createdAt: created, consentWhatsapp: true },
    {
      key: "held-out",
      createdAt: created,
      consentWhatsapp: true,
      holdout: true,
    },
    { key: "undated", createdAt: null },
  ],
  attempts: [
    call("done", "2026-10-25T07:30:00Z", "Ana"),
    call("done", "2026-10-25T11:30:00Z", "Ana"),
    call("done", "2026-10-25T19:30:00Z", "Ana"),
    message("done", "whatsapp", "2026-10-25T19:45:00Z"),
    call("no-recovery", "2026-10-25T07:30:00Z", "Ana"),
    call("no-recovery", "2026-10-25T11:30:00Z", "Ana"),
    message("no-recovery", "sms", "2026-10-25T12:00:00Z"),
    call("no-recovery", "2026-10-25T19:30:00Z", "Ana"),
    message("no-recovery", "whatsapp", "2026-10-25T19:45:00Z"),
    call("one-slot", "2026-10-25T06:30:00Z", "Ben"),
    call("one-slot", "2026-10-25T08:00:00Z", "Ben"),
    call("one-slot", "2026-10-25T10:30:00Z", "Ben"),
    call("two-calls", "2026-10-25T08:00:00Z", "Ben"),
    call("two-calls", "2026-10-25T18:00:00Z", "Ben"),
    call("two-calls", "2026-10-25T21:00:00Z", "Ben"),
    call("late", "2026-10-26T02:00:00Z", "Ben"),
    { ...call("answered", "2026-10-24T20:05:00Z", "Ana"), outcome: "answered" },
    call("kolkata", "2026-10-25T03:00:00Z", "Ana"),
    call("kolkata", "2026-10-25T07:00:00Z", "Ana"),
    call("kolkata", "2026-10-25T10:00:00Z", "Ana"),
    call("kolkata", "2026-10-25T16:00:00Z", "Ana"),
    call("extra-call", "2026-10-25T07:30:00Z", "Ana"),
    call("extra-call", "2026-10-25T11:30:00Z", "Ana"),
    call("extra-call", "2026-10-25T19:30:00Z", "Ana"),
    message("extra-call", "whatsapp", "2026-10-25T19:45:00Z"),
    call("extra-call", "2026-10-26T09:00:00Z", "Ana"),
    call("held-out", "2026-10-25T07:30:00Z", "Ana"),
    call("held-out", "2026-10-25T11:30:00Z", "Ana"),
    call("held-out", "2026-10-25T19:30:00Z", "Ana"),
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
  channel: "whatsapp" | "sms",
  iso: string,
): FixtureAttempt {
  return { lead, at: iso, channel, direction: "outbound", automated: true };
}

const period = parseMetricFilter({ from: "2026-10-24", to: "2026-10-25" });

type StatusRow = {
  key: string;
  calls: number;
  slots: number;
  parts: string;
  fullyWorked: boolean;
  hasAttemptLog: boolean;
};

describe("contact policy", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  it("tells for each lead which part of the policy failed", async () => {
    const settings = await getSettings(connection.db);
    const rows = await queryRows<StatusRow>(
      connection.db,
      sql`with ${policyStatusCte(settings)}
      select l.external_id::text as key, p.calls_in_window as calls,
        p.slots_in_window as slots,
        concat_ws(' ',
          case when p.late_first_attempt then 'late' end,
          case when p.too_few_calls then 'calls' end,
          case when p.too_few_slots then 'slots' end,
          case when p.no_recovery_message then 'recovery' end)::text as parts,
        p.fully_worked as "fullyWorked", p.has_attempt_log as "hasAttemptLog"
      from policy_status p join leads l on l.id = p.lead_id
      where l.created_at is not null order by l.id`,
    );

    expect(
      rows.map(
        (row) =>
          `${row.key}: ${row.calls} ${row.slots} [${row.parts}] ${row.fullyWorked}`,
      ),
    ).toEqual([
      "done: 3 3 [] true",
      "no-recovery: 3 3 [recovery] false",
      "one-slot: 3 1 [slots] false",
      "two-calls: 2 2 [calls] false",
      "late: 0 0 [late calls slots] false",
      // Contacted: fully worked whatever the parts say (22:05 is no slot).
      "answered: 1 0 [calls slots] true",
      // 21:30 IST is in no slot: 4 calls, 3 slots.
      "kolkata: 4 3 [] true",
      "no-log: 0 0 [late calls slots] false",
      "lead-level: 0 0 [late calls slots] true",
      // The call of the 26th is outside the window: 3 calls, 3 slots.
      "extra-call: 3 3 [] true",
      "held-out: 3 3 [] true",
    ]);
    expect(
      rows.filter((row) => !row.hasAttemptLog).map((row) => row.key),
    ).toEqual(["no-log", "lead-level"]);
  });

  it("computes follow-up compliance overall and per agent, team and source", async () => {
    const result = await getFollowUpCompliance(connection.db, period);
    const summary = (group: (typeof result.byAgent)[number]) =>
      `${group.name}: ${group.compliance.numerator}/${group.compliance.denominator}`;

    // Fully worked: done, answered, kolkata, lead-level, extra-call,
    // held-out = 6 of 11.
    expect(summary(result.overall)).toBe("null: 6/11");
    // Ana's leads: done, no-recovery, answered, kolkata, extra-call,
    // held-out (all but no-recovery fully worked); Ben's: one-slot,
    // two-calls, late; nobody's: no-log, lead-level.
    expect(result.byAgent.map(summary)).toEqual([
      "Ana: 5/6",
      "Ben: 0/3",
      "null: 1/2",
    ]);
    expect(result.byTeam.map(summary)).toEqual([
      "North: 5/6",
      "South: 0/3",
      "null: 1/2",
    ]);
    // Ads: one-slot, two-calls; Web: the other nine.
    expect(result.bySource.map(summary)).toEqual(["Ads: 0/2", "Web: 6/9"]);
    expect(result.leftOut).toBe(1);
  });

  it("counts the missed parts of leads not contacted", async () => {
    const result = await getFollowUpCompliance(connection.db, period);

    // late: late, no-log; calls: two-calls, late, no-log; slots: one-slot,
    // late, no-log; recovery: no-recovery. answered and lead-level were
    // contacted, so their missing parts are not gaps.
    expect(result.overall.gaps).toEqual({
      lateFirstAttempt: 2,
      tooFewCalls: 3,
      tooFewSlots: 3,
      noRecoveryMessage: 1,
    });
  });

  it("shows no data for a period without leads", async () => {
    const result = await getFollowUpCompliance(
      connection.db,
      parseMetricFilter({ from: "2026-01-01", to: "2026-01-01" }),
    );

    expect(result.overall.compliance.denominator).toBe(0);
    expect(result.overall.compliance.value).toBeNull();
    expect(result.byAgent).toEqual([]);
  });
});
