import { listChoices } from "./cells";
import { delimiterNames } from "./read-csv";
import { describeClockChange, describeOrder } from "./reading";
import type { ImportSummary } from "./types";

const shownRepeats = 5;
const shownCodes = 10;
const shownWarnings = 5;

function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${value.toLocaleString("en-US")} ${value === 1 ? noun : plural}`;
}

function listRows(rows: number[], total: number): string {
  const shown = listChoices(rows.map(String), "and");

  return total > rows.length ? `${shown}, …` : shown;
}

/** The summary as lines a person reads after an import. */
export function describeSummary(
  summary: Omit<ImportSummary, "lines">,
): string[] {
  const lines = [
    `${summary.fileName} (preset ${summary.preset}, origin ${summary.origin}): ` +
      `${count(summary.rowsRead, "row")} read in ${(summary.durationMs / 1000).toFixed(1)} s.`,
    ...describeReading(summary),
  ];
  if (summary.status === "failed") {
    lines.push(
      `Not imported: ${count(summary.problemCount, "problem")}, nothing was written.`,
    );

    return lines;
  }

  lines.push(...summary.notes);
  const noun = summary.records === "leads" ? "Leads" : "Attempts";
  if (summary.dryRun)
    lines.push("Checked only: nothing was written. Importing would give:");
  lines.push(
    `${noun}: ${summary.inserted.toLocaleString("en-US")} inserted, ` +
      `${summary.updated.toLocaleString("en-US")} updated, ` +
      `${summary.unchanged.toLocaleString("en-US")} unchanged.`,
  );
  if (summary.skipped === 0) lines.push("No rows skipped.");
  for (const group of summary.skippedReasons) {
    lines.push(
      `${count(group.rows, "row")} skipped: ${group.reason} ` +
        `(row ${listRows(group.firstRows, group.rows)}).`,
    );
  }
  lines.push(...describeRepeats(summary));
  if (summary.leadsCreated > 0) {
    lines.push(
      `${count(summary.leadsCreated, "lead")} created for numbers no lead had (source Dialer).`,
    );
  }
  if (summary.sourcesCreated.length > 0) {
    lines.push(`New sources: ${summary.sourcesCreated.join(", ")}.`);
  }
  if (summary.persons) {
    lines.push(
      `Persons: ${count(summary.persons.persons, "person")} and ` +
        `${count(summary.persons.duplicates, "duplicate lead")} in the database.`,
    );
  }
  lines.push(...describeCodes(summary), ...describeWarnings(summary));

  return lines;
}

function describeReading(summary: Omit<ImportSummary, "lines">): string[] {
  const lines: string[] = [];
  if (summary.layout) {
    const encoding =
      summary.layout.encoding === "utf-8"
        ? "UTF-8"
        : "Windows-1252 (the file is not valid UTF-8)";
    lines.push(
      `Read as ${encoding} text, ${delimiterNames[summary.layout.delimiter]}-separated.`,
    );
  }
  const order = summary.dateOrder;
  if (order) {
    const why =
      order.by === "option"
        ? "as the import was told"
        : `as row ${order.row} settles ("${order.written}")`;
    lines.push(
      `Dates such as 03/04/2026 read ${describeOrder(order.order)}, ${why}.`,
    );
  }
  for (const entry of summary.clockChanges) {
    lines.push(
      `Row ${entry.row}, column "${entry.column}": "${entry.written}": ${describeClockChange(entry)}.`,
    );
  }

  return lines;
}

function describeRepeats(summary: Omit<ImportSummary, "lines">): string[] {
  const lines = summary.repeatedIds
    .slice(0, shownRepeats)
    .map(
      (repeat) =>
        `Rows ${listChoices(repeat.rows.map(String), "and")} report the same id ` +
        `${repeat.externalId}; it is stored once, as row ${repeat.keptRow} reports it.`,
    );
  const more = summary.repeatedIdCount - lines.length;
  if (more > 0)
    lines.push(`${count(more, "more id")} reported by several rows.`);

  return lines;
}

function describeCodes(summary: Omit<ImportSummary, "lines">): string[] {
  if (summary.unmappedCodes.length === 0) return [];
  const shown = summary.unmappedCodes
    .slice(0, shownCodes)
    .map((code) => `"${code.code}" (${count(code.rows, "row")})`);
  const more = summary.unmappedCodes.length - shown.length;

  return [
    `Disposition codes without a mapping: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`,
  ];
}

function describeWarnings(summary: Omit<ImportSummary, "lines">): string[] {
  if (summary.warningCount === 0) return [];
  const lines = [
    `${count(summary.warningCount, "cell")} could not be used; the rows were imported without them:`,
    ...summary.warnings
      .slice(0, shownWarnings)
      .map((warning) => `  ${warning.message}`),
  ];
  const more =
    summary.warningCount - Math.min(shownWarnings, summary.warnings.length);
  if (more > 0) lines.push(`  and ${count(more, "more")}.`);

  return lines;
}

/** The error message of a rejected import: what to do, then the problems. */
export function describeFailure(summary: Omit<ImportSummary, "lines">): string {
  const header =
    summary.invalidRows === 0
      ? `${summary.fileName} was not imported; nothing was written.`
      : `${summary.fileName} was not imported: ${count(summary.invalidRows, "row is", "rows are")} invalid, ` +
        "so nothing was written. Correct them, or import again skipping invalid rows.";
  const more = summary.problemCount - summary.problems.length;

  return [
    header,
    ...summary.problems.map((problem) => problem.message),
    ...(more > 0 ? [`… and ${count(more, "more problem")}.`] : []),
  ].join("\n");
}
