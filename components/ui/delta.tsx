import type { Rate } from "@/lib/metrics/rate";

/** The change against the previous period, in percentage points for rates. */
export function RateDelta({
  current,
  previous,
}: {
  current: Rate;
  previous: Rate;
}) {
  if (current.value === null || previous.value === null) {
    return (
      <span className="text-xs text-slate-500 dark:text-slate-400">
        no comparison (no data)
      </span>
    );
  }
  const points = (current.value - previous.value) * 100;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";

  return (
    <span className="text-xs tabular-nums text-slate-700 dark:text-slate-300">
      {sign}
      {Math.abs(points).toFixed(1)} pts vs previous period (
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
    <span className="text-xs tabular-nums text-slate-700 dark:text-slate-300">
      {sign}
      {Math.abs(change).toLocaleString("en-GB")} vs previous period (
      {previous.toLocaleString("en-GB")})
    </span>
  );
}
