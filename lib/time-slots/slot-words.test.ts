import { describe, expect, it } from "vitest";
import type { TimeSlotCell } from "@/lib/metrics/time-slots";
import { toRate } from "@/lib/metrics/rate";
import { describeCell, nameCell, rankSlots } from "./slot-words";

function cell(
  weekday: number,
  hour: number,
  calls: number,
  answered: number,
  minCellAttempts = 20,
): TimeSlotCell {
  return {
    weekday,
    hour,
    attempts: calls,
    calls,
    answered,
    answerRate: toRate(answered, calls),
    thin: calls > 0 && calls < minCellAttempts,
    untried: calls === 0,
  };
}

describe("slot words", () => {
  it("names a cell by weekday and hour range", () => {
    expect(nameCell({ weekday: 2, hour: 10 })).toBe("Tuesday 10:00–11:00");
    expect(nameCell({ weekday: 7, hour: 23 })).toBe("Sunday 23:00–24:00");
  });

  it("describes answered calls, thin cells and untried cells", () => {
    expect(describeCell(cell(2, 10, 45, 19), 20)).toBe(
      "42.2 % answered, 19 of 45 calls",
    );
    expect(describeCell(cell(2, 11, 5, 1), 20)).toBe(
      "20.0 % answered, 1 of 5 calls; thin: 5 attempts, fewer than 20",
    );
    expect(describeCell(cell(2, 12, 0, 0), 20)).toBe("untried: no attempts");
  });

  it("ranks only cells that are not thin, best and worst apart", () => {
    const cells = [
      cell(1, 9, 40, 20), // 50 %
      cell(1, 10, 40, 8), // 20 %
      cell(1, 11, 5, 5), // thin: 100 % but left out
      cell(2, 9, 40, 12), // 30 %
      cell(2, 10, 50, 25), // 50 %, more calls: ranks first
      cell(3, 9, 0, 0), // untried
    ];
    const ranking = rankSlots(cells);

    expect(ranking.qualified).toBe(4);
    expect(ranking.best.map(nameCell)).toEqual([
      "Tuesday 10:00–11:00",
      "Monday 09:00–10:00",
    ]);
    expect(ranking.worst.map(nameCell)).toEqual([
      "Monday 10:00–11:00",
      "Tuesday 09:00–10:00",
    ]);
  });

  it("names no best or worst slot with fewer than two qualified cells", () => {
    const ranking = rankSlots([cell(1, 9, 40, 20), cell(1, 10, 3, 1)]);

    expect(ranking).toEqual({ qualified: 1, best: [], worst: [] });
  });
});
