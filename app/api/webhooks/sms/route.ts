import { toResponse } from "@/lib/api/http";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { readWebhookBody } from "@/lib/webhooks/read-body";
import { receiveSmsStatus } from "@/lib/webhooks/sms";

// The provider signs the URL it called. Behind a reverse proxy that is the
// public address the proxy forwards; a forged header gains nothing, since
// the signature must still match the token.
function readPublicUrl(request: Request): string {
  const url = new URL(request.url);
  const proto =
    request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host") ?? url.host;

  return `${proto}://${host}${url.pathname}${url.search}`;
}

/** A Twilio-style status callback; see docs/api.md. */
export async function POST(request: Request) {
  const read = await readWebhookBody(request);
  if ("refused" in read) return toResponse(read.refused);
  const parsed = {
    url: readPublicUrl(request),
    contentType: request.headers.get("content-type"),
    rawBody: read.rawBody,
    signature: request.headers.get("x-twilio-signature"),
  };

  const result = await receiveSmsStatus(
    await getDb(),
    parsed,
    env.TWILIO_AUTH_TOKEN,
  );

  return toResponse(result);
}
