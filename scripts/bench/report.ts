import type { Timing } from "./pages";

export type Row = {
  page: string;
  widget: string;
  filter: string;
  aggregates: Timing;
  rows: Timing;
};

/** The goals on a 2-core machine at a million leads. */
export const goals = {
  widgetMedianMs: 100,
  widgetP95Ms: 250,
  pageMs: 400,
  speedUp: 20,
  rebuildMs: 30_000,
  refreshMs: 1_000,
};

/** The size the goals are set for; smaller sizes show the growth only. */
export const goalSize = 1_000_000;

const ms = (value: number) =>
  value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** "ok", or which goals a row missed. */
export function verdict(row: Row): string {
  const page = row.widget === "(whole page)";
  const missed: string[] = [];
  const ratio = row.rows.median / Math.max(row.aggregates.median, 0.001);
  if (page && row.aggregates.p95 > goals.pageMs) missed.push("page");
  if (!page && row.aggregates.median > goals.widgetMedianMs)
    missed.push("median");
  if (!page && row.aggregates.p95 > goals.widgetP95Ms) missed.push("p95");
  if (ratio < goals.speedUp && !row.rows.timedOut) missed.push("speed-up");

  return missed.length === 0 ? "ok" : `missed: ${missed.join(", ")}`;
}

/** A fixed-width table, one line per widget and page and filter. */
export function formatTable(rows: Row[], judged: boolean): string {
  const header = [
    "page",
    "widget",
    "filter",
    "median",
    "p95",
    "raw median",
    "× faster",
    "goals",
  ];
  const lines = rows.map((row) => [
    row.page,
    row.widget,
    row.filter,
    ms(row.aggregates.median),
    ms(row.aggregates.p95),
    `${row.rows.timedOut ? "≥ " : ""}${ms(row.rows.median)}`,
    `${row.rows.timedOut ? "≥ " : ""}${Math.round(row.rows.median / Math.max(row.aggregates.median, 0.001))}×`,
    judged ? verdict(row) : "",
  ]);
  const widths = header.map((title, index) =>
    Math.max(title.length, ...lines.map((line) => (line[index] ?? "").length)),
  );
  const right = new Set([3, 4, 5, 6]);
  const format = (line: string[]) =>
    line
      .map((value, index) =>
        right.has(index)
          ? value.padStart(widths[index] ?? 0)
          : value.padEnd(widths[index] ?? 0),
      )
      .join("  ")
      .trimEnd();

  return [
    format(header),
    format(widths.map((w) => "-".repeat(w))),
    ...lines.map(format),
  ].join("\n");
}
