import { RateCell } from "@/components/ui/rate-cell";
import { formatCount } from "@/lib/format";
import type { ComplianceGroup } from "@/lib/metrics/compliance";
import { nameComplianceGroup } from "@/lib/sales/sales-csv";
import {
  headCell,
  headRowClass,
  numberCell,
  rowClass,
  ScrollTable,
} from "./table-parts";

/** Calls outside calling hours, beyond the daily maximum and messages
 * without consent, per agent or per source. */
export function ComplianceTable({
  rows,
  by,
}: {
  rows: ComplianceGroup[];
  by: "agent" | "source";
}) {
  if (rows.length === 0) {
    return <p className="text-sm">No outbound attempts in this period.</p>;
  }

  return (
    <ScrollTable caption={`Compliance by ${by}`}>
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className="py-2 pr-4 font-medium">
            {by === "agent" ? "Agent" : "Source"}
          </th>
          <th scope="col" className={headCell}>
            Calls
          </th>
          <th scope="col" className={headCell}>
            Outside calling hours
          </th>
          <th scope="col" className={headCell}>
            Beyond the daily maximum
          </th>
          <th scope="col" className={headCell}>
            Messages
          </th>
          <th scope="col" className={headCell}>
            Messages without consent
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id ?? "none"} className={rowClass}>
            <th
              scope="row"
              className="min-w-32 py-2 pr-4 text-left font-normal"
            >
              {nameComplianceGroup(row.name, by)}
            </th>
            <td className={numberCell}>{formatCount(row.calls)}</td>
            <RateCell rate={row.outsideCallingHours} />
            <RateCell rate={row.beyondDailyMax} />
            <td className={numberCell}>{formatCount(row.messages)}</td>
            <RateCell rate={row.withoutConsent} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
