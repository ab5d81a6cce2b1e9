import { listChoices } from "../cells";
import type { CellProblem } from "../types";

/** Header names as the generic presets match them: trimmed, lower-cased. */
export function normaliseHeaderName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The problems with a generic file's header: required columns missing,
 * columns named twice, and unknown columns, named so that a typo is caught.
 * An empty name is allowed: spreadsheets write one for a trailing comma.
 */
export function checkHeader(
  header: string[],
  known: readonly string[],
  required: readonly string[],
  ignored: readonly string[],
): CellProblem[] {
  const names = header.map(normaliseHeaderName);
  const problems: CellProblem[] = [];

  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    problems.push({
      column: null,
      reason: `expected the required column${missing.length > 1 ? "s" : ""} ${quoteAll(missing)}`,
    });
  }

  const repeated = names.filter(
    (name, index) => name !== "" && names.indexOf(name) !== index,
  );
  if (repeated.length > 0) {
    problems.push({
      column: null,
      reason: `expected each column once; named more than once: ${quoteAll([...new Set(repeated)])}`,
    });
  }

  const unknown = names.filter(
    (name) => name !== "" && !known.includes(name) && !ignored.includes(name),
  );
  if (unknown.length > 0) {
    problems.push({
      column: null,
      reason:
        `expected only the columns this preset knows; unknown: ${quoteAll(unknown)}. ` +
        `Known columns: ${known.join(", ")}`,
    });
  }

  return problems;
}

function quoteAll(names: string[]): string {
  return listChoices(
    names.map((name) => `"${name}"`),
    "and",
  );
}
