import { createHash } from "node:crypto";
import { indexColumns, listChoices, RowCells } from "../cells";
import { emptyLead } from "../records";
import type {
  CellProblem,
  LeadRecord,
  LeadsPreset,
  RunContext,
} from "../types";
import { readInstant } from "../values";

const columns = [
  "age",
  "job",
  "marital",
  "education",
  "default",
  "balance",
  "housing",
  "loan",
  "contact",
  "day",
  "month",
  "duration",
  "campaign",
  "pdays",
  "previous",
  "poutcome",
  "y",
];

// The last call of the campaign decides the lead's disposition: `y` says
// whether the client subscribed; a call of some seconds without a
// subscription was a conversation that ended in a no. `poutcome` describes
// an earlier campaign and is not this lead's outcome.
const dispositionCodes: Record<string, string> = {
  subscribed: "Converted",
  "declined on the call": "Not interested",
  "no conversation": "Call failed",
};

/**
 * The UCI bank telemarketing file (bank-full.csv): one client per row, the
 * last call of the campaign described by its day and month and a count of
 * calls. No year, no time of day and no client id exist, so each row is a
 * lead without attempts (an attempt needs an instant), identified by a
 * hash of its fields and its ordinal among identical rows. Without a year
 * a lead has no creation time; given the year of the first row, a lead is
 * created at the start of its last call's day in the run's zone, the year
 * advancing where the file's date order turns from December to January.
 */
export const bankMarketingPreset: LeadsPreset = {
  name: "bank-marketing",
  label: "Bank telemarketing (UCI bank-full.csv)",
  description:
    "The UCI bank marketing file: one client per row, semicolon-separated. " +
    "Imported as leads of the source Bank telemarketing with their " +
    "subscription as conversion; no attempts, because the file gives no " +
    "time. Given the first row's year, leads are dated by their last call.",
  origin: "bank-marketing",
  hasHeader: true,
  records: "leads",
  dispositionCodes,
  notes: [
    "The file gives a day and a month without a year and no time: without a year leads have no creation time; with one, each lead is created at the start of its last call's day. No attempts were stored.",
  ],
  open(header, context) {
    const index = indexColumns(header, (name) => name.trim().toLowerCase());
    const missing = columns.filter((name) => !index.has(name));
    if (missing.length > 0) {
      return {
        problems: [
          {
            column: null,
            reason: `expected the bank marketing file's columns; missing ${listChoices(
              missing.map((name) => `"${name}"`),
              "and",
            )}`,
          },
        ],
      };
    }
    const yearProblem = checkYear(context.year);
    if (yearProblem) return { problems: [yearProblem] };
    const seen = new Map<string, number>();
    const calendar =
      context.year === undefined ? null : new CallDays(context.year);

    return {
      fieldCount: header.length,
      readRow: (fields) => {
        const cells = new RowCells(fields, index, {
          reading: context.reading,
        });
        const record = readClient(cells, context, identify(fields, seen));
        const day = calendar?.read(cells, context.timeZone) ?? null;
        if (cells.problems.length > 0) return { problems: cells.problems };

        return {
          record: {
            ...record,
            createdAt: day,
            convertedAt: record.converted ? day : null,
          },
        };
      },
    };
  },
};

// Identical rows are distinct clients: the ordinal keeps them apart, and
// keeps a row's id when other rows are added, removed or reordered.
function identify(fields: string[], seen: Map<string, number>): string {
  const digest = createHash("sha256")
    .update(fields.map((field) => field.trim()).join("\u001f"))
    .digest("hex")
    .slice(0, 20);
  const ordinal = (seen.get(digest) ?? 0) + 1;
  seen.set(digest, ordinal);

  return `${digest}-${ordinal}`;
}

function readClient(
  cells: RowCells,
  context: RunContext,
  externalId: string,
): LeadRecord {
  const subscribed = cells.oneOf("y", ["yes", "no"]);
  if (subscribed === null && cells.text("y") === null)
    cells.fail("y", "expected yes or no", "");
  const duration = cells.count("duration");
  if (duration === null && cells.text("duration") === null)
    cells.fail("duration", "expected the last call's seconds", "");

  return {
    ...emptyLead,
    externalId,
    source: "Bank telemarketing",
    timeZone: context.timeZone,
    converted: subscribed === "yes",
    dispositionCode:
      subscribed === "yes"
        ? "subscribed"
        : (duration ?? 0) > 0
          ? "declined on the call"
          : "no conversation",
  };
}

function checkYear(year: number | undefined): CellProblem | null {
  if (year === undefined) return null;
  if (Number.isInteger(year) && year >= 1900 && year <= 2100) return null;

  return {
    column: null,
    reason: `expected the year of the first row, such as 2008, not ${year}`,
  };
}

const months = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;

const dayMs = 86_400_000;

// The longest step forward from one row's day to the next when the date
// goes back in the file: bank-full.csv steps from 27 Dec to 28 Jan and from
// 31 Dec to 6 Jan. Longer means the rows are not in date order (bank.csv is
// a shuffled sample), and the year could not be read from them.
const longestYearTurnDays = 92;

/** The day of each row's last call, the year read from the row order. */
class CallDays {
  private previous: Date | null = null;

  constructor(private year: number) {}

  /** The start of the row's day in `timeZone`, as an ISO instant. */
  read(cells: RowCells, timeZone: string): string | null {
    const month = cells.oneOf("month", months);
    const day = cells.count("day");
    if (month === null || day === null) {
      if (cells.text("month") === null)
        cells.fail("month", `expected ${listChoices([...months])}`, "");
      if (cells.text("day") === null)
        cells.fail("day", "expected the day of the month", "");

      return null;
    }
    const monthIndex = months.indexOf(month);
    let date = new Date(Date.UTC(this.year, monthIndex, day));
    if (date.getUTCMonth() !== monthIndex) {
      cells.fail("day", `expected a day of ${month} ${this.year}`, String(day));

      return null;
    }
    if (this.previous && date < this.previous) {
      date = new Date(Date.UTC(this.year + 1, monthIndex, day));
      if (
        date.getTime() - this.previous.getTime() >
        longestYearTurnDays * dayMs
      ) {
        cells.fail(
          "month",
          "expected the rows in date order, as in bank-full.csv, to read " +
            `the year from them; ${day} ${month} comes before the row above ` +
            `(${describeDay(this.previous)}): import this file without a year`,
          month,
        );

        return null;
      }
      this.year += 1;
    }
    this.previous = date;
    const local = `${date.toISOString().slice(0, 10)} 00:00`;

    return readInstant(local, timeZone)?.iso ?? null;
  }
}

function describeDay(date: Date): string {
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
