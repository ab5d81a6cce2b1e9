import {
  ApiError,
  answer,
  type ApiResult,
  requireMediaType,
} from "@/lib/api/http";
import type { Database } from "@/lib/db";
import type { MessageStatus } from "@/lib/import/types";
import { findUnstorableText } from "@/lib/text";
import { type MessageEvent, recordMessageEvents } from "./record-messages";
import { isTwilioSignatureValid } from "./signatures";

/** The origin SMS attempts must be written under for their status
 * callbacks to find them: externalId is the provider's MessageSid. */
export const smsOrigin = "twilio";

// Queued, accepted, scheduled and sending all mean not yet sent; canceled
// and the statuses of inbound messages are not delivery reports.
const statuses = new Map<string, MessageStatus>([
  ["accepted", "queued"],
  ["scheduled", "queued"],
  ["queued", "queued"],
  ["sending", "queued"],
  ["sent", "sent"],
  ["delivered", "delivered"],
  ["undelivered", "failed"],
  ["failed", "failed"],
  ["read", "read"],
]);

/** Twilio's RawDlrDoneDate, the carrier's `YYMMDDhhmm` in UTC. A time that
 * does not exist (month 13, 30 February) is read as no time. */
export function readCarrierDate(value: string | null): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? "");
  if (!match) return null;
  const [, yy, mm, dd, hh, mi] = match;
  const iso = `20${yy}-${mm}-${dd}T${hh}:${mi}:00.000Z`;
  // Date.parse rolls 30 February over into March instead of refusing it;
  // only a time that reads back unchanged exists.
  const ms = Date.parse(iso);

  return !Number.isNaN(ms) && new Date(ms).toISOString() === iso ? iso : null;
}

/**
 * POST /api/webhooks/sms: a Twilio-style status callback, form-encoded and
 * signed over the full URL and the sorted parameters. Updates the SMS
 * attempt already written under origin `twilio`; a callback alone cannot
 * create one, because it carries no time the message was sent.
 */
export function receiveSmsStatus(
  db: Database,
  request: {
    url: string;
    contentType: string | null;
    rawBody: string;
    signature: string | null;
  },
  authToken: string | undefined,
): Promise<ApiResult> {
  return answer(async () => {
    if (!authToken) {
      throw new ApiError(
        503,
        "not_configured",
        "The SMS webhook is not configured on this server.",
      );
    }
    requireMediaType(
      request.contentType,
      "application/x-www-form-urlencoded",
      "Send the callback as application/x-www-form-urlencoded.",
    );
    const params = [...new URLSearchParams(request.rawBody).entries()];
    if (
      !isTwilioSignatureValid(request.url, params, request.signature, authToken)
    ) {
      throw new ApiError(
        401,
        "unauthenticated",
        "The X-Twilio-Signature header is missing or does not match the request.",
      );
    }
    let leftOut = 0;
    const events = readSmsEvents(new URLSearchParams(request.rawBody), () => {
      leftOut += 1;
    });

    const outcome = await recordMessageEvents(db, events, {
      provider: "sms",
      origin: smsOrigin,
      channel: "sms",
      createUnknown: null,
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

/** The status report of one callback; none for a status that is no
 * delivery report. The time is the carrier's, when it gives one. A report
 * whose id the database cannot store (a NUL) is left out, and `onLeftOut`
 * hears of it: skipped, rather than failing a callback the provider
 * would retry. */
export function readSmsEvents(
  params: URLSearchParams,
  onLeftOut: () => void = () => {},
): MessageEvent[] {
  const messageId =
    params.get("MessageSid")?.trim() || params.get("SmsSid")?.trim();
  const status = statuses.get(
    params.get("MessageStatus")?.trim().toLowerCase() ?? "",
  );
  if (!messageId || !status) return [];
  if (findUnstorableText(messageId) !== null) {
    onLeftOut();

    return [];
  }
  const phone = params.get("To");

  return [
    {
      kind: "status",
      messageId,
      status,
      at: readCarrierDate(params.get("RawDlrDoneDate")),
      phone:
        phone !== null && findUnstorableText(phone) === null ? phone : null,
    },
  ];
}
