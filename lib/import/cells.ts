import {
  type NormalisedPhone,
  normalisePhone,
} from "@/lib/persons/normalise-phone";
import { ambiguousDateReason, type ReadingState } from "./reading";
import type { CellProblem } from "./types";
import {
  instantExample,
  isEmailAddress,
  type LocalInstant,
  matchDayMonthYear,
  parseAmountMinor,
  parseBoolean,
  parseNonNegativeInteger,
  readInstant,
  readTimeZone,
} from "./values";

// Parsing a number costs tens of microseconds, and a file names the same
// number on many rows. The answers are kept per country and text, up to a
// bound that keeps memory flat however long the file.
const phones = new Map<string, NormalisedPhone>();
const phoneCacheLimit = 50_000;

function normaliseKnownPhone(raw: string, country: string): NormalisedPhone {
  const key = `${country} ${raw}`;
  const known = phones.get(key);
  if (known) return known;
  const result = normalisePhone(raw, country);
  if (phones.size >= phoneCacheLimit) phones.clear();
  phones.set(key, result);

  return result;
}

/** `placeholders` are cells that mean "nothing here" beyond the standard
 * ones; `reading` is the run's state for date order and clock changes. */
export type CellOptions = { placeholders?: string[]; reading?: ReadingState };

// What exports write for an empty cell: an untouched dropdown (`Select`), a
// database's NULL, a spreadsheet's N/A or a dash. Compared lower-cased.
export const standardPlaceholders = ["select", "null", "n/a", "-"];
const longestPlaceholder = Math.max(
  ...standardPlaceholders.map((placeholder) => placeholder.length),
);

/** The longest cell a preset reads, in characters. Ids, source, campaign,
 * agent, team and template names and disposition codes end up in btree
 * indexes, whose entries PostgreSQL limits to about 2,700 bytes: 500
 * characters are at most 2,000 bytes of UTF-8. No other cell read needs
 * more. */
export const maxCellCharacters = 500;

/** The last year an instant may fall in: the dashboard's periods end there. */
const lastYear = 2099;

/**
 * Reads the cells of one row by column name and collects what is wrong with
 * them, so that a preset reads like a list of its columns. Every reader
 * returns null for an empty cell, and null (with a problem) for a bad one.
 */
export class RowCells {
  readonly problems: CellProblem[] = [];
  readonly warnings: CellProblem[] = [];
  // Columns whose cell is too long: named once, and no other problem is
  // reported on them (such a cell reads as empty).
  private readonly tooLong = new Set<string>();

  constructor(
    private readonly fields: string[],
    private readonly columns: ReadonlyMap<string, number>,
    private readonly options: CellOptions = {},
  ) {}

  /** The trimmed text, null when empty or absent from the file. */
  text(column: string): string | null {
    const index = this.columns.get(column);
    if (index === undefined) return null;
    const value = (this.fields[index] ?? "").trim();
    if (value === "" || this.isPlaceholder(value)) return null;
    if (value.length > maxCellCharacters) {
      this.fail(column, `expected at most ${maxCellCharacters} characters`);
      this.tooLong.add(column);

      return null;
    }

    return value;
  }

  private isPlaceholder(value: string): boolean {
    // Most cells are longer than any standard placeholder: no need to
    // lower-case them to know.
    if (value.length > longestPlaceholder && !this.options.placeholders)
      return false;
    const lower = value.toLowerCase();

    return (
      standardPlaceholders.includes(lower) ||
      (this.options.placeholders?.includes(value) ?? false)
    );
  }

  required(column: string, expected: string): string | null {
    const value = this.text(column);
    if (value === null) this.fail(column, `expected ${expected}`, "");

    return value;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | null {
    const value = this.text(column);
    if (value === null) return null;
    const lower = value.toLowerCase() as T;
    if (allowed.includes(lower)) return lower;
    this.fail(column, `expected ${listChoices(allowed)}`, value);

    return null;
  }

  boolean(column: string): boolean | null {
    const value = this.text(column);
    if (value === null) return null;
    const parsed = parseBoolean(value);
    if (parsed === undefined)
      this.fail(column, "expected yes or no (or true/false, 1/0)", value);

    return parsed ?? null;
  }

  /** An ISO 8601 instant, a local `YYYY-MM-DD HH:MM`, or a day and month
   * as numbers (`25/03/2026 14:30`) in the order the run settles. */
  instant(column: string, timeZone: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    const parsed = this.readDate(column, value, timeZone);
    if (parsed === null) return null;
    if (parsed === undefined) {
      // A date of the right shape that does not exist (31/04, 2026-02-30,
      // 25:00) is named as such; anything else gets the format.
      const shaped =
        matchDayMonthYear(value) !== undefined ||
        /^\d{4}-\d{1,2}-\d{1,2}/.test(value);
      this.fail(
        column,
        shaped
          ? "expected a date and time that exist (no such day in that month, or no such hour or minute)"
          : `expected an ISO 8601 instant such as ${instantExample}`,
        value,
      );

      return null;
    }
    if (!this.isWithinYears(column, parsed.iso, value)) return null;
    if (parsed.change !== null) {
      this.options.reading?.noteClockChange({
        column,
        written: value,
        change: parsed.change,
        instant: parsed.iso,
      });
    }

    return parsed.iso;
  }

  /** Whether an instant read from `written` falls in a year a period of
   * the dashboard can hold; when not, the column's problem says so. */
  isWithinYears(column: string, iso: string, written: string): boolean {
    // No period of the dashboard reaches past 2099: a later year is a typo.
    // The year is the instant's own: an offset can carry 9999-12-31 into
    // 10000, whose ISO string (+010000-…) has no four-digit year to read.
    if (new Date(iso).getUTCFullYear() <= lastYear) return true;
    this.fail(column, `expected a year up to ${lastYear}`, written);

    return false;
  }

  // Null when a problem was already recorded.
  private readDate(
    column: string,
    value: string,
    timeZone: string,
  ): LocalInstant | undefined | null {
    const dayMonth = matchDayMonthYear(value);
    if (!dayMonth) return readInstant(value, timeZone);
    const order = this.options.reading
      ? this.options.reading.chooseOrder(dayMonth, column, value)
      : (dayMonth.settles ?? {
          reason: ambiguousDateReason,
        });
    if (typeof order !== "string") {
      this.fail(column, order.reason, value);

      return null;
    }

    return dayMonth.read(order, timeZone);
  }

  timeZone(column: string, fallback: string): string {
    const value = this.text(column);
    if (value === null) return fallback;
    const zone = readTimeZone(value);
    if (zone !== undefined) return zone;
    this.fail(
      column,
      "expected an IANA time zone such as Europe/Madrid, or an offset in " +
        "whole hours such as +01:00",
      value,
    );

    return fallback;
  }

  count(column: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    const parsed = parseNonNegativeInteger(value);
    if (parsed === undefined)
      this.fail(column, "expected a whole number of 0 or more", value);

    return parsed ?? null;
  }

  amount(column: string, currency: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    const parsed = parseAmountMinor(value, currency);
    if (parsed === undefined) {
      this.fail(
        column,
        `expected an amount in ${currency} such as 49.90, 49,90 or 1.234,56`,
        value,
      );
    }

    return parsed ?? null;
  }

  /** A phone that cannot be normalised is kept as written and not used to
   * group persons: a warning, not a reason to lose the lead. */
  phone(column: string, defaultCountry: string) {
    const value = this.text(column);
    if (value === null) return { phoneE164: null, phoneRaw: null };
    const result = normaliseKnownPhone(value, defaultCountry);
    if ("e164" in result) return { phoneE164: result.e164, phoneRaw: null };
    this.warnings.push({
      column,
      reason: `kept as written, not used to group persons: ${result.problem}`,
    });

    return { phoneE164: null, phoneRaw: value };
  }

  email(column: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    if (isEmailAddress(value)) return value;
    this.warnings.push({
      column,
      reason: "left out: expected an e-mail address such as ana@example.com",
    });

    return null;
  }

  fail(column: string | null, reason: string, got?: string) {
    if (column !== null && this.tooLong.has(column)) return;
    this.problems.push({ column, reason, got });
  }
}

/** `a, b or c`; `a, b and c` with `conjunction` "and". */
export function listChoices(
  values: readonly string[],
  conjunction = "or",
): string {
  if (values.length <= 1) return values.join("");

  return `${values.slice(0, -1).join(", ")} ${conjunction} ${values.at(-1)}`;
}

/** Column positions by name as the reader looks them up. */
export function indexColumns(
  header: string[],
  normalise: (name: string) => string = (name) => name,
): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalise(name);
    if (!columns.has(key)) columns.set(key, index);
  });

  return columns;
}
