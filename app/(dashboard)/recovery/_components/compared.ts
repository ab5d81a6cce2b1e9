import type { Database } from "@/lib/db";
import { type MetricFilter, previousPeriod } from "@/lib/metrics/filter";

/** A figure of the period and, when the view compares, of the period of
 * the same length just before it. */
export type Compared<T> = { current: T; previous: T | undefined };

/** Runs a figure for the period, and for the previous one when `compare`
 * is on; both run at once. */
export async function loadCompared<T>(
  figure: (db: Database, filter: MetricFilter) => Promise<T>,
  db: Database,
  filter: MetricFilter,
  compare: boolean,
): Promise<Compared<T>> {
  const [current, previous] = await Promise.all([
    figure(db, filter),
    compare ? figure(db, previousPeriod(filter)) : undefined,
  ]);

  return { current, previous };
}
