import { formatCount } from "@/lib/format";

export type SourceRow = {
  sourceId: number;
  source: string;
  leads: number;
  undatedLeads: number;
  contacted: number;
  invalidContact: number;
  converted: number;
};

type CountKey = "leads" | "contacted" | "invalidContact" | "converted";

/** A count's change against the same source in the previous period. */
function CountChange({
  row,
  previous,
  count,
}: {
  row: SourceRow;
  previous: SourceRow | undefined;
  count: CountKey;
}) {
  if (!previous) {
    return (
      <span className="block text-xs text-slate-500 dark:text-slate-400">
        no data before
      </span>
    );
  }
  const change = row[count] - previous[count];
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";

  return (
    <span className="block text-xs text-slate-700 dark:text-slate-300">
      {sign}
      {formatCount(Math.abs(change))} (was {formatCount(previous[count])})
    </span>
  );
}

/** The sources of the period; with `previousRows` (compare on), each count
 * shows its change against the same source in the previous period. */
export function SourcesTable({
  rows,
  previousRows,
}: {
  rows: SourceRow[];
  previousRows?: SourceRow[];
}) {
  const undated = rows.reduce((sum, row) => sum + row.undatedLeads, 0);
  const change = (row: SourceRow, count: CountKey) =>
    previousRows ? (
      <CountChange
        row={row}
        previous={previousRows.find((entry) => entry.sourceId === row.sourceId)}
        count={count}
      />
    ) : null;

  return (
    <section
      aria-labelledby="sources-heading"
      className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="sources-heading" className="font-medium">
        Sources
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Leads created in the period
        {undated > 0
          ? `, plus ${formatCount(undated)} leads without a creation instant, which belong to no period and are counted here always`
          : ""}
        .
      </p>
      {rows.length === 0 ? (
        <p className="text-sm">No leads in this period.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                Source
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Leads
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Contacted
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Invalid contact data
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Converted
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.sourceId}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800"
              >
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  {row.source}
                </th>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {formatCount(row.leads)}
                  {change(row, "leads")}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {formatCount(row.contacted)}
                  {change(row, "contacted")}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {formatCount(row.invalidContact)}
                  {change(row, "invalidContact")}
                </td>
                <td className="py-2 text-right tabular-nums">
                  {formatCount(row.converted)}
                  {change(row, "converted")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
