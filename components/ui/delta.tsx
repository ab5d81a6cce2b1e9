import { formatPointsChange } from "@/lib/compare/change";
import { getRateChange } from "@/lib/metrics/compare";
import type { Rate } from "@/lib/metrics/rate";

const deltaClass = "text-xs tabular-nums text-slate-700 dark:text-slate-300";

/** The change against the previous period, in percentage points for rates.
 * Rounded before it is signed: a change that rounds to zero reads "±0.0
 * pts", never as a rise or a fall. Neither way gets a colour, since a
 * rise is good news for one rate and bad for another. */
export function RateDelta({
  current,
  previous,
}: {
  current: Rate;
  previous: Rate;
}) {
  const points = getRateChange(current, previous);
  if (points === null || previous.value === null) {
    return (
      <span className="text-xs text-slate-500 dark:text-slate-400">
        no comparison (no data)
      </span>
    );
  }

  return (
    <span className={deltaClass}>
      {formatPointsChange(points)} vs previous period (
      {(previous.value * 100).toFixed(1)} %)
    </span>
  );
}

export function CountDelta({
  current,
  previous,
}: {
  current: number;
  previous: number;
}) {
  const change = current - previous;
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";

  return (
    <span className={deltaClass}>
      {sign}
      {Math.abs(change).toLocaleString("en-GB")} vs previous period (
      {previous.toLocaleString("en-GB")})
    </span>
  );
}
