import { describe, expect, it } from "vitest";
import { countedStream } from "@/lib/api/test-streams";
import { maxWebhookBytes, readWebhookBody } from "./read-body";

function post(body: ReadableStream<Uint8Array> | string) {
  return new Request("http://127.0.0.1/api/webhooks/sms", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
}

describe("readWebhookBody", () => {
  it("returns a body within the limit as it came", async () => {
    expect(await readWebhookBody(post("MessageSid=SM1"))).toEqual({
      rawBody: "MessageSid=SM1",
    });
  });

  it("answers 413 to a chunked body past 1 MB and stops reading it", async () => {
    // 1,000 chunks of 16 KiB = 16,384,000 bytes. 1,000,000 / 16,384 = 61.04,
    // so the limit is crossed in chunk 62 and reading stops there.
    const body = countedStream(16 * 1024, 1000);
    const result = await readWebhookBody(post(body.stream));

    expect(maxWebhookBytes).toBe(1_000_000);
    expect(result).toMatchObject({
      refused: { status: 413, body: { error: { code: "payload_too_large" } } },
    });
    expect(body.pulls()).toBeGreaterThanOrEqual(62);
    expect(body.pulls()).toBeLessThan(70);
  });
});
