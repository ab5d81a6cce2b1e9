import { toResponse } from "@/lib/api/http";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { readWebhookBody } from "@/lib/webhooks/read-body";
import {
  answerWhatsappChallenge,
  receiveWhatsappWebhook,
} from "@/lib/webhooks/whatsapp";

/** Meta's subscription check. */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;

  const result = answerWhatsappChallenge(params, env.WHATSAPP_VERIFY_TOKEN);

  return new Response(result.text, {
    status: result.status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Delivery statuses and inbound messages, signed with the app secret. */
export async function POST(request: Request) {
  const read = await readWebhookBody(request);
  if ("refused" in read) return toResponse(read.refused);
  const signature = request.headers.get("x-hub-signature-256");

  const result = await receiveWhatsappWebhook(
    await getDb(),
    {
      rawBody: read.rawBody,
      signature,
      contentType: request.headers.get("content-type"),
    },
    env.WHATSAPP_APP_SECRET,
  );

  return toResponse(result);
}
