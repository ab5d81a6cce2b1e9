"use client";

import type { FilePreview } from "@/lib/import/preview-file";
import { labelField, labelFieldsInProblem } from "@/lib/import/field-label";

type Mapping = (string | null)[];

function describeColumn(name: string, index: number): string {
  return name.trim() === ""
    ? `column ${index + 1} (no name)`
    : `column ${name.trim()}`;
}

/**
 * Each column of the file with the preset field it becomes, and the first
 * rows as the import will read them through that mapping: the stored
 * value, or the problem in red.
 */
export function ColumnMapper({
  preview,
  mapping,
  onChange,
}: {
  preview: FilePreview;
  /** The user's choices so far; the preview may still be catching up. */
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  const { header, fields, required, rows, problems } = preview;

  function choose(index: number, field: string) {
    const next = [...mapping];
    next[index] = field === "" ? null : field;
    onChange(next);
  }

  return (
    <section
      aria-labelledby="mapping-heading"
      className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
    >
      <h2 id="mapping-heading" className="font-medium">
        Columns of the file
      </h2>
      <p className="text-slate-600 dark:text-slate-400">
        The header does not name the {preview.preset} preset&apos;s fields.
        Choose the field each column is; the required ones say so. The rows show
        what the import will store, read through this mapping.
      </p>
      {problems.length > 0 ? (
        <ul
          aria-label="Mapping problems"
          className="list-disc pl-5 text-red-800 dark:text-red-300"
        >
          {problems.map((problem) => (
            <li key={problem}>{labelFieldsInProblem(problem, fields)}</li>
          ))}
        </ul>
      ) : null}
      <div className="max-h-[32rem] overflow-auto">
        <table className="text-xs">
          <thead>
            <tr>
              <th scope="col" className="pr-3 text-left font-medium">
                File column
              </th>
              <th scope="col" className="pr-3 text-left font-medium">
                Field
              </th>
              {rows.map((row) => (
                <th
                  key={row.row}
                  scope="col"
                  className="pr-3 text-left font-medium"
                >
                  Row {row.row}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {header.map((name, index) => (
              <tr key={index} className="align-top">
                <th scope="row" className="pr-3 text-left font-normal">
                  {name.trim() === "" ? (
                    <span className="text-slate-500">(no name)</span>
                  ) : (
                    name
                  )}
                </th>
                <td className="pr-3">
                  <select
                    aria-label={`Field for ${describeColumn(name, index)}`}
                    value={mapping[index] ?? ""}
                    onChange={(event) => choose(index, event.target.value)}
                    className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
                  >
                    <option value="">— leave out —</option>
                    {fields.map((field) => (
                      <option key={field} value={field}>
                        {labelField(field)}
                        {required.includes(field) ? " (required)" : ""}
                      </option>
                    ))}
                  </select>
                </td>
                {rows.map((row) => {
                  const cell = row.cells[index];
                  if (!cell) return <td key={row.row} />;

                  return (
                    <td
                      key={row.row}
                      className={`max-w-48 pr-3 ${cell.problem ? "text-red-800 dark:text-red-300" : ""}`}
                    >
                      {cell.problem
                        ? `${cell.value ?? ""}: ${cell.problem}`
                        : (cell.value ?? "")}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((row) => row.note) ? (
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          {rows
            .filter((row) => row.note)
            .map((row) => (
              <li key={row.row}>
                Row {row.row}: {row.note}
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
