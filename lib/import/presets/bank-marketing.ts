import { createHash } from "node:crypto";
import { indexColumns, listChoices, RowCells } from "../cells";
import { emptyLead } from "../records";
import type { LeadRecord, LeadsPreset, RunContext } from "../types";

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
 * lead without a creation time and without attempts (an attempt needs an
 * instant, and a year would be invented), identified by a hash of its
 * fields and its ordinal among identical rows.
 */
export const bankMarketingPreset: LeadsPreset = {
  name: "bank-marketing",
  label: "Bank telemarketing (UCI bank-full.csv)",
  description:
    "The UCI bank marketing file: one client per row, semicolon-separated. " +
    "Imported as leads of the source Bank telemarketing with their " +
    "subscription as conversion; no attempts, because the file gives no year.",
  origin: "bank-marketing",
  hasHeader: true,
  records: "leads",
  dispositionCodes,
  notes: [
    "The file gives a day and a month without a year and no time: leads have no creation time and no attempts were stored.",
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
    const seen = new Map<string, number>();

    return {
      fieldCount: header.length,
      readRow: (fields) => {
        const cells = new RowCells(fields, index, {
          reading: context.reading,
        });
        const record = readClient(cells, context, identify(fields, seen));
        if (cells.problems.length > 0) return { problems: cells.problems };

        return { record };
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
