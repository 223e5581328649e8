import type { BodyWatcher } from "~/core/plugins/middleware"

/**
 * The same bytes, unbuffered, with a callback when the body has been fully sent, has
 * failed, or was cancelled by the client (reported as an error).
 */
export function watchBody(body: ReadableStream<Uint8Array>, watcher: BodyWatcher): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let bytes = 0
  let settled = false
  // Set when the client goes away: a read pending at that moment then resolves done (or fails)
  // on a stream Bun already closed, and touching its controller throws "Invalid state:
  // Controller is already closed", which is not what went wrong.
  let cancelled = false
  const settle = (error?: unknown) => {
    if (settled) return
    settled = true
    if (error === undefined) watcher.onEnd(bytes)
    else watcher.onError(error, bytes)
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (cancelled) return
        if (done) {
          controller.close()
          settle()
          return
        }
        bytes += value.byteLength
        controller.enqueue(value)
      } catch (error) {
        if (cancelled) return
        settle(error)
        controller.error(error)
      }
    },
    async cancel(reason) {
      cancelled = true
      // Cancel first: the route's own end-of-stream bookkeeping (tokens, error type) runs in
      // that cancel, and request.failed should carry it.
      await reader.cancel(reason).catch(() => {})
      settle(reason ?? new Error("client disconnected"))
    },
  })
}
