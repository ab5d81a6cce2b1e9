import type { CellProblem, ImportProblem } from "./types";

const keptProblems = 100;
const keptReasons = 50;
const exampleRows = 5;

/** `Leads.csv row 17, column "created_at": expected ..., got "yesterday"`. */
export function formatProblem(
  fileName: string,
  row: number,
  problem: CellProblem,
): string {
  const where =
    problem.column === null
      ? `${fileName} row ${row}`
      : `${fileName} row ${row}, column "${problem.column}"`;
  const got =
    problem.got === undefined
      ? ""
      : problem.got === ""
        ? ", got an empty cell"
        : `, got ${quoteValue(problem.got)}`;

  return `${where}: ${problem.reason}${got}`;
}

// A time of day, or a date at the start: digits that are no phone number.
const dateOrTime =
  /\d:\d|^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b|^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b/;

/**
 * A refused value as a problem quotes it back, except one that looks like
 * a phone number or an e-mail address, which is only described: a row
 * whose columns shifted puts them under other columns, and problems are
 * stored and shown to people who may not see contact data. A phone number
 * is at least 7 digits, more digits than letters, and no date or time of
 * day; an e-mail address is anything with an @ and a dot after it.
 */
export function quoteValue(value: string): string {
  if (/@.*\./s.test(value)) return "a value that looks like an e-mail address";
  const digits = value.match(/\d/g)?.length ?? 0;
  const letters = value.match(/\p{L}/gu)?.length ?? 0;
  if (digits >= 7 && digits > letters && !dateOrTime.test(value))
    return "a value that looks like a phone number";

  return `"${value}"`;
}

/** The problem without its value, to group skipped rows by. */
export function reasonOf(problem: CellProblem): string {
  return problem.column === null
    ? problem.reason
    : `column "${problem.column}": ${problem.reason}`;
}

/**
 * What went wrong in a run, kept small however long the file: the first 100
 * problems and warnings in full, counts of the rest, and skipped rows
 * grouped by reason with their first few row numbers.
 */
export class RunProblems {
  readonly problems: ImportProblem[] = [];
  problemCount = 0;
  invalidRows = 0;
  readonly warnings: ImportProblem[] = [];
  warningCount = 0;
  private readonly skips = new Map<
    string,
    { rows: number; firstRows: number[] }
  >();
  skipped = 0;

  constructor(private readonly fileName: string) {}

  addProblems(row: number, problems: CellProblem[]) {
    this.invalidRows += 1;
    for (const problem of problems) {
      this.problemCount += 1;
      if (this.problems.length < keptProblems) {
        this.problems.push(this.toImportProblem(row, problem));
      }
    }
  }

  addWarnings(row: number, warnings: CellProblem[]) {
    for (const warning of warnings) {
      this.warningCount += 1;
      if (this.warnings.length < keptProblems)
        this.warnings.push(this.toImportProblem(row, warning));
    }
  }

  /** Problems found after reading, in the database: the first of them and
   * how many there were. The kept list stays the first 100 by row. */
  addFoundProblems(
    found: { row: number; problem: CellProblem }[],
    count: number,
  ) {
    this.problemCount += count;
    this.invalidRows += count;
    for (const { row, problem } of found)
      this.problems.push(this.toImportProblem(row, problem));
    this.problems.sort((a, b) => a.row - b.row);
    this.problems.splice(keptProblems);
  }

  /** A row left out of the import, valid (a non-terminal call) or not. */
  addSkip(row: number, reason: string) {
    this.skipped += 1;
    const key =
      this.skips.has(reason) || this.skips.size < keptReasons
        ? reason
        : "other reasons";
    const group = this.skips.get(key) ?? { rows: 0, firstRows: [] };
    group.rows += 1;
    if (group.firstRows.length < exampleRows) group.firstRows.push(row);
    this.skips.set(key, group);
  }

  /** Rows left out for one reason, found in the database all at once. */
  addSkips(reason: string, count: number, rows: number[]) {
    this.skipped += count;
    const group = this.skips.get(reason) ?? { rows: 0, firstRows: [] };
    group.rows += count;
    group.firstRows.push(
      ...rows.slice(0, exampleRows - group.firstRows.length),
    );
    this.skips.set(reason, group);
  }

  skippedReasons() {
    return [...this.skips.entries()]
      .map(([reason, group]) => ({ reason, ...group }))
      .sort((a, b) => b.rows - a.rows);
  }

  toImportProblem(row: number, problem: CellProblem): ImportProblem {
    return {
      row,
      column: problem.column,
      message: formatProblem(this.fileName, row, problem),
    };
  }
}
