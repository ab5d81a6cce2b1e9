import { type ApiResult, toErrorResult } from "@/lib/api/http";
import { readLimitedText, rejectDeclaredLength } from "@/lib/api/read-body";

/** Far above any provider's callback (a few kilobytes), and small enough
 * that an unsigned post costs little before its signature is checked. */
export const maxWebhookBytes = 1_000_000;

/** The raw body a signature is checked against, read up to
 * maxWebhookBytes; past that, the 413 to answer instead. */
export async function readWebhookBody(
  request: Request,
): Promise<{ rawBody: string } | { refused: ApiResult }> {
  try {
    rejectDeclaredLength(
      request.headers.get("content-length"),
      maxWebhookBytes,
    );
    const rawBody = await readLimitedText(request.body, maxWebhookBytes);

    return { rawBody };
  } catch (error) {
    return { refused: toErrorResult(error) };
  }
}
