import { formatPointsChange } from "@/lib/compare/change";
import { getRateChange } from "@/lib/metrics/compare";
import type { Rate } from "@/lib/metrics/rate";

export const headCell = "py-2 pr-4 text-right align-bottom font-medium";
export const numberCell = "py-2 pr-4 text-right tabular-nums";
export const rowClass =
  "border-b border-slate-100 last:border-0 dark:border-slate-800";
export const headRowClass =
  "border-b border-slate-200 text-left dark:border-slate-700";

/** A download link for the CSV behind a table. */
export function CsvLink({ href, table }: { href: string; table: string }) {
  return (
    <a
      href={href}
      download
      aria-label={`Download CSV of ${table}`}
      className="text-xs text-sky-700 underline dark:text-sky-400"
    >
      Download CSV
    </a>
  );
}

/** A rate's change against the previous period, in points. */
export function ChangeCell({
  current,
  previous,
}: {
  current: Rate;
  previous: Rate | undefined;
}) {
  const change = previous ? getRateChange(current, previous) : null;
  const text = change === null ? "no data" : formatPointsChange(change);

  return (
    <td className={`${numberCell} text-xs text-slate-600 dark:text-slate-400`}>
      {text}
    </td>
  );
}

/** A table that scrolls sideways inside its panel on narrow screens. */
export function ScrollTable({
  caption,
  children,
}: {
  caption: string;
  children: React.ReactNode;
}) {
  return (
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A chart's figures as a table, folded away under the chart. */
export function ChartTable({
  summary,
  children,
}: {
  summary: string;
  children: React.ReactNode;
}) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-sky-700 dark:text-sky-400">
        {summary}
      </summary>
      <div className="mt-2 max-h-80 overflow-y-auto">{children}</div>
    </details>
  );
}
