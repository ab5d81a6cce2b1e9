import type { WorkQueueWait } from "@/lib/work-queue/describe-wait";
import { headRowClass, rowClass } from "./table-parts";

export type WorkQueueRow = {
  leadId: number;
  externalId: string;
  source: string;
  /** `HH:MM` in the reporting zone. */
  created: string;
  /** `HH:MM` on the lead's clock, when its zone is another. */
  createdLocal: string | null;
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
    // A long queue scrolls inside its panel, under a header that stays.
    <div
      tabIndex={0}
      role="region"
      aria-label="Work queue table"
      className="max-h-[30rem] overflow-auto rounded border border-slate-100 dark:border-slate-800"
    >
      <table className="w-full min-w-max text-sm">
        <caption className="sr-only">
          Today&apos;s leads that still wait, with the reason
        </caption>
        <thead className="sticky top-0 z-10 bg-white dark:bg-slate-900">
          <tr className={headRowClass}>
            <th scope="col" className="px-2 py-2 font-medium">
              Lead
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Source
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Created
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Phone
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Waiting for
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Reason
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.leadId} className={`${rowClass} align-top`}>
              <th scope="row" className="px-2 py-2 text-left font-normal">
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
              <td className="px-2 py-2">{row.source}</td>
              <td className="px-2 py-2 tabular-nums">
                {row.created}
                {row.createdLocal ? (
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {row.createdLocal} {row.timeZone}
                  </span>
                ) : null}
              </td>
              <td className="px-2 py-2 tabular-nums">{row.phone ?? "—"}</td>
              <td className="px-2 py-2">
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
              <td className="min-w-64 px-2 py-2">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
