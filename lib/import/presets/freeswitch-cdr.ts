import { normalisePhone } from "@/lib/persons/normalise-phone";
import { indexColumns, RowCells } from "../cells";
import { emptyCall } from "../records";
import type { AttemptsPreset, CallOutcome, RunContext } from "../types";
import { parseLocalDateTime } from "../values";

// mod_cdr_csv's stock "default" template.
const order = [
  "caller_id_name",
  "caller_id_number",
  "destination_number",
  "context",
  "start_stamp",
  "answer_stamp",
  "end_stamp",
  "duration",
  "billsec",
  "hangup_cause",
  "uuid",
  "bleg_uuid",
  "accountcode",
  "read_codec",
  "write_codec",
];

// Hangup causes that end a call the callee answered, or would have.
const clearing = new Set([
  "NORMAL_CLEARING",
  "ATTENDED_TRANSFER",
  "BLIND_TRANSFER",
  "PICKED_OFF",
  "LOSE_RACE",
]);

const causeOutcomes = new Map<string, CallOutcome>([
  ["NO_ANSWER", "no_answer"],
  ["NO_USER_RESPONSE", "no_answer"],
  ["ORIGINATOR_CANCEL", "no_answer"],
  ["SUBSCRIBER_ABSENT", "no_answer"],
  ["ALLOTTED_TIMEOUT", "no_answer"],
  ["USER_BUSY", "busy"],
  ["CALL_REJECTED", "rejected"],
  ["UNALLOCATED_NUMBER", "invalid_number"],
  ["INVALID_NUMBER_FORMAT", "invalid_number"],
  ["NUMBER_CHANGED", "invalid_number"],
  ["NO_ROUTE_DESTINATION", "invalid_number"],
  // Network and switch faults.
  ["RECOVERY_ON_TIMER_EXPIRE", "failed"],
  ["NORMAL_TEMPORARY_FAILURE", "failed"],
  ["NETWORK_OUT_OF_ORDER", "failed"],
  ["DESTINATION_OUT_OF_ORDER", "failed"],
  ["SWITCH_CONGESTION", "failed"],
  ["NORMAL_CIRCUIT_CONGESTION", "failed"],
  ["REQUESTED_CHAN_UNAVAIL", "failed"],
  ["NORMAL_UNSPECIFIED", "failed"],
  ["SERVICE_UNAVAILABLE", "failed"],
  ["SERVICE_NOT_IMPLEMENTED", "failed"],
  ["FACILITY_REJECTED", "failed"],
  ["FACILITY_NOT_SUBSCRIBED", "failed"],
  ["BEARERCAPABILITY_NOTAVAIL", "failed"],
  ["BEARERCAPABILITY_NOTIMPL", "failed"],
  ["INCOMPATIBLE_DESTINATION", "failed"],
  ["EXCHANGE_ROUTING_ERROR", "failed"],
  ["MEDIA_TIMEOUT", "failed"],
  ["GATEWAY_DOWN", "failed"],
  ["USER_NOT_REGISTERED", "failed"],
  ["PROGRESS_TIMEOUT", "failed"],
  ["MANDATORY_IE_MISSING", "failed"],
  ["PROTOCOL_ERROR", "failed"],
  ["INTERWORKING", "failed"],
  ["CHAN_NOT_IMPLEMENTED", "failed"],
  ["SYSTEM_SHUTDOWN", "failed"],
]);

/** FreeSWITCH mod_cdr_csv records, also after a spreadsheet re-saved them. */
export const freeswitchCdrPreset: AttemptsPreset = {
  name: "freeswitch-cdr",
  label: "FreeSWITCH CDR (Master.csv)",
  description:
    "FreeSWITCH's cdr-csv Master.csv in the stock default template (15 " +
    "fields, no header), also after a spreadsheet re-saved it. A call " +
    "reported more than once is stored once.",
  origin: "freeswitch-cdr",
  hasHeader: false,
  records: "attempts",
  dispositionCodes: {},
  open(first, context) {
    if (first.length !== order.length) {
      return {
        problems: [
          {
            column: null,
            reason:
              "expected a FreeSWITCH Master.csv in the default template " +
              `(15 fields, no header); got ${first.length} fields`,
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

// The lead is the destination, unless the call was originated straight to
// an application (`&echo`, `&park`): the switch then called the party in
// caller_id_number, and no agent placed the call.
function readCall(cells: RowCells, context: RunContext) {
  const uuid = cells.required("uuid", "the call's uuid");
  const startedAt = readStamp(cells, "start_stamp", context.timeZone, true);
  const answeredAt = readStamp(cells, "answer_stamp", context.timeZone, false);
  const cause = cells.required("hangup_cause", "the call's hangup cause");
  const outcome = cause === null ? null : readOutcome(cause, answeredAt);
  if (cause !== null && outcome === null) {
    cells.fail(
      "hangup_cause",
      "expected a FreeSWITCH hangup cause such as NORMAL_CLEARING or USER_BUSY",
      cause,
    );
  }
  const billsec = cells.count("billsec");

  const destination = cells.text("destination_number");
  const caller = cells.text("caller_id_number");
  const toApplication = destination?.startsWith("&") ?? false;
  const number = toApplication ? caller : destination;
  if (number === null) {
    cells.fail(
      toApplication ? "caller_id_number" : "destination_number",
      "expected the called number",
      "",
    );
  }
  const agent = toApplication || !caller || /^0+$/.test(caller) ? null : caller;
  if (cells.problems.length > 0 || !uuid || !startedAt || !outcome || !number)
    return { problems: cells.problems };
  const phone = normalisePhone(number, context.defaultCountry);

  return {
    record: {
      ...emptyCall,
      externalId: uuid,
      lead: {
        kind: "dialled" as const,
        number,
        phoneE164: "e164" in phone ? phone.e164 : null,
      },
      agent,
      startedAt,
      outcome,
      durationSeconds: billsec,
    },
  };
}

function readStamp(
  cells: RowCells,
  column: string,
  timeZone: string,
  required: boolean,
): string | null {
  const text = required
    ? cells.required(column, "a time such as 2020-02-10 22:41:37")
    : cells.text(column);
  if (text === null) return null;
  const instant = parseLocalDateTime(text, timeZone, true);
  if (instant === undefined) {
    cells.fail(
      column,
      "expected a time such as 2020-02-10 22:41:37 or 2020/2/10 22:41",
      text,
    );

    return null;
  }

  return cells.isWithinYears(column, instant, text) ? instant : null;
}

function readOutcome(
  cause: string,
  answeredAt: string | null,
): CallOutcome | null {
  if (clearing.has(cause)) return answeredAt ? "answered" : "no_answer";

  return causeOutcomes.get(cause) ?? null;
}
