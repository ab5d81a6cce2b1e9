import { addDays, type Day, isDay, todayIn } from "@/lib/dates";

export type Period = { from: Day; to: Day };

/** The period a page shows: from the URL when valid, else the last 30 days
 * ending today in the reporting zone. */
export function readPeriod(
  params: Record<string, string | string[] | undefined>,
  reportTimezone: string,
): Period {
  const today = todayIn(reportTimezone);
  const from = params.from;
  const to = params.to;
  if (isDay(from) && isDay(to) && from <= to) return { from, to };

  return { from: addDays(today, -29), to: today };
}
