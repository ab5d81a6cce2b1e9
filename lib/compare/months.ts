import { type MetricFilter, previousPeriod } from "@/lib/metrics/filter";

/** The calendar months ("YYYY-MM") that the days from `from` to `to`
 * touch, oldest first. */
export function listMonths(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }

  return months;
}

/**
 * Which month of the previous period each month of the period compares
 * with: counted back from the last month of each, so that the last month
 * meets the previous period's last month, the one before it the one
 * before, and so on. July to September (92 days) meets April to June of
 * 31 March to 30 June; 5 November to 4 December meets October and
 * November of 6 October to 4 November. A month with no counterpart (the
 * period touches one month more than the previous one) is left out.
 */
export function pairPreviousMonths(
  filter: Pick<MetricFilter, "from" | "to">,
): Map<string, string> {
  const previous = previousPeriod({
    ...filter,
    sourceIds: [],
    campaignIds: [],
    channels: [],
    agentIds: [],
    teamIds: [],
  });
  const current = listMonths(filter.from, filter.to).reverse();
  const before = listMonths(previous.from, previous.to).reverse();
  const pairs = new Map<string, string>();
  current.forEach((month, index) => {
    const match = before[index];
    if (match !== undefined) pairs.set(month, match);
  });

  return pairs;
}
