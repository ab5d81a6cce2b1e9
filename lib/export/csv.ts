/** One column of an export: its header and how to read it from a row. */
export type CsvColumn<Row> = {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
};

// Cells that a spreadsheet would run as a formula are prefixed with a quote.
const formulaStart = /^[=+\-@\t\r]/;

function escapeCell(
  value: string | number | boolean | null | undefined,
): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A number such as an E.164 phone, masked or not, is no formula.
  const numeric = /^[+-]?[\d\s().•]+$/.test(text);
  if (typeof value === "string" && !numeric && formulaStart.test(text)) {
    text = `'${text}`;
  }

  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv<Row>(rows: Row[], columns: CsvColumn<Row>[]): string {
  const lines = [columns.map((column) => escapeCell(column.header)).join(",")];
  for (const row of rows)
    lines.push(
      columns.map((column) => escapeCell(column.value(row))).join(","),
    );

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
