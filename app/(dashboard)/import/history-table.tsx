import type { ImportRun } from "@/lib/import/undo";
import { UndoButton } from "./undo-button";

function describeStatus(run: ImportRun): string {
  if (run.undoneAt) return "undone";

  return run.status;
}

/** Past runs: who, when, which file, what they wrote, and undo where it is
 * possible. */
export function HistoryTable({ runs }: { runs: ImportRun[] }) {
  if (runs.length === 0)
    return <p className="text-sm">No file has been imported yet.</p>;

  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left dark:border-slate-700">
          {[
            "Import",
            "Started (UTC)",
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
              {run.startedAt.slice(0, 16)}
            </td>
            <td className="py-2 pr-3">{run.userName ?? "command line"}</td>
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
