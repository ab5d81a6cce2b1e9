import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { getRateChange, withPrevious } from "./compare";
import { parseMetricFilter } from "./filter";
import { getOverviewFigures } from "./overview";
import { toRate } from "./rate";

const at = (iso: string) => new Date(iso);

// Week of 8-14 March 2026: two leads, one answered. The week before: one
// lead, answered.
const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  leads: [
    { key: "this-week-answered", createdAt: at("2026-03-09T09:00:00Z") },
    { key: "this-week-missed", createdAt: at("2026-03-10T09:00:00Z") },
    { key: "last-week", createdAt: at("2026-03-02T09:00:00Z") },
  ],
  attempts: [
    answered("this-week-answered", "2026-03-09T09:10:00Z"),
    {
      ...answered("this-week-missed", "2026-03-10T09:10:00Z"),
      outcome: "busy" as const,
    },
    answered("last-week", "2026-03-02T09:10:00Z"),
  ],
};

function answered(lead: string, iso: string) {
  return {
    lead,
    at: iso,
    channel: "call" as const,
    direction: "outbound" as const,
    outcome: "answered" as const,
  };
}

describe("comparison with the previous period", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  it("runs the same figure over the seven days before", async () => {
    const filter = parseMetricFilter({ from: "2026-03-08", to: "2026-03-14" });
    const result = await withPrevious(getOverviewFigures)(
      connection.db,
      filter,
    );

    expect(result.previousFilter).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-07",
    });
    expect(result.current.leadContactRate.value).toBe(0.5);
    expect(result.previous.leadContactRate.value).toBe(1);
    // 50 % now against 100 % before: down 50 points.
    expect(
      getRateChange(
        result.current.leadContactRate,
        result.previous.leadContactRate,
      ),
    ).toBe(-50);
  });

  it("gives no change when either period has no data", () => {
    expect(getRateChange(toRate(1, 2), toRate(0, 0))).toBeNull();
  });
});
