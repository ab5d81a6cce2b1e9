import { formatCount, formatInterval, formatShare } from "@/lib/format";
import type { FigureId } from "@/lib/metrics/definitions";
import type { Rate } from "@/lib/metrics/rate";
import { CountDelta, RateDelta } from "./delta";
import { Explain } from "./explain";

const card =
  "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

function CardHeading({ label, figure }: { label: string; figure?: FigureId }) {
  return (
    <div className="flex items-start justify-between gap-2">
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {label}
      </h2>
      {figure ? <Explain figure={figure} /> : null}
    </div>
  );
}

/** A rate with its numerator, denominator and interval, as the metric
 * definitions ask of every rate; with the previous period when compared. */
export function RateCard({
  label,
  rate,
  numeratorLabel,
  denominatorLabel,
  figure,
  previous,
  href,
}: {
  label: string;
  rate: Rate;
  numeratorLabel: string;
  denominatorLabel: string;
  figure?: FigureId;
  previous?: Rate;
  /** Where the leads behind the figure are listed. */
  href?: string;
}) {
  const interval = formatInterval(rate);

  return (
    <section aria-label={label} className={card}>
      <CardHeading label={label} figure={figure} />
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
      {previous ? <RateDelta current={rate} previous={previous} /> : null}
      {href ? (
        <a
          href={href}
          className="mt-2 block text-xs text-sky-700 underline dark:text-sky-400"
        >
          See the leads
        </a>
      ) : null}
    </section>
  );
}

export function CountCard({
  label,
  value,
  note,
  figure,
  previous,
  href,
}: {
  label: string;
  value: number;
  note?: string;
  figure?: FigureId;
  previous?: number;
  href?: string;
}) {
  return (
    <section aria-label={label} className={card}>
      <CardHeading label={label} figure={figure} />
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
      {previous !== undefined ? (
        <CountDelta current={value} previous={previous} />
      ) : null}
      {href ? (
        <a
          href={href}
          className="mt-2 block text-xs text-sky-700 underline dark:text-sky-400"
        >
          See the leads
        </a>
      ) : null}
    </section>
  );
}
