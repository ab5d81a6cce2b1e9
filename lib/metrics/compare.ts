import type { Database } from "@/lib/db";
import { type MetricFilter, previousPeriod } from "./filter";
import type { Rate } from "./rate";

export type WithPrevious<T> = {
  current: T;
  /** The same figure over the period of the same length just before. */
  previous: T;
  previousFilter: MetricFilter;
};

/**
 * Wraps a figure so that it also runs for the previous period, with every
 * other filter unchanged: `withPrevious(getOverviewFigures)(db, filter)`.
 */
export function withPrevious<T, Rest extends unknown[]>(
  figure: (db: Database, filter: MetricFilter, ...rest: Rest) => Promise<T>,
) {
  return async (
    db: Database,
    filter: MetricFilter,
    ...rest: Rest
  ): Promise<WithPrevious<T>> => {
    const previousFilter = previousPeriod(filter);
    const current = await figure(db, filter, ...rest);
    const previous = await figure(db, previousFilter, ...rest);

    return { current, previous, previousFilter };
  };
}

/** Change of a rate in percentage points; null when either side has no
 * data, so a missing period never reads as a rise or a fall. */
export function getRateChange(current: Rate, previous: Rate): number | null {
  if (current.value === null || previous.value === null) return null;

  return (current.value - previous.value) * 100;
}
