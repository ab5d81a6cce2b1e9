import Link from "next/link";
import type { LeadSort, LeadListRow, SortDirection } from "@/lib/leads/list";
import { type LeadListColumn, formatLeadCell } from "@/lib/leads/present";
import { defaultDirection } from "@/lib/leads/url";

const sortableColumns: Partial<Record<string, LeadSort>> = {
  created: "created",
  source: "source",
  calls: "calls",
};

// Widths that keep the long columns readable inside the scrolling panel.
const cellClasses: Partial<Record<string, string>> = {
  created: "whitespace-nowrap tabular-nums",
  phone: "whitespace-nowrap tabular-nums",
  email: "max-w-[16rem] break-words",
  campaign: "min-w-[8rem]",
  rule: "min-w-[18rem]",
};

/** The leads of one page. Cell texts are the CSV's values; an empty value
 * shows as its column's missing text or a dash. */
export function LeadTable({
  rows,
  columns,
  sort,
  direction,
  sortHref,
  leadHref,
}: {
  rows: LeadListRow[];
  columns: LeadListColumn[];
  sort: LeadSort;
  direction: SortDirection;
  sortHref: (sort: LeadSort, direction: SortDirection) => string;
  leadHref: (row: LeadListRow) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[56rem] text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-700">
            {columns.map((column) => (
              <HeaderCell
                key={column.key}
                column={column}
                sort={sort}
                direction={direction}
                sortHref={sortHref}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
            >
              {columns.map((column, index) => {
                const text = formatLeadCell(column, row);
                const align = column.numeric ? "text-right tabular-nums" : "";
                if (index === 0) {
                  return (
                    <th
                      key={column.key}
                      scope="row"
                      className="whitespace-nowrap py-2 pr-3 text-left font-normal"
                    >
                      <Link
                        href={leadHref(row)}
                        className="text-sky-700 underline dark:text-sky-400"
                      >
                        {text}
                      </Link>
                    </th>
                  );
                }

                return (
                  <td
                    key={column.key}
                    className={`py-2 pr-3 ${align} ${cellClasses[column.key] ?? ""}`}
                  >
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({
  column,
  sort,
  direction,
  sortHref,
}: {
  column: LeadListColumn;
  sort: LeadSort;
  direction: SortDirection;
  sortHref: (sort: LeadSort, direction: SortDirection) => string;
}) {
  const key = sortableColumns[column.key];
  const align = column.numeric ? "text-right" : "";
  if (!key) {
    return (
      <th scope="col" className={`py-2 pr-3 font-medium ${align}`}>
        {column.header}
      </th>
    );
  }

  const active = sort === key;
  const next: SortDirection = !active
    ? defaultDirection(key)
    : direction === "asc"
      ? "desc"
      : "asc";
  const ariaSort = active
    ? direction === "asc"
      ? "ascending"
      : "descending"
    : "none";

  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={`py-2 pr-3 font-medium ${align}`}
    >
      <Link
        href={sortHref(key, next)}
        className="inline-flex items-center gap-1 hover:underline"
      >
        {column.header}
        <span aria-hidden="true" className="text-slate-500">
          {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">
          , sort {next === "asc" ? "ascending" : "descending"}
        </span>
      </Link>
    </th>
  );
}
