import { eq } from "drizzle-orm";
import { refreshAggregates } from "@/lib/aggregates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { agents, attempts } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { getSettings } from "@/lib/settings";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { formatDuration } from "./format-minutes";
import { getSalesView } from "./get-sales-view";
import { toSalesCsv } from "./sales-csv";

const at = (iso: string) => new Date(iso);

// Leads belong to the agent of their first call by a person:
//   a1 Ana (North)  answered on the 2nd call           contacted, worked
//   a2 Ana          one failed call                    worked
//   b1 Ben (South)  answered                           contacted, worked
//   c1 Cruz (none)  failed call                        worked, agent without team
//   n1 nobody       no attempt
//   n2 nobody       inbound call from the lead         contacted, not worked
const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  teams: [
    { name: "North", agents: ["Ana"] },
    { name: "South", agents: ["Ben"] },
  ],
  leads: [
    { key: "a1", createdAt: at("2026-09-02T08:00:00Z") },
    { key: "a2", createdAt: at("2026-09-02T09:00:00Z") },
    { key: "b1", createdAt: at("2026-09-03T08:00:00Z") },
    { key: "c1", createdAt: at("2026-09-03T09:00:00Z") },
    { key: "n1", createdAt: at("2026-09-04T08:00:00Z") },
    { key: "n2", createdAt: at("2026-09-04T09:00:00Z") },
  ],
  attempts: [
    call("a1", "2026-09-02T08:05:00Z", "Ana", "no_answer"),
    call("a1", "2026-09-02T10:00:00Z", "Ben", "answered"),
    call("a2", "2026-09-02T09:30:00Z", "Ana", "busy"),
    call("b1", "2026-09-03T08:01:00Z", "Ben", "answered"),
    // Its agent is set to Cruz after the fixture is written.
    call("c1", "2026-09-03T09:10:00Z", "Ana", "no_answer"),
    {
      lead: "n2",
      at: "2026-09-04T09:30:00Z",
      channel: "call",
      direction: "inbound",
      outcome: "answered",
    },
  ] satisfies FixtureAttempt[],
};

function call(
  lead: string,
  iso: string,
  agent: string,
  outcome: FixtureAttempt["outcome"],
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

const filter = parseMetricFilter({ from: "2026-09-01", to: "2026-09-30" });

describe("sales view", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    const { leadIds } = await insertFixture(connection.db, fixture);
    // Cruz works without a team; the fixture builder puts agents in teams.
    const [cruz] = await connection.db
      .insert(agents)
      .values({ externalId: "Cruz", name: "Cruz" })
      .returning();
    await connection.db
      .update(attempts)
      .set({ agentId: cruz?.id })
      .where(eq(attempts.externalId, "attempt-5"));
    await refreshAggregates(connection.db, { leadIds: [...leadIds.values()] });
  });
  afterAll(() => connection.close());

  it("splits contact rates by the agent of the first call, the rest to nobody", async () => {
    const settings = await getSettings(connection.db);
    const view = await getSalesView(connection.db, filter, settings, {
      showAgents: true,
    });
    const row = (r: (typeof view.agents)[number]) =>
      `${r.name}: ${r.leads} leads, contacted ${r.leadContactRate.numerator}/${r.leadContactRate.denominator}, worked ${r.workedContactRate.numerator}/${r.workedContactRate.denominator}`;

    expect(view.agents.map(row)).toEqual([
      "Ana: 2 leads, contacted 1/2, worked 1/2",
      "Ben: 1 leads, contacted 1/1, worked 1/1",
      "Cruz: 1 leads, contacted 0/1, worked 0/1",
      // n1 and n2: only n2 is contacted, neither got an outbound attempt.
      "null: 2 leads, contacted 1/2, worked 0/0",
    ]);
    expect(view.teams.map(row)).toEqual([
      "North: 2 leads, contacted 1/2, worked 1/2",
      "South: 1 leads, contacted 1/1, worked 1/1",
      "null: 3 leads, contacted 1/3, worked 0/1",
    ]);
  });

  it("leaves agent rows out for roles without agent figures", async () => {
    const settings = await getSettings(connection.db);
    const view = await getSalesView(connection.db, filter, settings, {
      showAgents: false,
    });

    expect(view.agents).toEqual([]);
    expect(view.followUp.byAgent).toEqual([]);
    expect(view.compliance.byAgent).toEqual([]);
    expect(view.teams).toHaveLength(3);
  });

  it("exports the team table with numerators, denominators and intervals", async () => {
    const settings = await getSettings(connection.db);
    const view = await getSalesView(connection.db, filter, settings, {
      showAgents: true,
    });
    const lines = toSalesCsv("teams", view, null).split("\r\n");

    expect(lines[0]?.split(",").slice(0, 7)).toEqual([
      "team",
      "leads",
      "lead_contact_rate_numerator",
      "lead_contact_rate_denominator",
      "lead_contact_rate",
      "lead_contact_rate_low",
      "lead_contact_rate_high",
    ]);
    // 1 of 2: Wilson 95 % interval 0.0945–0.9055.
    expect(lines[1]?.split(",").slice(0, 7)).toEqual([
      "North",
      "2",
      "1",
      "2",
      "0.5000",
      "0.0945",
      "0.9055",
    ]);
  });
});

describe("durations in words", () => {
  it("writes minutes with a decimal, then hours, then days", () => {
    expect(formatDuration(null)).toBe("No data");
    expect(formatDuration(3.46)).toBe("3.5 min");
    expect(formatDuration(80)).toBe("1 h 20 min");
    expect(formatDuration(120)).toBe("2 h");
    expect(formatDuration(1530)).toBe("1 d 2 h");
  });
});
