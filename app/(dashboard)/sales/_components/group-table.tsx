import { RateCell } from "@/components/ui/rate-cell";
import { formatCount } from "@/lib/format";
import type { SalesGroupRow } from "@/lib/sales/get-group-rows";
import { nameGroup } from "@/lib/sales/sales-csv";
import {
  ChangeCell,
  headCell,
  headRowClass,
  numberCell,
  rowClass,
  ScrollTable,
} from "./table-parts";

/** Contact rates and follow-up compliance per agent or per team, with the
 * parts of the policy that not-contacted leads missed. */
export function GroupTable({
  rows,
  previous,
  by,
  leadsHref,
}: {
  rows: SalesGroupRow[];
  previous: SalesGroupRow[] | null;
  by: "agent" | "team";
  /** The leads of a group, or undefined when the role sees no lead lists. */
  leadsHref: (row: SalesGroupRow) => string | undefined;
}) {
  const before = new Map(previous?.map((row) => [row.id, row]) ?? []);
  const label = by === "agent" ? "Agent" : "Team";
  if (rows.length === 0) {
    return (
      <p className="text-sm">
        No leads created in this period, so no {by} has any yet.
      </p>
    );
  }

  return (
    <ScrollTable caption={`Contact and follow-up by ${by}`}>
      <thead>
        <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
          <td colSpan={previous ? 7 : 5} />
          <th
            scope="colgroup"
            colSpan={4}
            className="border-b border-slate-200 pb-1 text-center font-medium dark:border-slate-700"
          >
            Not contacted, by the part of the policy missed
          </th>
        </tr>
        <tr className={headRowClass}>
          <th scope="col" className="py-2 pr-4 font-medium">
            {label}
          </th>
          <th scope="col" className={headCell}>
            Leads
          </th>
          <th scope="col" className={headCell}>
            Lead contact rate
          </th>
          {previous ? (
            <th scope="col" className={headCell}>
              Change
            </th>
          ) : null}
          <th scope="col" className={headCell}>
            Worked contact rate
          </th>
          <th scope="col" className={headCell}>
            Follow-up compliance
          </th>
          {previous ? (
            <th scope="col" className={headCell}>
              Change
            </th>
          ) : null}
          <th scope="col" className={headCell}>
            Late first attempt
          </th>
          <th scope="col" className={headCell}>
            Too few calls
          </th>
          <th scope="col" className={headCell}>
            Too few slots
          </th>
          <th scope="col" className={headCell}>
            No recovery message
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const href = leadsHref(row);
          const old = before.get(row.id);

          return (
            <tr key={row.id ?? "none"} className={rowClass}>
              <th
                scope="row"
                className="min-w-32 py-2 pr-4 text-left font-normal"
              >
                {nameGroup(row.name, by)}
              </th>
              <td className={numberCell}>
                {href ? (
                  <a
                    href={href}
                    className="text-sky-700 underline dark:text-sky-400"
                  >
                    {formatCount(row.leads)}
                  </a>
                ) : (
                  formatCount(row.leads)
                )}
              </td>
              <RateCell rate={row.leadContactRate} />
              {previous ? (
                <ChangeCell
                  current={row.leadContactRate}
                  previous={old?.leadContactRate}
                />
              ) : null}
              <RateCell rate={row.workedContactRate} />
              <RateCell rate={row.followUpCompliance} />
              {previous ? (
                <ChangeCell
                  current={row.followUpCompliance}
                  previous={old?.followUpCompliance}
                />
              ) : null}
              <td className={numberCell}>
                {formatCount(row.gaps.lateFirstAttempt)}
              </td>
              <td className={numberCell}>
                {formatCount(row.gaps.tooFewCalls)}
              </td>
              <td className={numberCell}>
                {formatCount(row.gaps.tooFewSlots)}
              </td>
              <td className={numberCell}>
                {formatCount(row.gaps.noRecoveryMessage)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
