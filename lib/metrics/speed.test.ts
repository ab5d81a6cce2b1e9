import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import { getSpeedToLead } from "./speed";

const at = (iso: string) => new Date(iso);

// Minutes to the first outbound attempt by a person:
//   quick      3   (an automatic sms 30 s after creation does not count)
//   slot       10  from the preferred slot's start at 12:00Z, not 130
//   new-york   60  created 01:30 EST on 8 March, called 03:30 EDT: the clock
//                  jumped an hour, so two hours on the wall are 60 minutes
//   on-target  5   exactly the target, which counts as within it
//   robot      -   only an automatic attempt: not attempted
//   early-slot 20  a slot that started before creation leaves the clock alone
//   too-early  0   called four hours ahead of the slot it asked for
//   undated    left out
const fixture = {
  settings: { reportTimezone: "Europe/Madrid", speedTargetMinutes: 5 },
  teams: [{ name: "Floor", agents: ["Ana"] }],
  leads: [
    { key: "quick", createdAt: at("2026-03-08T10:00:00Z") },
    {
      key: "slot",
      createdAt: at("2026-03-08T10:00:00Z"),
      preferredSlotStart: at("2026-03-08T12:00:00Z"),
      preferredSlotEnd: at("2026-03-08T13:00:00Z"),
    },
    {
      key: "new-york",
      createdAt: at("2026-03-08T06:30:00Z"),
      timeZone: "America/New_York",
    },
    { key: "on-target", createdAt: at("2026-03-09T09:00:00Z") },
    { key: "robot", createdAt: at("2026-03-09T09:00:00Z") },
    {
      key: "early-slot",
      createdAt: at("2026-03-09T09:00:00Z"),
      preferredSlotStart: at("2026-03-09T08:00:00Z"),
    },
    {
      key: "too-early",
      createdAt: at("2026-03-09T10:00:00Z"),
      preferredSlotStart: at("2026-03-09T14:00:00Z"),
    },
    { key: "undated", createdAt: null },
  ],
  attempts: [
    sms("quick", "2026-03-08T10:00:30Z"),
    call("quick", "2026-03-08T10:03:00Z"),
    call("slot", "2026-03-08T12:10:00Z"),
    call("new-york", "2026-03-08T07:30:00Z"),
    call("on-target", "2026-03-09T09:05:00Z"),
    sms("robot", "2026-03-09T09:00:10Z"),
    call("early-slot", "2026-03-09T09:20:00Z"),
    call("too-early", "2026-03-09T10:01:00Z"),
    call("undated", "2026-03-09T10:01:00Z"),
  ],
};

function call(lead: string, iso: string): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel: "call",
    direction: "outbound",
    outcome: "no_answer",
    agent: "Ana",
  };
}

function sms(lead: string, iso: string): FixtureAttempt {
  return {
    lead,
    at: iso,
    channel: "sms",
    direction: "outbound",
    automated: true,
  };
}

describe("speed to lead", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  it("measures from creation or the later slot start to a person's first attempt", async () => {
    const speed = await getSpeedToLead(
      connection.db,
      parseMetricFilter({ from: "2026-03-08", to: "2026-03-09" }),
    );

    expect(speed.leads).toBe(7);
    expect(speed.attempted).toBe(6);
    expect(speed.notAttempted).toBe(1);
    // Sorted minutes 0 3 5 10 20 60. Median at rank 2.5: (5 + 10) / 2.
    expect(speed.medianMinutes).toBeCloseTo(7.5, 9);
    // 90th percentile at rank 0.9 * 5 = 4.5: 20 + 0.5 * (60 - 20).
    expect(speed.p90Minutes).toBeCloseTo(40, 9);
    // Within 5 minutes: too-early 0, quick 3, on-target 5 = 3, over all 7
    // leads, the robot-only lead included.
    expect(speed.withinTarget.numerator).toBe(3);
    expect(speed.withinTarget.denominator).toBe(7);
    expect(speed.targetMinutes).toBe(5);
    expect(speed.leftOut).toBe(1);
  });

  it("measures across the American clock change on 8 March", async () => {
    const speed = await getSpeedToLead(
      connection.db,
      parseMetricFilter({ from: "2026-03-08", to: "2026-03-08" }),
    );

    // quick 3, slot 10, new-york 60: median 10, p90 at rank 1.8: 10 + 0.8 * 50.
    expect(speed.medianMinutes).toBeCloseTo(10, 9);
    expect(speed.p90Minutes).toBeCloseTo(50, 9);
  });

  it("gives no median and no share without leads, never zero", async () => {
    const speed = await getSpeedToLead(
      connection.db,
      parseMetricFilter({ from: "2026-02-01", to: "2026-02-02" }),
    );

    expect(speed.leads).toBe(0);
    expect(speed.medianMinutes).toBeNull();
    expect(speed.p90Minutes).toBeNull();
    expect(speed.withinTarget.value).toBeNull();
  });
});
