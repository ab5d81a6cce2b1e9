import { ApiError } from "./http";

/**
 * The text of a request body, read chunk by chunk and given up, with a
 * 413, as soon as more than `limit` bytes have arrived. A declared
 * Content-Length is not trusted: a chunked body has none, and a client may
 * send more than it declared.
 */
export async function readLimitedText(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string> {
  if (!body) return "";

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }

  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A 413 before any byte is read, when the declared length is already over. */
export function rejectDeclaredLength(
  contentLength: string | null,
  limit: number,
) {
  if (Number(contentLength ?? 0) > limit) throw tooLarge(limit);
}

function tooLarge(limit: number) {
  return new ApiError(
    413,
    "payload_too_large",
    `A request body is at most ${limit} bytes. Split it into smaller batches.`,
  );
}
