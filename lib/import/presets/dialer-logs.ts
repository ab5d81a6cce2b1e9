import { normalisePhone } from "@/lib/persons/normalise-phone";
import { listChoices, RowCells } from "../cells";
import { emptyCall } from "../records";
import type {
  AttemptRecord,
  AttemptsPreset,
  CallOutcome,
  RowResult,
  RunContext,
} from "../types";
import { parseInstant } from "../values";
import { indexLabels } from "./crm-leads";

function missingColumns(
  label: string,
  columns: Map<string, number>,
  required: string[],
) {
  const missing = required.filter((name) => !columns.has(name));
  if (missing.length === 0) return null;

  return {
    problems: [
      {
        column: null,
        reason: `expected ${label}'s columns; missing ${listChoices(
          missing.map((name) => `"${name}"`),
          "and",
        )}`,
      },
    ],
  };
}

function dialled(number: string, context: RunContext): AttemptRecord["lead"] {
  const phone = normalisePhone(number, context.defaultCountry);

  return {
    kind: "dialled",
    number,
    phoneE164: "e164" in phone ? phone.e164 : null,
  };
}

const twilioColumns = [
  "Call Sid",
  "From",
  "To",
  "Direction",
  "Status",
  "Start Time",
  "Duration",
];

const twilioOutcomes = new Map<string, CallOutcome>([
  ["completed", "answered"],
  ["busy", "busy"],
  ["no-answer", "no_answer"],
  ["failed", "failed"],
  ["canceled", "no_answer"],
]);

const twilioPending = ["queued", "ringing", "in-progress", "initiated"];

/** Twilio's call log export: the lead is the number called (To) on an
 * outbound call and the caller (From) on an inbound one. */
export const twilioCallsPreset: AttemptsPreset = {
  name: "twilio-calls",
  label: "Twilio call log",
  description:
    "Twilio's call log export: Call Sid, From, To, Direction, Status " +
    "(completed, busy, no-answer, failed, canceled), Start Time and " +
    "Duration. A lead is created for numbers no lead has.",
  origin: "twilio",
  hasHeader: true,
  records: "attempts",
  dispositionCodes: {},
  open(header, context) {
    const columns = indexLabels(header, twilioColumns);
    const missing = missingColumns("Twilio's call log", columns, twilioColumns);
    if (missing) return missing;

    return {
      fieldCount: header.length,
      readRow: (fields) =>
        readTwilioCall(
          new RowCells(fields, columns, { reading: context.reading }),
          context,
        ),
    };
  },
};

function readTwilioCall(
  cells: RowCells,
  context: RunContext,
): RowResult<AttemptRecord> {
  const status = cells.required("Status", "the call's status")?.toLowerCase();
  if (status && twilioPending.includes(status))
    return { skip: `${status} is not a terminal call status` };
  const outcome = status ? twilioOutcomes.get(status) : undefined;
  if (status && !outcome) {
    cells.fail(
      "Status",
      `expected ${listChoices([...twilioOutcomes.keys()])}`,
      status,
    );
  }
  const direction = cells.required("Direction", "the call's direction");
  const inbound = direction?.toLowerCase() === "inbound";
  if (direction && !inbound && !direction.toLowerCase().startsWith("outbound"))
    cells.fail("Direction", "expected inbound or outbound-…", direction);
  const number = cells.required(inbound ? "From" : "To", "a phone number");
  const sid = cells.required("Call Sid", "the call's sid");
  const startedAt = readTwilioTime(cells);
  const durationSeconds = cells.count("Duration");
  if (cells.problems.length > 0 || !outcome || !number || !sid || !startedAt)
    return { problems: cells.problems };

  return {
    record: {
      ...emptyCall,
      externalId: sid,
      lead: dialled(number, context),
      direction: inbound ? "inbound" : "outbound",
      automated: direction?.toLowerCase() === "outbound-api",
      startedAt,
      outcome,
      durationSeconds,
    },
  };
}

// The console writes `2026-03-25 14:30:05 UTC`; the API and its CSV the
// RFC 2822 `Wed, 25 Mar 2026 14:30:05 +0000`. Both say their zone.
function readTwilioTime(cells: RowCells): string | null {
  const text = cells.required("Start Time", "the call's start time");
  if (text === null) return null;
  const utc = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?) UTC$/.exec(text);
  const rfc =
    /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/.test(
      text,
    );
  const instant = utc
    ? parseInstant(`${utc[1]}Z`, "UTC")
    : rfc
      ? readRfcTime(text)
      : parseInstant(text, "UTC");
  if (instant === undefined || !/Z|[+-]\d{2}:?\d{2}$|UTC$/.test(text)) {
    cells.fail(
      "Start Time",
      "expected a time with its zone such as 2026-03-25 14:30:05 UTC",
      text,
    );

    return null;
  }

  return cells.isWithinYears("Start Time", instant, text) ? instant : null;
}

// Date.parse answers NaN for a day or hour that does not exist (32 Mar,
// 25:00), which has no ISO string.
function readRfcTime(text: string): string | undefined {
  const ms = Date.parse(text);

  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const vicidialColumns = [
  "call_date",
  "phone_number",
  "status",
  "user",
  "length_in_sec",
  "uniqueid",
  "campaign_id",
];

// VICIdial's system statuses: what happened to the call, and for the ones
// an agent set, what the lead said. Campaign-specific statuses are listed
// as codes without a mapping until one is set in Settings.
const vicidialStatuses: Record<
  string,
  { outcome: CallOutcome; disposition: string | null }
> = {
  na: { outcome: "no_answer", disposition: "Call failed" },
  n: { outcome: "no_answer", disposition: "Call failed" },
  b: { outcome: "busy", disposition: "Call failed" },
  ab: { outcome: "busy", disposition: "Call failed" },
  a: { outcome: "voicemail", disposition: "Call failed" },
  aa: { outcome: "voicemail", disposition: "Call failed" },
  am: { outcome: "voicemail", disposition: "Call failed" },
  al: { outcome: "voicemail", disposition: "Call failed" },
  dc: { outcome: "invalid_number", disposition: "Invalid contact" },
  adc: { outcome: "invalid_number", disposition: "Invalid contact" },
  drop: { outcome: "failed", disposition: "Call failed" },
  pdrop: { outcome: "failed", disposition: "Call failed" },
  dnc: { outcome: "answered", disposition: "Do not contact" },
  sale: { outcome: "answered", disposition: "Converted" },
  ni: { outcome: "answered", disposition: "Not interested" },
  dec: { outcome: "answered", disposition: "Not interested" },
  callbk: { outcome: "answered", disposition: "Callback" },
  cbhold: { outcome: "answered", disposition: "Callback" },
  xfer: { outcome: "answered", disposition: "Contact" },
  np: { outcome: "answered", disposition: "Contact" },
  wn: { outcome: "answered", disposition: "Invalid contact" },
};

const vicidialPending = ["incall", "queue", "dispo", "new"];

/** VICIdial's call log (vicidial_log) export with its status codes. */
export const vicidialCallsPreset: AttemptsPreset = {
  name: "vicidial-calls",
  label: "VICIdial call log",
  description:
    "A VICIdial call log (vicidial_log): call_date, phone_number, status " +
    "(NA, B, DC, A, AA, N, DNC, SALE, …), user, length_in_sec, uniqueid, " +
    "campaign_id. A lead is created for numbers no lead has.",
  origin: "vicidial",
  hasHeader: true,
  records: "attempts",
  dispositionCodes: Object.fromEntries(
    Object.entries(vicidialStatuses).flatMap(([code, status]) =>
      status.disposition ? [[code, status.disposition]] : [],
    ),
  ),
  open(header, context) {
    const columns = indexLabels(header, vicidialColumns);
    const missing = missingColumns(
      "a VICIdial call log",
      columns,
      vicidialColumns.filter((name) => name !== "campaign_id"),
    );
    if (missing) return missing;

    return {
      fieldCount: header.length,
      readRow: (fields) =>
        readVicidialCall(
          new RowCells(fields, columns, { reading: context.reading }),
          context,
        ),
    };
  },
};

function readVicidialCall(
  cells: RowCells,
  context: RunContext,
): RowResult<AttemptRecord> {
  const status = cells.required("status", "the call's status");
  const code = status?.toLowerCase() ?? "";
  if (vicidialPending.includes(code))
    return { skip: `${status} is not a terminal call status` };
  const known = vicidialStatuses[code];
  const uniqueid = cells.required("uniqueid", "the call's uniqueid");
  const number = cells.required("phone_number", "the dialled number");
  const startedAt = cells.instant("call_date", context.timeZone);
  if (cells.text("call_date") === null)
    cells.fail("call_date", "expected the time the call started", "");
  const agent = cells.text("user");
  if (cells.problems.length > 0 || !uniqueid || !number || !startedAt)
    return { problems: cells.problems };

  return {
    record: {
      ...emptyCall,
      externalId: uniqueid,
      lead: dialled(number, context),
      // Dialer-placed calls carry the pseudo-user VDAD until an agent takes
      // them; a campaign-specific status counts as answered by an agent.
      agent: agent === null || agent.toUpperCase() === "VDAD" ? null : agent,
      automated: agent?.toUpperCase() === "VDAD",
      startedAt,
      outcome: known?.outcome ?? "answered",
      durationSeconds: cells.count("length_in_sec"),
      dispositionCode: status,
    },
  };
}
