import {
  ApiError,
  answer,
  type ApiResult,
  parseJsonText,
  requireMediaType,
} from "@/lib/api/http";
import type { Database } from "@/lib/db";
import type { MessageStatus } from "@/lib/import/types";
import { findUnstorableText } from "@/lib/text";
import { type MessageEvent, recordMessageEvents } from "./record-messages";
import { isSameSecret, isWhatsappSignatureValid } from "./signatures";

/** The source of leads first heard of through WhatsApp. */
export const whatsappSourceName = "WhatsApp";

/** A plain-text answer, for the verification challenge. */
export type TextResult = { status: number; text: string };

// `played` is a voice note listened to: as far as a message gets, read.
const statuses = new Map<string, MessageStatus>([
  ["sent", "sent"],
  ["delivered", "delivered"],
  ["read", "read"],
  ["played", "read"],
  ["failed", "failed"],
]);

function notConfigured(): ApiError {
  return new ApiError(
    503,
    "not_configured",
    "The WhatsApp webhook is not configured on this server.",
  );
}

/** GET: Meta's subscription check. Echoes hub.challenge when hub.mode is
 * subscribe and hub.verify_token is the configured token. */
export function answerWhatsappChallenge(
  params: URLSearchParams,
  verifyToken: string | undefined,
): TextResult {
  if (!verifyToken) return { status: 503, text: notConfigured().message };
  const token = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge") ?? "";
  if (
    params.get("hub.mode") !== "subscribe" ||
    !isSameSecret(token, verifyToken)
  ) {
    return { status: 403, text: "The verify token does not match." };
  }

  return { status: 200, text: challenge };
}

/** POST: checks the signature of the raw body before reading a byte of it,
 * then records every status and inbound message it carries. */
export function receiveWhatsappWebhook(
  db: Database,
  request: {
    rawBody: string;
    signature: string | null;
    contentType: string | null;
  },
  appSecret: string | undefined,
): Promise<ApiResult> {
  return answer(async () => {
    if (!appSecret) throw notConfigured();
    requireMediaType(
      request.contentType,
      "application/json",
      "Send the webhook as application/json, as Meta does.",
    );
    if (
      !isWhatsappSignatureValid(request.rawBody, request.signature, appSecret)
    ) {
      throw new ApiError(
        401,
        "unauthenticated",
        "The X-Hub-Signature-256 header is missing or does not match the body.",
      );
    }
    // A report without an id, a known status or a usable time is counted
    // as skipped, not silently dropped.
    let leftOut = 0;
    const events = readWhatsappEvents(parseJsonText(request.rawBody), () => {
      leftOut += 1;
    });

    const outcome = await recordMessageEvents(db, events, {
      provider: "whatsapp",
      origin: "whatsapp",
      channel: "whatsapp",
      createUnknown: { leadSource: whatsappSourceName },
    });

    return {
      status: 200,
      body: {
        ...outcome,
        events: outcome.events + leftOut,
        skipped: outcome.skipped + leftOut,
      },
    };
  });
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

// Text the database cannot store (a NUL, an unpaired surrogate) reads as
// absent: a report without its id is skipped rather than failing the
// whole delivery, which Meta would retry for days.
function textOf(value: unknown): string | null {
  if (typeof value !== "string" || findUnstorableText(value) !== null)
    return null;

  return value.trim() !== "" ? value.trim() : null;
}

// The first and last second of 2000-01-01 to 2099-12-31 UTC, the days a
// period of the dashboard can hold: a status time outside is no real one.
const firstEpochSecond = 946_684_800;
const lastEpochSecond = 4_102_444_799;

/** Epoch seconds as WhatsApp writes them ("1698266945") to an ISO instant;
 * null outside 2000-01-01 to 2099-12-31 UTC. */
export function readEpochSeconds(value: unknown): string | null {
  const text = typeof value === "number" ? String(value) : textOf(value);
  if (text === null || !/^\d{1,12}$/.test(text)) return null;
  const seconds = Number(text);
  if (seconds < firstEpochSecond || seconds > lastEpochSecond) return null;

  return new Date(seconds * 1000).toISOString();
}

/**
 * The message events of a webhook body, in the order given: `statuses[]`
 * of messages we sent and `messages[]` the lead sent. Unknown fields,
 * unknown statuses, other change fields (echoes of the Business app,
 * account updates) and reports without an id or a time are left out;
 * `onLeftOut` hears of each status or message so left out.
 */
export function readWhatsappEvents(
  payload: unknown,
  onLeftOut: () => void = () => {},
): MessageEvent[] {
  if (!isObject(payload)) return [];
  const values = listOf(payload.entry)
    .flatMap((entry) => listOf(entry.changes))
    .filter((change) => change.field === "messages")
    .map((change) => change.value)
    .filter(isObject);

  // An entry of statuses[] or messages[] that is no object (1, null) is a
  // report nothing can be read from: left out and heard of like the others.
  const counted =
    (read: (item: Json) => MessageEvent[]) =>
    (item: unknown): MessageEvent[] => {
      const events = isObject(item) ? read(item) : [];
      if (events.length === 0) onLeftOut();

      return events;
    };
  const reports = (value: unknown) => (Array.isArray(value) ? value : []);

  return values.flatMap((value) => [
    ...reports(value.statuses).flatMap(counted(readStatus)),
    ...reports(value.messages).flatMap(counted(readMessage)),
  ]);
}

function readStatus(item: Json): MessageEvent[] {
  const messageId = textOf(item.id);
  const status = statuses.get(String(item.status));
  const at = readEpochSeconds(item.timestamp);
  if (!messageId || !status || !at) return [];

  return [
    { kind: "status", messageId, status, at, phone: textOf(item.recipient_id) },
  ];
}

// A reply answers the message in `context.id`; a reaction, the message it
// reacts to. A system notice (the user changed number) is not from the lead.
function readMessage(item: Json): MessageEvent[] {
  const messageId = textOf(item.id);
  const phone = textOf(item.from);
  const at = readEpochSeconds(item.timestamp);
  if (!messageId || !phone || !at || item.type === "system") return [];
  const context = isObject(item.context) ? textOf(item.context.id) : null;
  const reaction = isObject(item.reaction)
    ? textOf(item.reaction.message_id)
    : null;

  return [
    {
      kind: "inbound",
      messageId,
      at,
      phone,
      replyTo: context ?? reaction,
    },
  ];
}
