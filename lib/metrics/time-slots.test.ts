import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { parseMetricFilter } from "./filter";
import { type TimeSlotGrid, getTimeSlotGrid } from "./time-slots";

const at = (iso: string) => new Date(iso);
const created = at("2026-03-01T00:00:00Z");

// Cells are (ISO weekday, local hour); 29 March, 25 October, 8 March and
// 1 November 2026 are Sundays (7), the days the clocks change.
const fixture = {
  settings: { reportTimezone: "Europe/Madrid", minCellAttempts: 2 },
  leads: [
    { key: "madrid", createdAt: created },
    {
      key: "kolkata",
      createdAt: created,
      timeZone: "Asia/Kolkata",
      source: "Ads",
    },
    { key: "kathmandu", createdAt: created, timeZone: "Asia/Kathmandu" },
    { key: "new-york", createdAt: created, timeZone: "America/New_York" },
    {
      key: "slot",
      createdAt: created,
      preferredSlotStart: at("2026-03-26T09:00:00Z"),
      preferredSlotEnd: at("2026-03-26T10:00:00Z"),
    },
    { key: "undated", createdAt: null },
  ],
  attempts: [
    // Madrid, 29 March: 00:30Z is 01:30 CET, 01:30Z is 03:30 CEST.
    call("madrid", "2026-03-29T00:30:00Z", "no_answer"),
    call("madrid", "2026-03-29T01:30:00Z", "answered"),
    // Tuesday 24 March: 04:45Z is 10:15 in Kolkata (+05:30), 05:45 in Madrid.
    call("kolkata", "2026-03-24T04:45:00Z", "answered"),
    // Kathmandu is +05:45: 04:10Z is 09:55, ten minutes later it is 10:05.
    call("kathmandu", "2026-03-24T04:10:00Z", "no_answer"),
    call("kathmandu", "2026-03-24T04:20:00Z", "no_answer"),
    // Wednesday 25 March, 09:00 and 09:30 EDT: a call and a message.
    call("new-york", "2026-03-25T13:00:00Z", "voicemail"),
    {
      ...call("new-york", "2026-03-25T13:30:00Z", "no_answer"),
      channel: "whatsapp",
      outcome: null,
    },
    {
      ...call("new-york", "2026-03-25T13:40:00Z", "no_answer"),
      direction: "inbound",
      channel: "whatsapp",
      outcome: null,
    },
    // Thursday 26 March, slot 10:00-11:00 CET: one call inside, one after.
    call("slot", "2026-03-26T09:30:00Z", "no_answer"),
    call("slot", "2026-03-26T11:00:00Z", "no_answer"),
    call("undated", "2026-03-26T11:00:00Z", "answered"),
    // New York, 8 March: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT.
    call("new-york", "2026-03-08T06:30:00Z", "no_answer"),
    call("new-york", "2026-03-08T07:30:00Z", "no_answer"),
    // Madrid, 25 October: 00:30Z is 02:30 CEST, 01:30Z is 02:30 CET again.
    call("madrid", "2026-10-25T00:30:00Z", "no_answer"),
    call("madrid", "2026-10-25T01:30:00Z", "answered"),
    // New York, 1 November: 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST again.
    call("new-york", "2026-11-01T05:30:00Z", "no_answer"),
    call("new-york", "2026-11-01T06:30:00Z", "busy"),
  ] satisfies FixtureAttempt[],
};

function call(
  lead: string,
  iso: string,
  outcome: FixtureAttempt["outcome"],
): FixtureAttempt {
  return { lead, at: iso, channel: "call", direction: "outbound", outcome };
}

/** The non-empty cells as `weekday/hour: attempts calls answered`. */
function describeTried(grid: TimeSlotGrid): string[] {
  return grid.cells
    .filter((cell) => !cell.untried)
    .map(
      (cell) =>
        `${cell.weekday}/${cell.hour}: ${cell.attempts} ${cell.calls} ${cell.answered}`,
    );
}

const spring = parseMetricFilter({ from: "2026-03-23", to: "2026-03-29" });

describe("time slots", () => {
  let connection: Connection;
  let sourceIds: Map<string, number>;
  beforeAll(async () => {
    connection = await createTestConnection();
    ({ sourceIds } = await insertFixture(connection.db, fixture));
  });
  afterAll(() => connection.close());

  it("puts each attempt in the cell of the lead's own clock", async () => {
    const grid = await getTimeSlotGrid(connection.db, spring);

    expect(grid.cells).toHaveLength(168);
    expect(describeTried(grid)).toEqual([
      "2/9: 1 1 0", // Kathmandu 09:55
      "2/10: 2 2 1", // Kathmandu 10:05, Kolkata 10:15 (answered)
      "3/9: 2 1 0", // New York 09:00 voicemail, 09:30 whatsapp; the reply is inbound
      "4/10: 1 1 0", // slot lead 10:30 CET
      "4/12: 1 1 0", // slot lead 12:00 CET; the undated lead's call is left out
      "7/1: 1 1 0", // Madrid 01:30 CET
      "7/3: 1 1 1", // Madrid 03:30 CEST: no hour 2 on 29 March
    ]);
    expect(grid.leftOut).toBe(1);
  });

  it("marks thin and untried cells instead of showing zero", async () => {
    const grid = await getTimeSlotGrid(connection.db, spring);
    const cell = (weekday: number, hour: number) =>
      grid.cells.find((c) => c.weekday === weekday && c.hour === hour);

    // At least 2 attempts (min_cell_attempts) is enough; 1 is thin.
    expect(cell(2, 10)).toMatchObject({ thin: false, untried: false });
    expect(cell(2, 10)?.answerRate.value).toBe(0.5);
    expect(cell(7, 1)).toMatchObject({ thin: true, untried: false });
    expect(cell(1, 0)).toMatchObject({
      attempts: 0,
      thin: false,
      untried: true,
    });
    expect(cell(1, 0)?.answerRate.value).toBeNull();
  });

  it("switches to the reporting zone's clock", async () => {
    const grid = await getTimeSlotGrid(connection.db, spring, {
      zone: "report",
    });

    // In Madrid: Kathmandu 05:10 and 05:20, Kolkata 05:45 (CET, +01:00);
    // New York 14:00 and 14:30.
    expect(describeTried(grid)).toEqual([
      "2/5: 3 3 1",
      "3/14: 2 1 0",
      "4/10: 1 1 0",
      "4/12: 1 1 0",
      "7/1: 1 1 0",
      "7/3: 1 1 1",
    ]);
  });

  it("counts attempts inside the lead's preferred window", async () => {
    const grid = await getTimeSlotGrid(connection.db, spring);

    // Only the slot lead gave a window: 09:30Z is inside 09:00-10:00Z,
    // 11:00Z is not.
    expect([grid.inSlot.numerator, grid.inSlot.denominator]).toEqual([1, 2]);
  });

  it("applies the channel and source filters", async () => {
    const calls = await getTimeSlotGrid(
      connection.db,
      parseMetricFilter({ ...spring, channels: ["call"] }),
    );
    const ads = await getTimeSlotGrid(
      connection.db,
      parseMetricFilter({ ...spring, sourceIds: [sourceIds.get("Ads") ?? 0] }),
    );

    // Without the whatsapp message New York's cell is one call, so thin.
    expect(
      calls.cells.find((c) => c.weekday === 3 && c.hour === 9),
    ).toMatchObject({ attempts: 1, thin: true });
    expect(describeTried(ads)).toEqual(["2/10: 1 1 1"]);
  });

  it("follows the American spring change on 8 March", async () => {
    const grid = await getTimeSlotGrid(
      connection.db,
      parseMetricFilter({ from: "2026-03-08", to: "2026-03-08" }),
    );

    expect(describeTried(grid)).toEqual(["7/1: 1 1 0", "7/3: 1 1 0"]);
  });

  it("puts both passes of a repeated autumn hour in one cell", async () => {
    const grid = await getTimeSlotGrid(
      connection.db,
      parseMetricFilter({ from: "2026-10-19", to: "2026-11-01" }),
    );
    const report = await getTimeSlotGrid(
      connection.db,
      parseMetricFilter({ from: "2026-10-19", to: "2026-11-01" }),
      { zone: "report" },
    );

    // Madrid 02:30 CEST and 02:30 CET; New York 01:30 EDT and 01:30 EST.
    expect(describeTried(grid)).toEqual(["7/1: 2 2 0", "7/2: 2 2 1"]);
    // In Madrid the New York calls are 06:30 and 07:30 CET on 1 November.
    expect(describeTried(report)).toEqual([
      "7/2: 2 2 1",
      "7/6: 1 1 0",
      "7/7: 1 1 0",
    ]);
  });
});
