import { listChoices } from "./cells";
import { attemptColumns, requiredAttemptColumns } from "./presets/attempts";
import { normaliseHeaderName } from "./presets/header";
import { leadColumns, requiredLeadColumns } from "./presets/leads";
import type { CellProblem, ColumnMapping, RunContext } from "./types";

/** The fields of a preset whose columns a user may map, and those a file
 * must give. */
export function listMappableFields(preset: MappablePreset): {
  fields: readonly string[];
  required: readonly string[];
} {
  return preset === "leads"
    ? { fields: leadColumns, required: requiredLeadColumns }
    : { fields: attemptColumns, required: requiredAttemptColumns };
}

export type MappablePreset = "leads" | "attempts";

export function isMappablePreset(name: string): name is MappablePreset {
  return name === "leads" || name === "attempts";
}

// "Created At" and "created-at" are the field created_at.
function toFieldName(column: string): string {
  return normaliseHeaderName(column).replace(/[\s-]+/g, "_");
}

/**
 * The field each column is recognised as: its name written as a field
 * (trimmed, any case, spaces and dashes as underscores), each field once,
 * the first column that names it. Other columns map to nothing.
 */
export function suggestColumnMapping(
  header: string[],
  preset: MappablePreset,
): ColumnMapping {
  const known = listMappableFields(preset).fields;
  const taken = new Set<string>();

  return header.map((column) => {
    const field = toFieldName(column);
    if (!known.includes(field) || taken.has(field)) return null;
    taken.add(field);

    return field;
  });
}

/** What is wrong with a mapping for a file's header: one entry per column,
 * known fields, each field once, every required field mapped. */
export function checkColumnMapping(
  header: string[],
  mapping: ColumnMapping,
  preset: MappablePreset,
): CellProblem[] {
  const { fields: known, required } = listMappableFields(preset);
  if (mapping.length !== header.length) {
    return [
      {
        column: null,
        reason: `expected a column mapping with one entry per column of the file (${header.length}), got ${mapping.length}`,
      },
    ];
  }

  const problems: CellProblem[] = [];
  mapping.forEach((field, index) => {
    if (field !== null && !known.includes(field)) {
      problems.push({
        column: header[index] ?? null,
        reason: `expected a field of the ${preset} preset (${known.join(", ")}) or none, but the mapping names "${field}"`,
      });
    }
  });
  const twice = [
    ...new Set(
      mapping.filter(
        (field, index) => field !== null && mapping.indexOf(field) !== index,
      ),
    ),
  ];
  for (const field of twice) {
    const columns = header.filter((_, index) => mapping[index] === field);
    problems.push({
      column: null,
      reason: `expected each field mapped once; "${field}" is mapped from ${listChoices(
        columns.map((name) => `"${name}"`),
        "and",
      )}`,
    });
  }
  const missing = required.filter((field) => !mapping.includes(field));
  if (missing.length > 0) {
    problems.push({
      column: null,
      reason: `expected a column mapped to the required field${missing.length > 1 ? "s" : ""} ${listChoices(
        missing.map((field) => `"${field}"`),
        "and",
      )}`,
    });
  }

  return problems;
}

/** The header as the preset reads it: each column renamed to its field; a
 * column mapped to nothing gets an empty name, which no reader looks up. */
export function applyColumnMapping(mapping: ColumnMapping): string[] {
  return mapping.map((field) => field ?? "");
}

/** The header a generic preset reads: the file's own, or the fields the
 * run's column mapping gives its columns, once the mapping is checked. */
export function readMappedHeader(
  header: string[],
  context: RunContext,
  preset: MappablePreset,
): { header: string[] } | { problems: CellProblem[] } {
  const mapping = context.columnMapping;
  if (!mapping) return { header };
  const problems = checkColumnMapping(header, mapping, preset);
  if (problems.length > 0) return { problems };

  return { header: applyColumnMapping(mapping) };
}

/** A mapping as a form or the command line sends it: a JSON array of field
 * names and nulls. */
export function parseColumnMapping(text: string): ColumnMapping | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The column mapping is not valid JSON.";
  }
  if (
    !Array.isArray(value) ||
    !value.every((item) => item === null || typeof item === "string")
  ) {
    return "The column mapping is a JSON array with a field name or null for each column.";
  }

  return value.map((item: string | null) =>
    item === null || item.trim() === "" ? null : item.trim(),
  );
}
