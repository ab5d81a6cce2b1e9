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

  const seen = new Set<string>();
  const repeated = names.filter((name) => {
    if (name === "") return false;
    if (seen.has(name)) return true;
    seen.add(name);

    return false;
  });
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

// At most this many names are quoted, each cut to a readable length: a
// file of thousands of stray columns still gets a message one can read.
const namesShown = 10;
const nameLength = 60;

function quoteAll(names: string[]): string {
  const quoted = names
    .slice(0, namesShown)
    .map((name) =>
      name.length > nameLength
        ? `"${name.slice(0, nameLength)}…"`
        : `"${name}"`,
    );
  if (names.length > namesShown)
    quoted.push(`${names.length - namesShown} more`);

  return listChoices(quoted, "and");
}
