import { RateDelta } from "@/components/ui/delta";
import { RateCell } from "@/components/ui/rate-cell";
import type { Rate } from "@/lib/metrics/rate";

export const tableClass = "w-full min-w-max text-sm";
export const headRowClass =
  "border-b border-slate-200 text-left align-bottom dark:border-slate-700";
export const bodyRowClass =
  "border-b border-slate-100 align-top last:border-0 dark:border-slate-800";
export const thClass = "py-2 pr-4 font-medium";
export const numThClass = "py-2 pr-4 text-right font-medium";
export const numTdClass = "py-2 pr-4 text-right tabular-nums";
export const linkClass = "text-sky-700 underline dark:text-sky-400";

/** A column header for a rate, followed by one for its change when the
 * view compares with the previous period. */
export function RateHeaders({
  label,
  compare,
}: {
  label: React.ReactNode;
  compare: boolean;
}) {
  return (
    <>
      <th scope="col" className={numThClass}>
        {label}
      </th>
      {compare ? (
        <th scope="col" className={numThClass}>
          Change
        </th>
      ) : null}
    </>
  );
}

/** A rate cell, followed by its change against the previous period when
 * the view compares. A group absent from the previous period has no data
 * there, which RateDelta says in words. */
export function RateCells({
  rate,
  previous,
  compare,
}: {
  rate: Rate;
  previous: Rate | undefined;
  compare: boolean;
}) {
  const none: Rate = {
    numerator: 0,
    denominator: 0,
    value: null,
    low: null,
    high: null,
  };

  return (
    <>
      <RateCell rate={rate} />
      {compare ? (
        <td className="py-2 pr-4 text-right">
          <RateDelta current={rate} previous={previous ?? none} />
        </td>
      ) : null}
    </>
  );
}

/** A table that scrolls sideways inside its panel on a narrow screen. */
export function ScrollTable({
  caption,
  children,
}: {
  caption: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function CsvLink({ href }: { href: string }) {
  return (
    <a href={href} className={`text-xs ${linkClass}`} download>
      Download CSV
    </a>
  );
}
