import type { ClockChange, DateOrder, DayMonthText } from "./values";

/** A local time that met a clock change, and how it was read. */
export type ClockChangeRow = {
  row: number;
  column: string;
  written: string;
  change: ClockChange;
  instant: string;
};

/** Where the file showed which number is the day. */
export type DateOrderFound = {
  order: DateOrder;
  /** `option` when the run was told; `file` when a date settled it. */
  by: "option" | "file";
  row: number | null;
  column: string | null;
  written: string | null;
};

// Dates read before the file settles the order are read day-first; if the
// file later turns out month-first they must be read again.
const tentativeOrder: DateOrder = "dmy";

/** Why a date both orders read is refused where nothing settles the order. */
export const ambiguousDateReason =
  "expected an unambiguous date such as 2026-03-25 14:30";

/**
 * What one run learns while it reads rows, beyond the rows themselves: the
 * order of day and month in dates such as 03/04/2026, and the local times a
 * clock change skipped or repeated. `row` is the row being read.
 */
export class ReadingState {
  row = 0;
  readonly clockChanges: ClockChangeRow[] = [];
  private found: DateOrderFound | null;
  /** The first date both orders could read, and how many rows had one
   * before the order was settled. */
  firstAmbiguous: { row: number; column: string; written: string } | null =
    null;
  ambiguousBeforeSettled = 0;
  private dayMonthDates = 0;
  private readonly fixed: boolean;
  private readonly eachDateAlone: boolean;

  /** `settled` is an order given as an option, or the one a first reading
   * of the same file found. Only an option is followed without question:
   * an order the file settled is still checked against every date, so that
   * the second reading names a row that contradicts it, as the first did. */
  constructor(
    settled: DateOrder | DateOrderFound | null = null,
    /** Items of an API batch are no rows of one file: each date is read
     * on its own, and one that both orders read is refused. */
    { eachDateAlone = false }: { eachDateAlone?: boolean } = {},
  ) {
    this.eachDateAlone = eachDateAlone;
    this.found =
      typeof settled === "string"
        ? {
            order: settled,
            by: "option",
            row: null,
            column: null,
            written: null,
          }
        : settled;
    this.fixed = typeof settled === "string";
  }

  /** The order dates were read in; null when the file had no such date. */
  get dateOrderFound(): DateOrderFound | null {
    return this.dayMonthDates > 0 ? this.found : null;
  }

  /** The order to read `date` in, or a reason it cannot be read. */
  chooseOrder(
    date: DayMonthText,
    column: string,
    written: string,
  ): DateOrder | { reason: string } {
    this.dayMonthDates += 1;
    if (this.eachDateAlone)
      return date.settles ?? { reason: ambiguousDateReason };
    if (this.fixed && this.found) return this.found.order;
    if (date.settles === null) {
      if (date.first > 12) return { reason: "expected a day and a month" };
      this.firstAmbiguous ??= { row: this.row, column, written };
      if (this.found === null) this.ambiguousBeforeSettled += 1;

      return this.found?.order ?? tentativeOrder;
    }
    if (this.found === null) {
      this.found = {
        order: date.settles,
        by: "file",
        row: this.row,
        column,
        written,
      };

      return date.settles;
    }
    if (this.found.order !== date.settles) {
      return {
        reason: `expected dates in one order: row ${this.found.row} has ${describeOrder(this.found.order)} "${this.found.written}", this one reads only ${describeOrder(date.settles)}`,
      };
    }

    return date.settles;
  }

  /** True when dates read day-first before the file settled the order must
   * be read again month-first. */
  needsSecondReading(): boolean {
    return (
      this.found?.by === "file" &&
      this.found.order !== tentativeOrder &&
      this.ambiguousBeforeSettled > 0
    );
  }

  /** True when the file has dates both orders read and nothing settles it. */
  isOrderUnsettled(): boolean {
    return this.found === null && this.firstAmbiguous !== null;
  }

  noteClockChange(entry: Omit<ClockChangeRow, "row">) {
    this.clockChanges.push({ row: this.row, ...entry });
  }
}

/** What a clock change did to a local time, as the import summary and the
 * API's warnings say it. */
export function describeClockChange(
  entry: Pick<ClockChangeRow, "change" | "instant">,
): string {
  return entry.change === "skipped"
    ? `a clock change skips this time; moved forward by the gap to ${entry.instant}`
    : `a clock change repeats this time; read as its first occurrence, ${entry.instant}`;
}

export function describeOrder(order: DateOrder): string {
  return order === "dmy" ? "day-first" : "month-first";
}
