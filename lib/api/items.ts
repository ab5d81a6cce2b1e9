import { attemptColumns, attemptsPreset } from "@/lib/import/presets/attempts";
import { leadColumns, leadsPreset } from "@/lib/import/presets/leads";
import { quoteValue } from "@/lib/import/problems";
import { describeClockChange, type ReadingState } from "@/lib/import/reading";
import type {
  AttemptRecord,
  CellProblem,
  LeadRecord,
  RowReader,
  RunContext,
} from "@/lib/import/types";
import { findUnstorableText } from "@/lib/text";

/** What is wrong with one field of one item; `field` is null for the item
 * as a whole. Values are never quoted back for phones and e-mails. */
export type FieldError = { field: string | null; message: string };

export type ReadItem<R> =
  | { index: number; record: R; warnings: FieldError[] }
  | { index: number; errors: FieldError[] };

// An item's fields are the generic CSV columns in camelCase, so that a lead
// means the same from a file, the API or a webhook: the same reader checks
// both.
function toFieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) =>
    letter.toUpperCase(),
  );
}

function toFieldError(problem: CellProblem): FieldError {
  const got =
    problem.got === undefined || problem.got === ""
      ? ""
      : `, got ${quoteValue(problem.got)}`;

  return {
    field: problem.column === null ? null : toFieldName(problem.column),
    message: `${problem.reason}${got}`,
  };
}

// Fields that name a record: a string, or a whole number some systems send
// for it; never a boolean or a fraction, which no system uses as an id.
const idFields = new Set(["externalId", "leadExternalId"]);

/** An id field's JSON value as text, or null when it is no id. */
export function toIdText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value))
    return String(value);

  return null;
}

/** A JSON value as the cell a CSV file would hold for it. */
function toCell(value: unknown): string | null {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";

  return null;
}

function readItems<R>(
  items: unknown[],
  columns: readonly string[],
  reader: RowReader<R>,
  reading: ReadingState | undefined,
): ReadItem<R>[] {
  const fields = new Map(
    columns.map((column) => [toFieldName(column), column]),
  );

  return items.map((item, index) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return {
        index,
        errors: [{ field: null, message: "expected an object" }],
      };
    }
    const errors: FieldError[] = [];
    const cells = new Map<string, string>();
    for (const [name, value] of Object.entries(item)) {
      const column = fields.get(name);
      const isId = idFields.has(name) && value !== null && value !== undefined;
      const cell = isId ? toIdText(value) : toCell(value);
      const unstorable = cell === null ? null : findUnstorableText(cell);
      if (column === undefined) {
        errors.push({ field: name, message: "expected no such field" });
      } else if (cell === null && isId) {
        errors.push({
          field: name,
          message: "expected a string or a whole number",
        });
      } else if (cell === null) {
        errors.push({
          field: name,
          message: "expected a string, a number, a boolean or null",
        });
      } else if (unstorable !== null) {
        // Not quoted back: the value may be a phone or an e-mail address.
        errors.push({
          field: name,
          message: `expected text without ${unstorable}`,
        });
      } else {
        cells.set(column, cell);
      }
    }
    if (errors.length > 0) return { index, errors };

    const changesBefore = reading?.clockChanges.length ?? 0;
    if (reading) reading.row = index;
    const result = reader.readRow(columns.map((c) => cells.get(c) ?? ""));
    if ("skip" in result) {
      return { index, errors: [{ field: "outcome", message: result.skip }] };
    }
    if ("problems" in result) {
      return { index, errors: result.problems.map(toFieldError) };
    }

    // A local time a clock change skipped or repeated is read by a stated
    // rule; the item's answer says which, as an import's summary does.
    const clockChanges = (reading?.clockChanges ?? [])
      .slice(changesBefore)
      .map((entry) => ({
        field: toFieldName(entry.column),
        message: `"${entry.written}": ${describeClockChange(entry)}`,
      }));

    return {
      index,
      record: result.record,
      warnings: [...(result.warnings ?? []).map(toFieldError), ...clockChanges],
    };
  });
}

function openReader<R>(
  opened: RowReader<R> | { problems: CellProblem[] },
): RowReader<R> {
  if ("problems" in opened) {
    throw new Error("the generic preset refused its own columns");
  }

  return opened;
}

export function readLeadItems(
  items: unknown[],
  context: RunContext,
): ReadItem<LeadRecord>[] {
  const reader = openReader(leadsPreset.open([...leadColumns], context));

  return readItems(items, leadColumns, reader, context.reading);
}

export function readAttemptItems(
  items: unknown[],
  context: RunContext,
): ReadItem<AttemptRecord>[] {
  const reader = openReader(attemptsPreset.open([...attemptColumns], context));

  return readItems(items, attemptColumns, reader, context.reading);
}

/** The item fields of each kind, for the documentation and its tests. */
export const leadFields = leadColumns.map(toFieldName);
export const attemptFields = attemptColumns.map(toFieldName);
