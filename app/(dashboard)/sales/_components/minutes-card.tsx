import { Explain } from "@/components/ui/explain";
import type { FigureId } from "@/lib/metrics/definitions";
import { formatDuration } from "@/lib/sales/format-minutes";

/** A duration figure (minutes), with the previous period when compared. */
export function MinutesCard({
  label,
  minutes,
  note,
  previous,
  figure,
}: {
  label: string;
  minutes: number | null;
  note: string;
  /** Undefined when not compared; null when the previous period has none. */
  previous?: number | null;
  figure?: FigureId;
}) {
  const change =
    previous === undefined || previous === null || minutes === null
      ? null
      : minutes - previous;

  return (
    <section
      aria-label={label}
      className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">
          {label}
        </h3>
        {figure ? <Explain figure={figure} /> : null}
      </div>
      <p
        className="mt-2 text-3xl font-semibold tabular-nums"
        data-testid="minutes-value"
      >
        {formatDuration(minutes)}
      </p>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{note}</p>
      {previous === undefined ? null : (
        <p className="text-xs tabular-nums text-slate-700 dark:text-slate-300">
          {change === null
            ? "no comparison (no data)"
            : `${change > 0 ? "+" : change < 0 ? "−" : "±"}${formatDuration(Math.abs(change))} vs previous period (${formatDuration(previous ?? null)})`}
        </p>
      )}
    </section>
  );
}
