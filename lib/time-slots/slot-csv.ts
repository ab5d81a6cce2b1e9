import { countChange, csvShare, shareChange, toCsv } from "@/lib/export/csv";
import type { TimeSlotCell, TimeSlotGrid } from "@/lib/metrics/time-slots";
import { nameHour, weekdayNames } from "./slot-words";

/** The grid as CSV, one row per cell (all 168). Compared, the counts and
 * the answer rate are each followed by the same cell's figure in the
 * previous period (`previous_…`) and the change (`change_…`: counts as
 * current minus previous, the rate in percentage points). */
export function toSlotCsv(
  grid: TimeSlotGrid,
  previous: TimeSlotGrid | null,
): string {
  const before = new Map(
    previous?.cells.map((cell) => [`${cell.weekday}/${cell.hour}`, cell]) ?? [],
  );
  const old = (cell: TimeSlotCell) =>
    before.get(`${cell.weekday}/${cell.hour}`);

  return toCsv(
    grid.cells,
    [
      { header: "clock", value: () => grid.zone },
      { header: "weekday", value: (cell) => cell.weekday },
      {
        header: "weekday_name",
        value: (cell) => weekdayNames[cell.weekday - 1],
      },
      { header: "hour", value: (cell) => cell.hour },
      { header: "hours", value: (cell) => nameHour(cell.hour) },
      {
        header: "attempts",
        value: (cell) => cell.attempts,
        change: countChange((cell) => cell.attempts),
      },
      {
        header: "calls",
        value: (cell) => cell.calls,
        change: countChange((cell) => cell.calls),
      },
      {
        header: "answered",
        value: (cell) => cell.answered,
        change: countChange((cell) => cell.answered),
      },
      {
        header: "answer_rate",
        value: (cell) => csvShare(cell.answerRate.value),
        change: shareChange((cell) => cell.answerRate.value),
      },
      {
        header: "answer_rate_low",
        value: (cell) => csvShare(cell.answerRate.low),
      },
      {
        header: "answer_rate_high",
        value: (cell) => csvShare(cell.answerRate.high),
      },
      { header: "thin", value: (cell) => cell.thin },
      { header: "untried", value: (cell) => cell.untried },
    ],
    previous ? { previousOf: old } : undefined,
  );
}
