import { roundChange } from "@/lib/compare/change";
import { describeError } from "@/lib/errors";
import type { createLogger } from "@/lib/log";
import { formatDecimalAmount } from "@/lib/money/format-money";

type CsvValue = string | number | boolean | null | undefined;

/** One column of an export: its header and how to read it from a row. */
export type CsvColumn<Row> = {
  header: string;
  value: (row: Row) => CsvValue;
  /** Set on a figure that compares with the previous period; labels and
   * intervals have none. */
  change?: CsvChange<Row>;
};

/** How a figure's change against the previous period is written. */
export type CsvChange<Row> = {
  /** The figure as a number (a count, a share of 1, an amount in minor
   * units); null is no data. */
  of: (row: Row) => number | null | undefined;
  /** Current minus previous, as the change column writes it. */
  format: (change: number) => string;
  /** Ends the change column's name, for a unit that differs from the
   * figure's own ("_pts" for a share's change in points). */
  unit?: string;
};

/** A count's change: a signed whole number, "-3". */
export function countChange<Row>(
  of: (row: Row) => number | null | undefined,
): CsvChange<Row> {
  return { of, format: (change) => String(change) };
}

/** A share's change in percentage points with two decimals, the precision
 * of the four-decimal share beside it: 0.4125 against 0.4000 is "1.25". */
export function shareChange<Row>(
  of: (row: Row) => number | null | undefined,
): CsvChange<Row> {
  return {
    of,
    format: (change) => {
      const { direction, magnitude } = roundChange(change * 100, 2);

      return direction === "fall" ? `-${magnitude}` : magnitude;
    },
    unit: "_pts",
  };
}

/** An amount's change in major units of `currency`, as the amounts beside
 * it: 1250 cents less is "-12.50". */
export function moneyChange<Row>(
  of: (row: Row) => number | null | undefined,
  currency: string,
): CsvChange<Row> {
  return { of, format: (change) => formatDecimalAmount(change, currency) };
}

/** The previous period's row for each row of an export, when it compares;
 * a row with none (a source new in the period) has empty previous and
 * change cells, which is no data, not zero. */
export type CsvComparison<Row> = { previousOf: (row: Row) => Row | undefined };

function comparedColumns<Row>(
  columns: CsvColumn<Row>[],
  { previousOf }: CsvComparison<Row>,
): CsvColumn<Row>[] {
  return columns.flatMap((column) => {
    const { change } = column;
    if (!change) return [column];
    const before = (row: Row) => previousOf(row);

    return [
      column,
      {
        header: `previous_${column.header}`,
        value: (row: Row) => {
          const previous = before(row);

          return previous === undefined ? "" : column.value(previous);
        },
      },
      {
        header: `change_${column.header}${change.unit ?? ""}`,
        value: (row: Row) => {
          const previous = before(row);
          const now = change.of(row);
          const then = previous === undefined ? null : change.of(previous);
          if (now === null || now === undefined) return "";
          if (then === null || then === undefined) return "";

          return change.format(now - then);
        },
      },
    ];
  });
}

// Cells that a spreadsheet would run as a formula are prefixed with a quote.
const formulaStart = /^[=+\-@\t\r]/;
// So is each part of a cell after a semicolon or a tab: a spreadsheet set
// to another list separator (the semicolon, in most of Europe) splits the
// line there, quotes or not, and would run the part that follows.
const formulaAfterSeparator = /([;\t]\s*)([=+\-@])/g;

function escapeCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A number such as an E.164 phone, masked or not, is no formula.
  const numeric = /^[+-]?[\d\s().•]+$/.test(text);
  if (typeof value === "string" && !numeric) {
    if (formulaStart.test(text)) text = `'${text}`;
    text = text.replace(formulaAfterSeparator, "$1'$2");
  }

  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. With a comparison,
 * each figure with a `change` is followed by `previous_<header>` and
 * `change_<header>` (current minus previous). */
export function toCsv<Row>(
  rows: Row[],
  columns: CsvColumn<Row>[],
  comparison?: CsvComparison<Row>,
): string {
  const all = comparison ? comparedColumns(columns, comparison) : columns;
  const lines = [all.map((column) => escapeCell(column.header)).join(",")];
  for (const row of rows)
    lines.push(all.map((column) => escapeCell(column.value(row))).join(","));

  return `${lines.join("\r\n")}\r\n`;
}

/** A share as a plain number with four decimals, empty for no data, so a
 * spreadsheet reads it as a number. */
export function csvShare(value: number | null): string {
  return value === null ? "" : value.toFixed(4);
}

export function csvResponse(fileName: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The answer of an export that failed, in the API's error shape
 * (`{ error: { code, message } }`); failures on our side are logged. */
export function exportErrorResponse(
  error: unknown,
  log: ReturnType<typeof createLogger>,
): Response {
  const { code, status, message } = describeError(error);
  if (status >= 500) log.error("export failed", { error });

  return Response.json({ error: { code, message } }, { status });
}
