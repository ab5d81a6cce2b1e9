import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { toZonedTime } from "./instants";
import { maskTimelineEntries } from "./present";
import { getLeadTimeline } from "./timeline";
import { leadFixture } from "./test-fixture";

let connection: Connection;
let leadIds: Map<string, number>;

beforeAll(async () => {
  connection = await createTestConnection();
  ({ leadIds } = await insertFixture(connection.db, leadFixture));
});
afterAll(() => connection.close());

async function timelineOf(key: string) {
  const timeline = await getLeadTimeline(connection.db, leadIds.get(key) ?? 0);
  if (!timeline) throw new Error(`no timeline for ${key}`);

  return timeline;
}

describe("lead timeline", () => {
  it("answers null for an unknown lead", async () => {
    expect(await getLeadTimeline(connection.db, 999_999)).toBeNull();
  });

  it("lists calls and messages in order on both clocks", async () => {
    const { entries } = await timelineOf("a2");

    expect(
      entries.map((entry) => [
        entry.channel,
        entry.direction,
        entry.at.lead.wall,
        entry.at.report.wall,
      ]),
    ).toEqual([
      ["call", "outbound", "2026-03-02 10:10", "2026-03-02 10:10"],
      ["whatsapp", "outbound", "2026-03-02 10:20", "2026-03-02 10:20"],
      ["whatsapp", "inbound", "2026-03-02 10:40", "2026-03-02 10:40"],
    ]);
    expect(entries.map((entry) => entry.isContact)).toEqual([
      false,
      false,
      true,
    ]);
    expect(entries.map((entry) => entry.isRecoveryMessage)).toEqual([
      false,
      true,
      false,
    ]);
    expect(entries[0]).toMatchObject({
      outcome: "no_answer",
      agent: "ana",
      team: "North",
    });
    expect(entries[1]).toMatchObject({
      messageStatus: "delivered",
      template: "Missed you",
    });
  });

  it("names the agent of each call to the roles that see per-agent figures only", async () => {
    const { entries } = await timelineOf("a2");
    const actors = (role: Parameters<typeof maskTimelineEntries>[1]) =>
      maskTimelineEntries(entries, role).map((entry) => [
        entry.agent,
        entry.team,
      ]);

    expect(actors("sales_manager")).toEqual([
      ["ana", "North"],
      [null, null],
      [null, null],
    ]);
    expect(actors("executive")).toEqual(actors("sales_manager"));
    expect(actors("marketer")).toEqual([
      ["an agent", null],
      [null, null],
      [null, null],
    ]);
  });

  it("shows a lead in another zone on its own clock and the report's", async () => {
    const { lead, entries } = await timelineOf("a12");

    expect(lead.createdAt?.lead).toEqual({
      wall: "2026-03-02 04:00",
      offset: "UTC-05:00",
      timeZone: "America/New_York",
    });
    expect(lead.createdAt?.report.wall).toBe("2026-03-02 10:00");
    expect(entries[0]?.at.lead.wall).toBe("2026-03-02 10:02");
    expect(lead.preferredSlot?.start.lead.wall).toBe("2026-03-02 10:00");
  });

  it("gives the status times of a message, earliest first", async () => {
    const { entries } = await timelineOf("a9");
    const whatsapp = entries.find((entry) => entry.channel === "whatsapp");

    expect(
      whatsapp?.statusTimes.map((time) => [time.status, time.at.lead.wall]),
    ).toEqual([
      ["sent", "2026-03-02 18:40"],
      ["delivered", "2026-03-02 18:41"],
    ]);
  });

  it("derives recovery with its channel for a recovered lead", async () => {
    const { facts } = await timelineOf("a3");

    expect(facts.recovery).toEqual({
      callFailed: true,
      messaged: true,
      recovered: true,
      channel: "sms",
    });
    expect(facts.contacted).toBe(true);
    expect(facts.firstContactAt?.report.wall).toBe("2026-03-03 11:00");
    expect(facts.lost).toEqual({
      leadClass: "not_converted",
      rule: "not_converted: contacted, did not convert",
    });
  });

  it("says which part of the policy failed and the lost class", async () => {
    const { facts } = await timelineOf("b1");

    expect(facts.policy).toEqual({
      known: true,
      fullyWorked: false,
      policyDone: false,
      callsInWindow: 1,
      slotsInWindow: 1,
      failedParts: ["too_few_calls", "too_few_slots"],
    });
    expect(facts.lost?.leadClass).toBe("follow_up");
    expect(facts.recovery).toEqual({
      callFailed: true,
      messaged: false,
      recovered: false,
      channel: null,
    });
  });

  it("marks a lead fully worked when the whole policy was done", async () => {
    const { facts } = await timelineOf("a9");

    expect(facts.policy).toMatchObject({
      fullyWorked: true,
      policyDone: true,
      callsInWindow: 4,
      slotsInWindow: 4,
      failedParts: [],
    });
    expect(facts.lost?.leadClass).toBe("unreachable");
  });

  it("tells contacted at any time from contacted within the window", async () => {
    const { facts } = await timelineOf("a10");

    expect(facts.contacted).toBe(true);
    expect(facts.contactedWithinWindow).toBe(false);
    expect(facts.recovery?.callFailed).toBe(false);
  });

  it("leaves period-based facts out for a lead without a creation instant", async () => {
    const { lead, facts } = await timelineOf("a14");

    expect(lead.createdAt).toBeNull();
    expect(facts.recovery).toBeNull();
    expect(facts.lost).toBeNull();
    expect(facts.policy.known).toBe(false);
  });

  it("gives a converted lead no lost class", async () => {
    const { facts } = await timelineOf("a4");

    expect(facts.converted).toBe(true);
    expect(facts.lost).toEqual({ leadClass: "converted", rule: null });
  });
});

describe("zoned times", () => {
  it("shows the offset in force at the instant, across a clock change", () => {
    expect(toZonedTime("2026-03-29T00:30:00Z", "Europe/Madrid")).toEqual({
      wall: "2026-03-29 01:30",
      offset: "UTC+01:00",
      timeZone: "Europe/Madrid",
    });
    expect(toZonedTime("2026-03-29T01:30:00Z", "Europe/Madrid").wall).toBe(
      "2026-03-29 03:30",
    );
    expect(toZonedTime("2026-03-29T01:30:00Z", "UTC").offset).toBe("UTC+00:00");
  });

  it("reads an unknown zone as UTC", () => {
    expect(toZonedTime("2026-03-02T09:00:00Z", "Mars/Olympus")).toEqual({
      wall: "2026-03-02 09:00",
      offset: "UTC+00:00",
      timeZone: "UTC",
    });
  });
});
