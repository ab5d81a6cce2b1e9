import { ApiError, type ApiResult, toErrorResult } from "@/lib/api/http";
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

/** Refuses with 415 a body whose declared media type (parameters such as
 * the charset aside) is not the one the provider sends. */
export function requireMediaType(
  contentType: string | null,
  expected: string,
  message: string,
): void {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type !== expected)
    throw new ApiError(415, "unsupported_media_type", message);
}
