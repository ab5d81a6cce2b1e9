"use client";

import { type DragEvent, useActionState, useRef, useState } from "react";
import { type ImportState, importAction } from "./actions";

const initial: ImportState = { status: "idle" };

export function ImportForm({
  presets,
}: {
  presets: { name: string; label: string; description: string }[];
}) {
  const [state, action, pending] = useActionState(importAction, initial);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);

  // A dropped file goes into the form's own file input, so the form posts
  // it exactly as a chosen one.
  function dropFile(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const input = fileInput.current;
    if (!input || event.dataTransfer.files.length === 0) return;
    input.files = event.dataTransfer.files;
    setChosen(event.dataTransfer.files[0]?.name ?? null);
  }

  return (
    <div className="space-y-4">
      <form action={action} className="grid max-w-xl gap-4">
        <label className="grid gap-1 text-sm">
          <span className="font-medium">Preset</span>
          <select
            name="preset"
            required
            defaultValue="auto"
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="auto">
              Recognise it from the file&apos;s first row
            </option>
            {presets.map((preset) => (
              <option key={preset.name} value={preset.name}>
                {preset.label}: {preset.description}
              </option>
            ))}
          </select>
        </label>
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={dropFile}
          className={`rounded-md border-2 border-dashed p-4 text-sm ${dragging ? "border-sky-600 bg-sky-50 dark:bg-sky-950" : "border-slate-300 dark:border-slate-700"}`}
        >
          <label className="grid gap-1">
            <span className="font-medium">
              File: CSV, or JSON of WhatsApp webhooks (drop it here or choose
              it)
            </span>
            <input
              ref={fileInput}
              type="file"
              name="file"
              accept=".csv,.json,.jsonl,text/csv,text/plain,application/json"
              required
              onChange={(event) =>
                setChosen(event.target.files?.[0]?.name ?? null)
              }
            />
          </label>
          {chosen ? (
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Selected: {chosen}
            </p>
          ) : null}
        </div>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">
            Origin (for the generic presets; default csv)
          </span>
          <input
            name="origin"
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">
            Time zone of times without an offset (default the
            organisation&apos;s)
          </span>
          <input
            name="timeZone"
            placeholder="Europe/Madrid"
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">
            Order of dates such as 03/04/2026 (needed only when no day in the
            file is above 12)
          </span>
          <select
            name="dateOrder"
            defaultValue=""
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">Let the file settle it</option>
            <option value="dmy">Day first (25/03/2026)</option>
            <option value="mdy">Month first (03/25/2026)</option>
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="skipInvalid" />
          Import the valid rows and skip invalid ones (otherwise one invalid row
          stops the import)
        </label>
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            name="mode"
            value="check"
            disabled={pending}
            className="w-fit rounded-md border border-sky-700 px-4 py-2 font-medium text-sky-800 hover:bg-sky-50 disabled:opacity-60 dark:text-sky-200 dark:hover:bg-sky-950"
          >
            Check without importing
          </button>
          <button
            type="submit"
            name="mode"
            value="import"
            disabled={pending}
            className="w-fit rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
          >
            {pending ? "Working…" : "Import"}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state.status === "error" ? (
          <pre
            role="alert"
            className="whitespace-pre-wrap rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
          >
            {state.message}
          </pre>
        ) : null}
        {state.status === "done" ? (
          <section
            aria-label="Import summary"
            className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50"
          >
            <h2 className="font-medium">
              {state.preview ? "Checked" : "Imported"} {state.fileName}
            </h2>
            <ul className="mt-1 list-disc pl-5">
              {state.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {state.preview ? <PreviewTable rows={state.preview} /> : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}

/** The first records as the import reads them, every field as text. */
function PreviewTable({ rows }: { rows: Record<string, unknown>[] }) {
  const [first] = rows;
  if (!first) return null;
  const columns = Object.keys(first).filter((name) =>
    rows.some((row) => row[name] !== null),
  );

  return (
    <div className="mt-3 overflow-x-auto">
      <table className="text-xs">
        <caption className="mb-1 text-left font-medium">
          The first {rows.length} records as they will be read
        </caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col" className="pr-3 text-left font-medium">
                {name === "row_no" ? "row" : name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row.row_no)}>
              {columns.map((name) => (
                <td key={name} className="pr-3 whitespace-nowrap">
                  {row[name] === null ? "" : String(row[name])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
