import type { CapturedBody } from "./trace-sink"

/** Keeps copies of the first `maxBytes` bytes of a body while counting all of them. */
class BodyKeeper {
  private readonly chunks: Uint8Array[] = []
  private kept = 0
  bytes = 0

  constructor(private readonly maxBytes: number) {}

  add(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength
    if (this.kept >= this.maxBytes) return
    // A copy: the consumer may reuse or transfer the chunk it was handed.
    const piece = chunk.slice(0, this.maxBytes - this.kept)
    this.chunks.push(piece)
    this.kept += piece.byteLength
  }

  result(): CapturedBody {
    return { text: new TextDecoder().decode(Buffer.concat(this.chunks)), bytes: this.bytes, truncated: this.bytes > this.kept }
  }
}

/**
 * The same bytes for the client, unbuffered, with the first `maxBytes` kept on the side;
 * `onDone` runs in a later task once the body ended, failed or was cancelled.
 */
export function tapBody(body: ReadableStream<Uint8Array>, maxBytes: number, onDone: (captured: CapturedBody, error?: unknown) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  const keeper = new BodyKeeper(maxBytes)
  let settled = false
  const settle = (error?: unknown) => {
    if (settled) return
    settled = true
    setImmediate(() => onDone(keeper.result(), error))
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          settle()
          return
        }
        keeper.add(value)
        controller.enqueue(value)
      } catch (error) {
        settle(error)
        controller.error(error)
      }
    },
    async cancel(reason) {
      settle(reason ?? new Error("client disconnected"))
      await reader.cancel(reason)
    },
  })
}

/**
 * Reads a body (a clone's, nobody else's) up to `maxBytes`, then stops reading. `complete` is
 * false when the stream ended early: Bun drops a request body the route never read.
 */
export async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number, declaredBytes?: number): Promise<{ body: CapturedBody; complete: boolean }> {
  const reader = body.getReader()
  const keeper = new BodyKeeper(maxBytes)
  let ended = false
  try {
    while (keeper.bytes <= maxBytes) {
      const { done, value } = await reader.read()
      if (done) {
        ended = true
        break
      }
      keeper.add(value)
    }
    if (!ended) await reader.cancel()
  } catch {}
  const captured = keeper.result()
  const short = declaredBytes !== undefined && declaredBytes > captured.bytes
  if (!short) return { body: captured, complete: ended || captured.truncated }
  return { body: { ...captured, bytes: declaredBytes, truncated: true }, complete: !ended && captured.truncated }
}
