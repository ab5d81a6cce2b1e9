/** Request bodies for tests, as a route handler receives them. */
export function toStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);

  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** A chunked body of `count` chunks of `size` bytes ("a" each), which
 * counts how many chunks were asked for. */
export function countedStream(size: number, count: number) {
  let pulls = 0;
  const chunk = new Uint8Array(size).fill(97);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1;
        if (pulls > count) controller.close();
        else controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );

  return { stream, pulls: () => pulls };
}
