"use client";

import { useRouter } from "next/navigation";
import { type DragEvent, type FormEvent, useRef, useState } from "react";
import type { FilePreview } from "@/lib/import/preview-file";
import { type PreviewState, previewAction } from "./actions";
import { ColumnMapper } from "./column-mapper";
import type { ImportState } from "./import-request";
import { sendImport, type UploadProgress } from "./send-import";
import { UploadProgressView } from "./upload-progress";

const initial: ImportState = { status: "idle" };
// The preview needs only the header and a few rows.
const previewBytes = 256 * 1024;

// Full width of the form's column and no wider: a long preset description
// would otherwise stretch the select, and the form with it, past the page.
const fieldClass =
  "w-full max-w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

export function ImportForm({
  presets,
  organisationTimezone,
}: {
  presets: { name: string; label: string; description: string }[];
  /** What an empty zone field means, shown as its placeholder. */
  organisationTimezone: string;
}) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const timeZoneInput = useRef<HTMLInputElement>(null);
  const previewRequest = useRef(0);
  const [dragging, setDragging] = useState(false);
  const [chosen, setChosen] = useState<File | null>(null);
  const [preset, setPreset] = useState("auto");
  const [inspected, setInspected] = useState<PreviewState | null>(null);
  const [mapping, setMapping] = useState<(string | null)[] | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [state, setState] = useState<ImportState>(initial);
  const pending = progress !== null;

  const preview: FilePreview | null =
    inspected?.status === "ready" ? inspected.preview : null;
  const effectivePreset =
    preset === "auto" && inspected?.status === "ready"
      ? inspected.preset
      : preset;
  // The mapper shows when the header does not name the fields, or once the
  // user has mapped a column; only then is a mapping sent.
  const mapperShown =
    preview !== null && (!preview.headerMatches || mapping !== null);

  async function inspect(
    file: File | null,
    presetName: string,
    columns: (string | null)[] | null,
  ) {
    if (!file) {
      setInspected(null);

      return;
    }
    const form = new FormData();
    form.set("file", new File([file.slice(0, previewBytes)], file.name));
    form.set("preset", presetName);
    form.set("timeZone", timeZoneInput.current?.value ?? "");
    if (columns) form.set("columnMapping", JSON.stringify(columns));
    // Answers may arrive out of order: only the latest request's counts.
    const asked = ++previewRequest.current;
    const answer = await previewAction(form);
    if (asked === previewRequest.current) setInspected(answer);
  }

  function chooseFile(file: File | null) {
    setChosen(file);
    setMapping(null);
    void inspect(file, preset, null);
  }

  function choosePreset(name: string) {
    setPreset(name);
    setMapping(null);
    void inspect(chosen, name, null);
  }

  function changeMapping(next: (string | null)[]) {
    setMapping(next);
    void inspect(chosen, preset, next);
  }

  // A dropped file goes into the form's own file input, so the form posts
  // it exactly as a chosen one.
  function dropFile(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const input = fileInput.current;
    if (!input || event.dataTransfer.files.length === 0) return;
    input.files = event.dataTransfer.files;
    chooseFile(event.dataTransfer.files[0] ?? null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget);
    form.set(
      "mode",
      submitter instanceof HTMLButtonElement ? submitter.value : "import",
    );
    if (mapperShown && preview)
      form.set("columnMapping", JSON.stringify(mapping ?? preview.mapping));
    setState(initial);
    setProgress({ stage: "sending", sent: 0, total: chosen?.size ?? 0 });
    const outcome = await sendImport(form, setProgress);
    setProgress(null);
    setState(outcome);
    if (outcome.status === "done" && !outcome.preview) router.refresh();
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={submit}
        className="grid max-w-xl min-w-0 grid-cols-1 gap-4"
      >
        <label className="grid min-w-0 grid-cols-1 gap-1 text-sm">
          <span className="font-medium">Preset</span>
          <select
            name="preset"
            required
            value={preset}
            onChange={(event) => choosePreset(event.target.value)}
            className={fieldClass}
          >
            <option value="auto">
              Recognise it from the file&apos;s first row
            </option>
            {presets.map((item) => (
              <option key={item.name} value={item.name}>
                {item.label}: {item.description}
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
          className={`min-w-0 rounded-md border-2 border-dashed p-4 text-sm ${dragging ? "border-sky-600 bg-sky-50 dark:bg-sky-950" : "border-slate-300 dark:border-slate-700"}`}
        >
          <label className="grid min-w-0 grid-cols-1 gap-1">
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
              onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
              className="w-full max-w-full min-w-0"
            />
          </label>
          {chosen ? (
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Selected: {chosen.name}
              {preset === "auto" &&
              inspected?.status === "ready" &&
              inspected.preset
                ? `, recognised as ${inspected.preset}`
                : ""}
            </p>
          ) : null}
          {preset === "auto" &&
          inspected?.status === "ready" &&
          !inspected.preset ? (
            <p className="mt-1 text-amber-800 dark:text-amber-300">
              No preset recognises the first row. Pick the preset that describes
              the file, or Leads or Attempts to map its columns.
            </p>
          ) : null}
          {inspected?.status === "error" ? (
            <p className="mt-1 text-red-800 dark:text-red-300">
              {inspected.message}
            </p>
          ) : null}
        </div>
        {mapperShown && preview ? (
          <ColumnMapper
            preview={preview}
            mapping={mapping ?? preview.mapping}
            onChange={changeMapping}
          />
        ) : null}
        <label className="grid min-w-0 grid-cols-1 gap-1 text-sm">
          <span className="font-medium">
            Origin (for the generic presets; default csv)
          </span>
          <input name="origin" className={fieldClass} />
        </label>
        <label className="grid min-w-0 grid-cols-1 gap-1 text-sm">
          <span className="font-medium">
            Time zone of times without an offset (default the
            organisation&apos;s)
          </span>
          <input
            ref={timeZoneInput}
            name="timeZone"
            placeholder={organisationTimezone}
            onBlur={() => {
              if (preview) void inspect(chosen, preset, mapping);
            }}
            className={fieldClass}
          />
        </label>
        {effectivePreset === "bank-marketing" ? (
          <label className="grid min-w-0 grid-cols-1 gap-1 text-sm">
            <span className="font-medium">
              Year of the file&apos;s first row (optional; without it the leads
              stay undated)
            </span>
            <input
              name="year"
              inputMode="numeric"
              pattern="[0-9]{4}"
              placeholder="2008"
              className={fieldClass}
            />
          </label>
        ) : null}
        <label className="grid min-w-0 grid-cols-1 gap-1 text-sm">
          <span className="font-medium">
            Order of dates such as 03/04/2026 (needed only when no day in the
            file is above 12)
          </span>
          <select name="dateOrder" defaultValue="" className={fieldClass}>
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
      {progress ? (
        <UploadProgressView progress={progress} fileName={chosen?.name ?? ""} />
      ) : null}
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
