import type { SearchParams } from "@/lib/filters/url";
import type { SlotZone, TimeSlotCell } from "@/lib/metrics/time-slots";
import { formatCount, formatShare } from "@/lib/format";

export const weekdayNames = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** The clock of the grid, from the URL: `zone=report` or the lead's own. */
export function readSlotZone(params: SearchParams): SlotZone {
  return params.zone === "report" ? "report" : "lead";
}

const hourText = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** "10:00–11:00"; the last hour ends at 24:00. */
export function nameHour(hour: number): string {
  return `${hourText(hour)}–${hour === 23 ? "24:00" : hourText(hour + 1)}`;
}

/** "Tuesday 10:00–11:00". */
export function nameCell(cell: Pick<TimeSlotCell, "weekday" | "hour">): string {
  return `${weekdayNames[cell.weekday - 1] ?? "?"} ${nameHour(cell.hour)}`;
}

/** "42.0 % answered, 19 of 45 calls"; untried, thin and call-less cells say
 * so. */
export function describeCell(
  cell: TimeSlotCell,
  minCellAttempts: number,
): string {
  if (cell.untried) return "untried: no attempts";
  const thin = cell.thin
    ? `; thin: ${formatCount(cell.attempts)} ${cell.attempts === 1 ? "attempt" : "attempts"}, fewer than ${minCellAttempts}`
    : "";
  if (cell.calls === 0) {
    return `no calls, ${formatCount(cell.attempts)} ${cell.attempts === 1 ? "message" : "messages"}${thin}`;
  }

  return `${formatShare(cell.answerRate.value)} answered, ${formatCount(cell.answered)} of ${formatCount(cell.calls)} ${cell.calls === 1 ? "call" : "calls"}${thin}`;
}

export type SlotRanking = {
  /** Cells that are neither thin nor untried and have calls. */
  qualified: number;
  best: TimeSlotCell[];
  worst: TimeSlotCell[];
};

/**
 * The best and worst cells by answer rate, among cells with enough attempts
 * (not thin) and at least one call. Up to three each, never the same cell
 * in both lists; ties go to the cell with more calls, then the earlier one.
 */
export function rankSlots(cells: TimeSlotCell[]): SlotRanking {
  const qualified = cells.filter(
    (cell) => !cell.thin && !cell.untried && cell.answerRate.value !== null,
  );
  const rate = (cell: TimeSlotCell) => cell.answerRate.value ?? 0;
  const byRate = [...qualified].sort(
    (a, b) => rate(b) - rate(a) || b.calls - a.calls,
  );
  const count = Math.min(3, Math.floor(qualified.length / 2));
  const worst = [...qualified]
    .sort((a, b) => rate(a) - rate(b) || b.calls - a.calls)
    .slice(0, count);

  return { qualified: qualified.length, best: byRate.slice(0, count), worst };
}
