import { RateCard } from "@/components/ui/rate-card";
import { pluralise } from "@/lib/format";
import type { ShareDifference } from "@/lib/metrics/difference";
import type { IncrementalRecovery } from "@/lib/metrics/recovery-funnel";

function formatPoints(value: number): string {
  const points = value * 100;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";

  return `${sign}${Math.abs(points).toFixed(1)} pts`;
}

function describeDifference(difference: ShareDifference): string {
  if (!difference.significant) {
    return "Within chance: with these numbers, messaged and hold-out leads cannot be told apart.";
  }

  return (difference.difference ?? 0) > 0
    ? "Beyond chance: recovery messages reach more call-failed leads than leaving them alone."
    : "Beyond chance: messaged leads are reached less often than the hold-out.";
}

/** The recovery rate of messaged leads against the contact rate of the
 * hold-out, or a plain statement that there is no hold-out to compare. */
export function IncrementalRecoveryFigures({
  incremental,
  previous,
  windowDays,
}: {
  incremental: IncrementalRecovery;
  previous: IncrementalRecovery | undefined;
  windowDays: number;
}) {
  const { messaged, holdout, incremental: difference } = incremental;
  if (holdout.denominator === 0) {
    return (
      <p className="text-sm">
        No hold-out in this view: no call-failed lead was set aside unmessaged,
        so what the messages add over doing nothing cannot be measured here.
        Leads imported with <code>holdout</code> set to yes form the hold-out.
      </p>
    );
  }
  const previousDifference = previous?.incremental.difference;

  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-3">
        <RateCard
          label="Recovery rate of messaged leads"
          rate={messaged}
          numeratorLabel="recovered"
          denominatorLabel="call-failed leads messaged, outside the hold-out"
          previous={previous?.messaged}
        />
        <RateCard
          label="Contact rate of the hold-out"
          rate={holdout}
          numeratorLabel={`contacted within ${windowDays} days`}
          denominatorLabel="call-failed hold-out leads, not messaged"
          previous={previous?.holdout}
        />
        <section
          aria-label="Incremental recovery"
          className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        >
          <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">
            Incremental recovery
          </h3>
          <p
            className="mt-2 text-3xl font-semibold tabular-nums"
            data-testid="incremental-value"
          >
            {difference.difference === null
              ? "No data"
              : formatPoints(difference.difference)}
          </p>
          {difference.low !== null && difference.high !== null ? (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              95 % interval {formatPoints(difference.low)} to{" "}
              {formatPoints(difference.high)}
            </p>
          ) : null}
          {previous ? (
            <p className="text-xs text-slate-700 dark:text-slate-300">
              Previous period:{" "}
              {previousDifference === null || previousDifference === undefined
                ? "no data"
                : formatPoints(previousDifference)}
            </p>
          ) : null}
          <p className="mt-2 text-sm">{describeDifference(difference)}</p>
        </section>
      </div>
      {incremental.holdoutMessaged > 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {pluralise(incremental.holdoutMessaged, "hold-out lead")}{" "}
          {incremental.holdoutMessaged === 1 ? "was" : "were"} messaged anyway
          and {incremental.holdoutMessaged === 1 ? "is" : "are"} in neither
          group.
        </p>
      ) : null}
    </div>
  );
}
