import type { ImportRun } from "@/lib/import/undo";
import { UndoButton } from "./undo-button";

function describeStatus(run: ImportRun): string {
  if (run.undoneAt) return "undone";

  return run.status;
}

// Who started a run: a user, or what wrote it without one.
function describeAuthor(run: ImportRun): string {
  if (run.userName) return run.userName;
  if (run.preset.startsWith("api-")) return "API";
  if (run.preset.startsWith("webhook-")) return "webhook";

  return "command line";
}

/** Past runs: who, when (in the reporting zone, as the audit log), which
 * file, what they wrote, and undo where it is possible. */
export function HistoryTable({
  runs,
  timeZone,
}: {
  runs: ImportRun[];
  timeZone: string;
}) {
  if (runs.length === 0)
    return <p className="text-sm">No file has been imported yet.</p>;
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });

  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left dark:border-slate-700">
          {[
            "Import",
            `Started (${timeZone})`,
            "By",
            "File",
            "Preset",
            "Status",
            "Rows",
            "Inserted",
            "Updated",
            "Unchanged",
            "Skipped",
            "Problems",
          ].map((label) => (
            <th key={label} scope="col" className="py-2 pr-3 font-medium">
              {label}
            </th>
          ))}
          <th scope="col" className="py-2 font-medium">
            <span className="sr-only">Undo</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr
            key={run.id}
            className="border-b border-slate-100 last:border-0 dark:border-slate-800"
          >
            <th scope="row" className="py-2 pr-3 text-left font-normal">
              {run.id}
            </th>
            <td className="py-2 pr-3 whitespace-nowrap">
              {format.format(new Date(run.startedAt))}
            </td>
            <td className="py-2 pr-3">{describeAuthor(run)}</td>
            <td className="py-2 pr-3">{run.fileName}</td>
            <td className="py-2 pr-3">{run.preset}</td>
            <td className="py-2 pr-3">{describeStatus(run)}</td>
            {[
              run.rowsRead,
              run.inserted,
              run.updated,
              run.unchanged,
              run.skipped,
              run.problems,
            ].map((value, index) => (
              <td key={index} className="py-2 pr-3 text-right tabular-nums">
                {value.toLocaleString("en-US")}
              </td>
            ))}
            <td className="py-2">
              {run.status === "succeeded" &&
              run.updated === 0 &&
              run.inserted > 0 &&
              !run.undoneAt ? (
                <UndoButton importId={run.id} fileName={run.fileName} />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
