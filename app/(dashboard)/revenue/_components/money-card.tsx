import { Explain } from "@/components/ui/explain";
import { formatPointsChange, getPointsChange } from "@/lib/compare/change";
import type { FigureId } from "@/lib/metrics/definitions";
import type { ValueShare } from "@/lib/metrics/value";
import { formatMoney, formatMoneyChange } from "@/lib/money/format-money";
import { formatValueShare } from "./value-words";

const card =
  "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

function CardHeading({ label, figure }: { label: string; figure: FigureId }) {
  return (
    <div className="flex items-start justify-between gap-2">
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {label}
      </h2>
      <Explain figure={figure} />
    </div>
  );
}

const deltaClass = "text-xs tabular-nums text-slate-700 dark:text-slate-300";

/** An amount of money with what it is made of, and its change against the
 * previous period when the view compares. A null amount is no data (no
 * call-failed lead at all), which is not the same as zero. */
export function MoneyCard({
  label,
  minor,
  currency,
  note,
  figure,
  previousMinor,
}: {
  label: string;
  minor: number | null;
  currency: string;
  note: string;
  figure: FigureId;
  /** Undefined when the view does not compare; null when the previous
   * period has no data (no call-failed lead). */
  previousMinor?: number | null;
}) {
  return (
    <section aria-label={label} className={card}>
      <CardHeading label={label} figure={figure} />
      <p
        className="mt-2 text-3xl font-semibold tabular-nums"
        data-testid="money-value"
      >
        {minor === null ? "No data" : formatMoney(minor, currency)}
      </p>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{note}</p>
      {previousMinor !== undefined ? (
        <p className={deltaClass}>
          {minor === null
            ? "no comparison (no data)"
            : previousMinor === null
              ? "no data in the previous period"
              : `${formatMoneyChange(minor - previousMinor, currency)} vs previous period (${formatMoney(previousMinor, currency)})`}
        </p>
      ) : null}
    </section>
  );
}

/** The value-weighted recovery rate: money over money, shown with both
 * amounts and no interval, since it counts value, not leads. */
export function ValueShareCard({
  share,
  currency,
  previous,
  emptyNote,
}: {
  share: ValueShare;
  currency: string;
  previous?: ValueShare;
  /** Why there is no data, shown when the share has none. */
  emptyNote: string;
}) {
  const label = "Value-weighted recovery rate";
  const points = getPointsChange(share.value, previous?.value);

  return (
    <section aria-label={label} className={card}>
      <CardHeading label={label} figure="valueWeightedRecoveryRate" />
      <p
        className="mt-2 text-3xl font-semibold tabular-nums"
        data-testid="share-value"
      >
        {formatValueShare(share)}
      </p>
      <p className="mt-1 text-sm tabular-nums text-slate-700 dark:text-slate-300">
        {formatMoney(share.numeratorMinor, currency)} LTV recovered of{" "}
        {formatMoney(share.denominatorMinor, currency)} LTV of call-failed leads
      </p>
      {share.value === null ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {emptyNote}
        </p>
      ) : null}
      {previous ? (
        <p className={deltaClass}>
          {points === null
            ? "no comparison (no data)"
            : `${formatPointsChange(points)} vs previous period (${formatValueShare(previous)})`}
        </p>
      ) : null}
    </section>
  );
}
