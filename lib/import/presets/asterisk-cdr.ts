import { normalisePhone } from "@/lib/persons/normalise-phone";
import { indexColumns, listChoices, RowCells } from "../cells";
import { emptyCall } from "../records";
import type { AttemptsPreset, CallOutcome, RunContext } from "../types";
import { parseLocalDateTime } from "../values";

// Field orders of Asterisk's Master.csv. cdr_custom's stock mapping starts
// with clid and ends with sequence; the older cdr_csv starts with
// accountcode and has no sequence.
const customOrder = [
  "clid",
  "src",
  "dst",
  "dcontext",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "start",
  "answer",
  "end",
  "duration",
  "billsec",
  "disposition",
  "amaflags",
  "accountcode",
  "uniqueid",
  "userfield",
  "sequence",
];

const csvOrder = [
  "accountcode",
  "src",
  "dst",
  "dcontext",
  "clid",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "start",
  "answer",
  "end",
  "duration",
  "billsec",
  "disposition",
  "amaflags",
  "uniqueid",
  "userfield",
];

const outcomes = new Map<string, CallOutcome>([
  ["ANSWERED", "answered"],
  ["NO ANSWER", "no_answer"],
  ["BUSY", "busy"],
  ["FAILED", "failed"],
  ["CONGESTION", "failed"],
]);

/** Asterisk call detail records: each row an outbound call by agent `src`
 * to the number `dst`, timestamps in the PBX's local time. */
export const asteriskCdrPreset: AttemptsPreset = {
  name: "asterisk-cdr",
  label: "Asterisk CDR (Master.csv)",
  description:
    "Asterisk's Master.csv without a header, in cdr_custom order (19 " +
    "fields) or the older cdr_csv order (18, accountcode first). Each row " +
    "is a call by agent src to the lead with phone dst; a lead is created " +
    "for numbers no lead has.",
  origin: "asterisk-cdr",
  hasHeader: false,
  records: "attempts",
  dispositionCodes: {},
  open(first, context) {
    const order = detectOrder(first, context.timeZone);
    if (!order) {
      return {
        problems: [
          {
            column: null,
            reason:
              "expected an Asterisk Master.csv: 19 fields in cdr_custom " +
              "order or 18 in cdr_csv order (accountcode first), with the " +
              `start time in field 9 or 10; got ${first.length} fields`,
          },
        ],
      };
    }
    const columns = indexColumns(order);

    return {
      fieldCount: order.length,
      readRow: (fields) => readCall(new RowCells(fields, columns), context),
    };
  },
};

function detectOrder(first: string[], timeZone: string): string[] | null {
  const looksLike = (order: string[]) =>
    first.length === order.length &&
    parseLocalDateTime(first[order.indexOf("start")] ?? "", timeZone, false) !==
      undefined;
  if (looksLike(customOrder)) return customOrder;
  if (looksLike(csvOrder)) return csvOrder;

  return null;
}

function readCall(cells: RowCells, context: RunContext) {
  const uniqueid = cells.required("uniqueid", "the call's uniqueid");
  const dst = cells.required("dst", "the dialled number");
  const startText = cells.required("start", "the call's start time");
  const startedAt =
    startText === null
      ? null
      : parseLocalDateTime(startText, context.timeZone, false);
  if (startText !== null && startedAt === undefined) {
    cells.fail(
      "start",
      "expected a time such as 2023-07-26 01:51:32",
      startText,
    );
  } else if (startText !== null && startedAt) {
    cells.isWithinYears("start", startedAt, startText);
  }
  const disposition = cells.required("disposition", "the call's disposition");
  const outcome = disposition === null ? undefined : outcomes.get(disposition);
  if (disposition !== null && outcome === undefined) {
    cells.fail(
      "disposition",
      `expected ${listChoices([...outcomes.keys()])}`,
      disposition,
    );
  }
  const billsec = cells.count("billsec");
  const agent = cells.text("src");
  if (cells.problems.length > 0 || !uniqueid || !dst || !startedAt || !outcome)
    return { problems: cells.problems };
  const phone = normalisePhone(dst, context.defaultCountry);

  return {
    record: {
      ...emptyCall,
      // uniqueid starts again after a PBX restart; with the start it is unique.
      externalId: `${uniqueid}/${startText}`,
      lead: {
        kind: "dialled" as const,
        number: dst,
        phoneE164: "e164" in phone ? phone.e164 : null,
      },
      agent,
      startedAt,
      outcome,
      durationSeconds: billsec,
    },
  };
}
