import { addDays, type Day, todayIn } from "@/lib/dates";

export const rangePresets = [
  { id: "today", label: "Today" },
  { id: "yesterday", label: "Yesterday" },
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "last90", label: "Last 90 days" },
  { id: "thisMonth", label: "This month" },
  { id: "lastMonth", label: "Last month" },
  { id: "thisQuarter", label: "This quarter" },
] as const;

export type RangePreset = (typeof rangePresets)[number]["id"];

export function isRangePreset(value: unknown): value is RangePreset {
  return rangePresets.some((preset) => preset.id === value);
}

function firstOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

/** The days a preset covers, ending today in the reporting zone. "Last N
 * days" includes today. */
export function resolvePreset(
  preset: RangePreset,
  timeZone: string,
  now = new Date(),
) {
  const today = todayIn(timeZone, now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case "last7":
      return { from: addDays(today, -6), to: today };
    case "last30":
      return { from: addDays(today, -29), to: today };
    case "last90":
      return { from: addDays(today, -89), to: today };
    case "thisMonth":
      return { from: firstOfMonth(today), to: today };
    case "lastMonth": {
      const lastOfPrevious = addDays(firstOfMonth(today), -1);

      return { from: firstOfMonth(lastOfPrevious), to: lastOfPrevious };
    }
    case "thisQuarter": {
      const quarterMonth = Math.floor((month - 1) / 3) * 3 + 1;

      return {
        from: `${year}-${String(quarterMonth).padStart(2, "0")}-01`,
        to: today,
      };
    }
  }
}
