/**
 * An async iterable of bytes as a web ReadableStream, pulled only as fast as the client reads: a large CSV export
 * never sits in memory, and a client that disconnects stops the rendering (cancel closes the source).
 */
export function toReadableStream(
  source: AsyncIterable<Uint8Array>,
  onError?: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        // Headers are already sent: the only honest signal left is to abort the body (the client sees a cut-off
        // transfer, not a complete-looking file).
        onError?.(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
