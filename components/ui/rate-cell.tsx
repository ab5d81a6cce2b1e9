import { formatCount, formatInterval, formatShare } from "@/lib/format";
import type { Rate } from "@/lib/metrics/rate";

/** A rate in a table cell: the share, then numerator/denominator, with the
 * interval as the cell's description. */
export function RateCell({ rate }: { rate: Rate }) {
  const interval = formatInterval(rate);

  return (
    <td
      className="py-2 pr-4 text-right tabular-nums"
      title={interval ?? "No data"}
    >
      <span className="block">{formatShare(rate.value)}</span>
      <span className="block text-xs text-slate-500 dark:text-slate-400">
        {formatCount(rate.numerator)}/{formatCount(rate.denominator)}
      </span>
      {interval ? <span className="sr-only">{interval}</span> : null}
    </td>
  );
}
