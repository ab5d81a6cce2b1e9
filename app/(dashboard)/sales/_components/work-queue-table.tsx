import type { WorkQueueWait } from "@/lib/work-queue/describe-wait";
import { headRowClass, rowClass, ScrollTable } from "./table-parts";

export type WorkQueueRow = {
  leadId: number;
  externalId: string;
  source: string;
  /** `HH:MM` on the lead's clock. */
  createdLocal: string;
  timeZone: string;
  /** Masked by role already. */
  phone: string | null;
  waits: WorkQueueWait[];
  reason: string;
  /** The lead's page, when the role may see it. */
  href?: string;
};

const waitLabels: Record<WorkQueueWait, string> = {
  first_call: "First call",
  further_call: "Policy call",
  recovery_message: "Recovery message",
};

// Shape as well as colour tells the waits apart.
const waitStyles: Record<WorkQueueWait, string> = {
  first_call:
    "border-amber-700 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100",
  further_call:
    "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100",
  recovery_message:
    "border-dashed border-slate-600 bg-white text-slate-800 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-100",
};

export function WorkQueueTable({ rows }: { rows: WorkQueueRow[] }) {
  return (
    <ScrollTable caption="Today's leads that still wait, with the reason">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className="py-2 pr-4 font-medium">
            Lead
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Source
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Created (lead&apos;s clock)
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Phone
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Waiting for
          </th>
          <th scope="col" className="py-2 font-medium">
            Reason
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.leadId} className={`${rowClass} align-top`}>
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {row.href ? (
                <a
                  href={row.href}
                  className="text-sky-700 underline dark:text-sky-400"
                >
                  {row.externalId}
                </a>
              ) : (
                row.externalId
              )}
            </th>
            <td className="py-2 pr-4">{row.source}</td>
            <td className="py-2 pr-4 tabular-nums">
              {row.createdLocal}{" "}
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {row.timeZone}
              </span>
            </td>
            <td className="py-2 pr-4 tabular-nums">{row.phone ?? "—"}</td>
            <td className="py-2 pr-4">
              <ul className="flex flex-wrap gap-1">
                {row.waits.map((wait) => (
                  <li
                    key={wait}
                    className={`rounded border px-1.5 py-0.5 text-xs ${waitStyles[wait]}`}
                  >
                    {waitLabels[wait]}
                  </li>
                ))}
              </ul>
            </td>
            <td className="min-w-64 py-2">{row.reason}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
