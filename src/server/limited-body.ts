import { InvalidRequestError } from "~/core/errors"

/** A body over `server.max_body_bytes`: 413, typed as Anthropic's own (`size` when the client declared it). */
export class BodyTooLargeError extends InvalidRequestError {
  override type = "request_too_large"
  override code = "body_too_large"
  constructor(maxBytes: number, size?: number) {
    super(`${size === undefined ? "Request body" : `Request body of ${size} bytes`} exceeds ccproxy's limit of ${maxBytes} bytes (server.max_body_bytes)`, 413)
  }
}

/** The Content-Length a request declares, or undefined without one (chunked) or with one Bun's parser would not have let through. */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length")
  if (header === null || request.headers.has("transfer-encoding") || !/^\d+$/.test(header)) return undefined
  return Number(header)
}

export interface LimitedBody {
  stream: ReadableStream<Uint8Array>
  /** Reads what is left of the source and drops it, unless a reader is still in the middle of it. */
  discardRest(): Promise<void>
}

/**
 * `body` passed through until more than `maxBytes` have come, then an error carrying the 413:
 * whoever reads it holds at most the limit plus one chunk. The source is left unread, not
 * cancelled, so the connection can still be drained (see `discardRest`).
 */
export function limitBody(body: ReadableStream<Uint8Array>, maxBytes: number): LimitedBody {
  const reader = body.getReader()
  let total = 0
  let stopped = false
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        total += value.byteLength
        if (total <= maxBytes) return controller.enqueue(value)
        stopped = true
        controller.error(new BodyTooLargeError(maxBytes))
      },
      cancel: () => void (stopped = true),
    },
    { highWaterMark: 0 },
  )
  return {
    stream,
    discardRest: () => (stopped || !stream.locked ? drain(reader) : Promise.resolve()),
  }
}

/** Reads to the end, keeping nothing; a client that hangs up ends it too. */
async function drain(reader: { read(): Promise<{ done?: boolean }> }): Promise<void> {
  try {
    while (!(await reader.read()).done) {}
  } catch {}
}

/** What nobody has read of a body, read and dropped. */
export function discard(body: ReadableStream<Uint8Array> | null): Promise<void> {
  return body && !body.locked ? drain(body.getReader()) : Promise.resolve()
}

/** The whole body; one without a declared length is read chunk by chunk and abandoned with a 413 as soon as it passes `maxBytes`. */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = declaredLength(request)
  if (declared !== undefined && declared > maxBytes) throw new BodyTooLargeError(maxBytes, declared)
  if (!request.body) return new Uint8Array(0)
  // On the wire a declared length bounds the body (HTTP framing ends it there), and Bun's native
  // read is several times cheaper than a JS reader loop: chunk by chunk only for chunked bodies.
  // The check after it is for Requests built in-process, which nothing frames.
  if (declared !== undefined) {
    const bytes = new Uint8Array(await request.arrayBuffer())
    if (bytes.byteLength > maxBytes) throw new BodyTooLargeError(maxBytes)
    return bytes
  }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      reader.cancel().catch(() => {})
      throw new BodyTooLargeError(maxBytes)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
