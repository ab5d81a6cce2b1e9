import { createHash } from "node:crypto";
import {
  type MappablePreset,
  listMappableFields,
  suggestColumnMapping,
} from "./column-mapping";
import { getPreset } from "./presets";
import { MalformedCsvError, readCsvRows } from "./read-csv";
import { ReadingState } from "./reading";
import type {
  AttemptRecord,
  ColumnMapping,
  LeadRecord,
  RunContext,
} from "./types";
import { getMinorUnitDigits } from "@/lib/metrics/lead-value";

/** One cell of the preview: the value as the import will store it, or why
 * it cannot be read. `value` is null for an empty cell. */
export type PreviewCell = { value: string | null; problem: string | null };

export type FilePreview = {
  preset: MappablePreset;
  header: string[];
  fields: readonly string[];
  required: readonly string[];
  /** The mapping the preview used: the one given, else the suggested one. */
  mapping: ColumnMapping;
  /** Whether the file's own header names the preset's fields, so that it
   * imports without a mapping. */
  headerMatches: boolean;
  /** Problems with the file or the mapping; rows are read only without. */
  problems: string[];
  /** `note`: why the row is left out, or a problem of the whole row. */
  rows: { row: number; cells: PreviewCell[]; note: string | null }[];
};

export const previewRowCount = 5;

/**
 * The file's first rows as a generic preset will read them with a column
 * mapping: the same CSV reader and the same preset reader as the import,
 * run on the rows only, without a database. Phones come out normalised,
 * times as instants shown in the lead's zone.
 */
export async function previewFile(
  input: Buffer,
  preset: MappablePreset,
  context: Omit<RunContext, "reading" | "columnMapping">,
  mapping?: ColumnMapping,
): Promise<FilePreview> {
  const { fields, required } = listMappableFields(preset);
  const read = await readFirstRows(input, previewRowCount + 1);
  const [header, ...rows] = read.rows;
  const base = { preset, fields, required, rows: [], headerMatches: false };
  if (!header) {
    return {
      ...base,
      header: [],
      mapping: [],
      problems: [read.error ?? "The file is empty."],
    };
  }
  const used = mapping ?? suggestColumnMapping(header.fields, preset);
  const plain = getPreset(preset).open(header.fields, {
    ...context,
    reading: new ReadingState(),
  });
  const headerMatches = !("problems" in plain);
  const reading = new ReadingState();
  const opened = getPreset(preset).open(header.fields, {
    ...context,
    reading,
    columnMapping: used,
  });
  if ("problems" in opened) {
    return {
      ...base,
      headerMatches,
      header: header.fields,
      mapping: used,
      problems: opened.problems.map((problem) => problem.reason),
    };
  }

  return {
    ...base,
    headerMatches,
    header: header.fields,
    mapping: used,
    problems: read.error ? [read.error] : [],
    rows: rows.map(({ row, fields: cells }) => {
      reading.row = row;
      const result = opened.readRow(cells);
      if ("skip" in result) {
        return { row, note: result.skip, cells: cells.map(asWritten) };
      }
      if ("problems" in result) {
        const placed = new Set(used.filter((field) => field !== null));
        const whole = result.problems.filter(
          (item) => item.column === null || !placed.has(item.column),
        );

        return {
          row,
          note:
            whole.length > 0
              ? whole.map((item) => item.reason).join("; ")
              : null,
          cells: used.map((field, index) => {
            const problem = result.problems.find(
              (item) => item.column !== null && item.column === field,
            );

            return problem
              ? { value: cells[index] ?? null, problem: problem.reason }
              : asWritten(cells[index] ?? "");
          }),
        };
      }

      return {
        row,
        note: null,
        cells: used.map((field) => ({
          value:
            field === null ? null : showField(field, result.record, context),
          problem: null,
        })),
      };
    }),
  };
}

function asWritten(text: string): PreviewCell {
  return { value: text.trim() === "" ? null : text, problem: null };
}

// The first rows of the file that are not blank, read as the import reads
// them; a broken row ends the preview with its reason.
async function readFirstRows(input: Buffer, count: number) {
  const rows: { row: number; fields: string[] }[] = [];
  const reader = readCsvRows(input, createHash("sha256"));
  let error: string | null = null;
  try {
    for await (const { row, fields } of reader) {
      if (fields.every((field) => field.trim() === "")) continue;
      rows.push({ row, fields });
      if (rows.length >= count) break;
    }
  } catch (caught) {
    if (!(caught instanceof MalformedCsvError)) throw caught;
    error = `Row ${caught.row}: ${caught.message}`;
  } finally {
    await reader.return(undefined);
  }

  return { rows, error };
}

const instantFields = new Set([
  "created_at",
  "consent_at",
  "preferred_slot_start",
  "preferred_slot_end",
  "converted_at",
  "started_at",
  "sent_at",
  "delivered_at",
  "read_at",
  "failed_at",
]);

const recordKeys: Record<string, string> = {
  phone: "phoneE164",
  value: "valueMinor",
  conversion_value: "conversionValueMinor",
  disposition: "dispositionCode",
};

/** A record's value for one field, as text a person checks. */
export function showField(
  field: string,
  record: LeadRecord | AttemptRecord,
  context: Pick<RunContext, "timeZone" | "reportCurrency">,
): string | null {
  const values = record as unknown as Record<string, unknown>;
  if (field === "lead_external_id" && "lead" in record) {
    return record.lead.kind === "external" ? record.lead.externalId : null;
  }
  const key =
    recordKeys[field] ??
    field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const value = values[key];
  if (value === null || value === undefined || value === "") return null;

  // A lead's times read in its own zone; an attempt's in the run's zone.
  const zone = "timeZone" in record ? record.timeZone : context.timeZone;
  if (instantFields.has(field)) return showInstant(String(value), zone);
  if (field === "value" || field === "conversion_value") {
    const written =
      "valueCurrency" in record
        ? field === "value"
          ? record.valueCurrency
          : record.conversionCurrency
        : null;
    const currency = written ?? context.reportCurrency;
    const digits = getMinorUnitDigits(currency);

    return `${(Number(value) / 10 ** digits).toFixed(digits)} ${currency}`;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";

  return String(value);
}

/** `2026-03-01 09:30 Europe/Madrid`: an instant on the wall clock of its
 * zone. */
export function showInstant(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  const seconds = parts.second === "00" ? "" : `:${parts.second}`;

  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds} ${timeZone}`;
}
