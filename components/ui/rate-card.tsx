import { formatCount, formatInterval, formatShare } from "@/lib/format";
import type { Rate } from "@/lib/metrics/rate";

/** A rate with its numerator, denominator and interval, as METRICS.md asks
 * of every rate. */
export function RateCard({
  label,
  rate,
  numeratorLabel,
  denominatorLabel,
}: {
  label: string;
  rate: Rate;
  numeratorLabel: string;
  denominatorLabel: string;
}) {
  const interval = formatInterval(rate);

  return (
    <section
      aria-label={label}
      className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {label}
      </h2>
      <p
        className="mt-2 text-3xl font-semibold tabular-nums"
        data-testid="rate-value"
      >
        {formatShare(rate.value)}
      </p>
      <p className="mt-1 text-sm tabular-nums text-slate-700 dark:text-slate-300">
        <span data-testid="rate-numerator">{formatCount(rate.numerator)}</span>{" "}
        {numeratorLabel} of{" "}
        <span data-testid="rate-denominator">
          {formatCount(rate.denominator)}
        </span>{" "}
        {denominatorLabel}
      </p>
      {interval ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {interval}
        </p>
      ) : null}
    </section>
  );
}

export function CountCard({
  label,
  value,
  note,
}: {
  label: string;
  value: number;
  note?: string;
}) {
  return (
    <section
      aria-label={label}
      className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {label}
      </h2>
      <p
        className="mt-2 text-3xl font-semibold tabular-nums"
        data-testid="count-value"
      >
        {formatCount(value)}
      </p>
      {note ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {note}
        </p>
      ) : null}
    </section>
  );
}
