import { callOutcome } from "@/lib/db/schema";
import { indexColumns, listChoices, RowCells } from "../cells";
import { standardCodes } from "../standard-dispositions";
import type {
  AttemptRecord,
  AttemptsPreset,
  MessageStatus,
  RowResult,
  RunContext,
} from "../types";
import { readMappedHeader } from "../column-mapping";
import { checkHeader, normaliseHeaderName } from "./header";

export const attemptColumns = [
  "external_id",
  "lead_external_id",
  "channel",
  "direction",
  "automated",
  "purpose",
  "agent",
  "agent_name",
  "team",
  "started_at",
  "outcome",
  "message_status",
  "sent_at",
  "delivered_at",
  "read_at",
  "failed_at",
  "template",
  "disposition",
  "duration_seconds",
] as const;

export const requiredAttemptColumns = [
  "external_id",
  "lead_external_id",
  "started_at",
] as const;

// Statuses dialers report while a call is still going: not attempts yet.
const nonTerminalStatuses = [
  "ringing",
  "dialing",
  "dialling",
  "initiated",
  "queued",
  "trying",
  "early",
  "progress",
  "in-progress",
  "in_progress",
];

const messageStatuses = [
  "queued",
  "sent",
  "delivered",
  "read",
  "failed",
] as const;

// How far a message got. `failed` sits above sent and below delivered: it is
// final unless the same message was also reported delivered or read.
export const messageStatusRank: Record<MessageStatus, number> = {
  queued: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

const statusTimes = [
  ["sent_at", "sent"],
  ["delivered_at", "delivered"],
  ["read_at", "read"],
  ["failed_at", "failed"],
] as const;

/** A generic attempt file with a header; the columns are in docs/import.md. */
export const attemptsPreset: AttemptsPreset = {
  name: "attempts",
  label: "Attempts (generic CSV)",
  description:
    "One call or message per row with a header: external_id, " +
    "lead_external_id (a lead of the same origin) and started_at required; " +
    "channel, direction, agent, outcome or message status and times.",
  origin: null,
  hasHeader: true,
  records: "attempts",
  dispositionCodes: standardCodes,
  open(first, context) {
    const mapped = readMappedHeader(first, context, "attempts");
    if ("problems" in mapped) return mapped;
    const { header } = mapped;
    const problems = checkHeader(
      header,
      attemptColumns,
      requiredAttemptColumns,
      [],
    );
    if (problems.length > 0) return { problems };
    const columns = indexColumns(header, normaliseHeaderName);

    return {
      fieldCount: header.length,
      readRow: (fields) =>
        readAttempt(
          new RowCells(fields, columns, { reading: context.reading }),
          context,
        ),
    };
  },
};

function readAttempt(
  cells: RowCells,
  context: RunContext,
): RowResult<AttemptRecord> {
  const channel = cells.oneOf("channel", ["call", "whatsapp", "sms", "email"]);
  const isCall = (channel ?? "call") === "call";
  const outcomeText = cells.text("outcome")?.toLowerCase() ?? null;
  if (isCall && outcomeText && nonTerminalStatuses.includes(outcomeText))
    return { skip: `${outcomeText} is not a terminal call status` };

  const externalId = cells.required("external_id", "the attempt's id");
  const leadExternalId = cells.required(
    "lead_external_id",
    "the external id of the attempt's lead",
  );
  const startedAt = cells.instant("started_at", context.timeZone);
  if (cells.text("started_at") === null)
    cells.fail("started_at", "expected the time the attempt started", "");
  const outcome = isCall ? readOutcome(cells) : null;
  if (!isCall && outcomeText !== null) {
    cells.fail(
      "outcome",
      "expected no outcome for a message (use message_status)",
      outcomeText,
    );
  }
  const direction =
    cells.oneOf("direction", ["outbound", "inbound"]) ?? "outbound";
  const message = readMessage(cells, isCall, direction, context);
  const agent = cells.text("agent");

  const record: AttemptRecord = {
    externalId: externalId ?? "",
    lead: { kind: "external", externalId: leadExternalId ?? "" },
    channel: channel ?? "call",
    direction,
    automated: cells.boolean("automated") ?? false,
    purpose: cells.oneOf("purpose", ["sales", "relationship"]) ?? "sales",
    agent,
    agentName: agent === null ? null : cells.text("agent_name"),
    team: agent === null ? null : cells.text("team"),
    startedAt: startedAt ?? "",
    outcome,
    durationSeconds: cells.count("duration_seconds"),
    ...message,
    template: cells.text("template"),
    dispositionCode: cells.text("disposition"),
  };
  if (cells.problems.length > 0) return { problems: cells.problems };

  return { record };
}

function readOutcome(cells: RowCells) {
  const allowed = callOutcome.enumValues;
  const outcome = cells.oneOf("outcome", allowed);
  if (cells.text("outcome") === null) {
    cells.fail(
      "outcome",
      `expected the call's outcome: ${listChoices(allowed)}`,
      "",
    );
  }

  return outcome;
}

// The furthest status the row reports: the status column or the latest
// status time it gives, whichever is further. An outbound message needs one;
// a reply from the lead (inbound) may have none.
function readMessage(
  cells: RowCells,
  isCall: boolean,
  direction: "outbound" | "inbound",
  context: RunContext,
) {
  const declared = cells.oneOf("message_status", messageStatuses);
  const zone = context.timeZone;
  const times: Record<(typeof statusTimes)[number][0], string | null> = {
    sent_at: cells.instant("sent_at", zone),
    delivered_at: cells.instant("delivered_at", zone),
    read_at: cells.instant("read_at", zone),
    failed_at: cells.instant("failed_at", zone),
  };
  const reached = statusTimes
    .filter(([column]) => times[column] !== null)
    .map(([, status]) => status as MessageStatus);
  if (declared) reached.push(declared);

  if (isCall) {
    const given = [
      "message_status",
      ...statusTimes.map(([column]) => column),
    ].filter((column) => cells.text(column) !== null);
    for (const column of given)
      cells.fail(
        column,
        "expected no message status for a call",
        cells.text(column) ?? "",
      );
  } else if (reached.length === 0 && direction === "outbound") {
    cells.fail(
      "message_status",
      `expected the message's status (${listChoices(messageStatuses)}) or a status time`,
      "",
    );
  }
  const furthest = reached.reduce<MessageStatus | null>(
    (best, status) =>
      best === null || messageStatusRank[status] > messageStatusRank[best]
        ? status
        : best,
    null,
  );

  return {
    messageStatus: isCall ? null : furthest,
    queuedAt: null,
    sentAt: times.sent_at,
    deliveredAt: times.delivered_at,
    readAt: times.read_at,
    failedAt: times.failed_at,
  };
}
