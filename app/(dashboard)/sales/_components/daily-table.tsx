import { RateCell } from "@/components/ui/rate-cell";
import type { Rate } from "@/lib/metrics/rate";
import {
  ChartTable,
  headCell,
  headRowClass,
  rowClass,
  ScrollTable,
} from "./table-parts";

/** The daily chart's figures as a table, for reading without the chart. */
export function DailyTable({ days }: { days: { day: string; rate: Rate }[] }) {
  return (
    <ChartTable summary="Show the daily figures as a table">
      <ScrollTable caption="Lead contact rate per creation day">
        <thead>
          <tr className={headRowClass}>
            <th scope="col" className="py-2 pr-4 font-medium">
              Day
            </th>
            <th scope="col" className={headCell}>
              Lead contact rate (contacted/leads)
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((row) => (
            <tr key={row.day} className={rowClass}>
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                {row.day}
              </th>
              <RateCell rate={row.rate} />
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </ChartTable>
  );
}
