import { csvShare, toCsv } from "@/lib/export/csv";
import type { TimeSlotCell, TimeSlotGrid } from "@/lib/metrics/time-slots";
import { nameHour, weekdayNames } from "./slot-words";

/** The grid as CSV, one row per cell (all 168), with the previous period's
 * answer rate when compared. */
export function toSlotCsv(
  grid: TimeSlotGrid,
  previous: TimeSlotGrid | null,
): string {
  const before = new Map(
    previous?.cells.map((cell) => [`${cell.weekday}/${cell.hour}`, cell]) ?? [],
  );
  const old = (cell: TimeSlotCell) =>
    before.get(`${cell.weekday}/${cell.hour}`);

  return toCsv(grid.cells, [
    { header: "clock", value: () => grid.zone },
    { header: "weekday", value: (cell) => cell.weekday },
    { header: "weekday_name", value: (cell) => weekdayNames[cell.weekday - 1] },
    { header: "hour", value: (cell) => cell.hour },
    { header: "hours", value: (cell) => nameHour(cell.hour) },
    { header: "attempts", value: (cell) => cell.attempts },
    { header: "calls", value: (cell) => cell.calls },
    { header: "answered", value: (cell) => cell.answered },
    { header: "answer_rate", value: (cell) => csvShare(cell.answerRate.value) },
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
    ...(previous
      ? [
          {
            header: "previous_answer_rate",
            value: (cell: TimeSlotCell) =>
              csvShare(old(cell)?.answerRate.value ?? null),
          },
          {
            header: "previous_calls",
            value: (cell: TimeSlotCell) => old(cell)?.calls ?? 0,
          },
        ]
      : []),
  ]);
}
