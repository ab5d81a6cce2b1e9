import { formatPointsChange, getPointsChange } from "@/lib/compare/change";
import { pluralise } from "@/lib/format";
import type { RecoveredValue, ValueShare } from "@/lib/metrics/value";

/** "Nov 2026" for "2026-11". */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;

  return new Intl.DateTimeFormat("en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** A value-weighted share: money over money, so no interval. */
export function formatValueShare(share: ValueShare): string {
  return share.value === null
    ? "No data"
    : `${(share.value * 100).toFixed(1)} %`;
}

/** "+2.5 pts vs previous", in percentage points ("±0.0 pts" for a change
 * that rounds to zero); says so when either
 * period has no data. */
export function describeShareChange(
  current: ValueShare,
  previous: ValueShare | undefined,
): string {
  const points = getPointsChange(current.value, previous?.value);
  if (points === null) return "no comparison (no data)";

  return `${formatPointsChange(points)} vs previous`;
}

/** One sentence per kind of value that could not be turned into an LTV,
 * e.g. "3 leads in GBP have no rate". */
export function describeValuesNotConverted(
  list: RecoveredValue["valuesNotConverted"],
  reportCurrency: string,
): string[] {
  return list.map(({ status, currency, leads }) => {
    const have = leads === 1 ? "has" : "have";
    if (status === "no_rate") {
      return `${pluralise(leads, "lead")} in ${currency ?? "an unknown currency"} ${have} no rate to ${reportCurrency}`;
    }
    if (status === "no_currency") {
      return `${pluralise(leads, "lead")} ${have} a value without a currency`;
    }

    return `${pluralise(leads, "lead")} ${have} a value without a unit (total or per month)`;
  });
}
