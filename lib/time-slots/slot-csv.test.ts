import { describe, expect, it } from "vitest";
import type { TimeSlotCell, TimeSlotGrid } from "@/lib/metrics/time-slots";
import { toSlotCsv } from "./slot-csv";

function cell(
  hour: number,
  calls: number,
  answered: number,
  attempts = calls,
): TimeSlotCell {
  return {
    weekday: 1,
    hour,
    attempts,
    calls,
    answered,
    answerRate: {
      numerator: answered,
      denominator: calls,
      value: calls === 0 ? null : answered / calls,
      low: null,
      high: null,
    },
    thin: attempts > 0 && attempts < 20,
    untried: attempts === 0,
  };
}

function grid(cells: TimeSlotCell[]): TimeSlotGrid {
  return {
    zone: "lead",
    cells,
    minCellAttempts: 20,
    inSlot: {
      numerator: 0,
      denominator: 0,
      value: null,
      low: null,
      high: null,
    },
    leftOut: 0,
  };
}

describe("time-slot grid as CSV", () => {
  it("puts each cell's previous figures and change beside its own when compared", () => {
    const current = grid([cell(10, 10, 4), cell(11, 0, 0, 3)]);
    const previous = grid([cell(10, 8, 2), cell(11, 5, 1)]);
    const [header, ten, eleven] = toSlotCsv(current, previous).split("\r\n");
    const columns = header?.split(",") ?? [];
    const read = (line: string | undefined, name: string) =>
      line?.split(",")[columns.indexOf(name)];

    expect(columns.slice(5, 17)).toEqual([
      "attempts",
      "previous_attempts",
      "change_attempts",
      "calls",
      "previous_calls",
      "change_calls",
      "answered",
      "previous_answered",
      "change_answered",
      "answer_rate",
      "previous_answer_rate",
      "change_answer_rate_pts",
    ]);
    // Monday 10h: 4 of 10 calls answered against 2 of 8; 40 % − 25 % =
    // +15 points, 2 more calls and 2 more answered.
    expect(
      ["calls", "previous_calls", "change_calls", "change_answered"].map(
        (name) => read(ten, name),
      ),
    ).toEqual(["10", "8", "2", "2"]);
    expect(read(ten, "answer_rate")).toBe("0.4000");
    expect(read(ten, "previous_answer_rate")).toBe("0.2500");
    expect(read(ten, "change_answer_rate_pts")).toBe("15.00");
    // Monday 11h: messages only now, so no answer rate and no change in
    // it; 5 calls fewer than before.
    expect(read(eleven, "answer_rate")).toBe("");
    expect(read(eleven, "change_answer_rate_pts")).toBe("");
    expect(read(eleven, "change_calls")).toBe("-5");
  });

  it("has no previous columns when not compared", () => {
    const header = toSlotCsv(grid([cell(10, 1, 1)]), null).split("\r\n")[0];
    expect(header).not.toContain("previous_");
    expect(header).not.toContain("change_");
  });
});
