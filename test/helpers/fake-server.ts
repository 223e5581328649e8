/**
 * A real HTTP server on 127.0.0.1, port 0, for fake upstreams and for serving converter
 * output to the official SDKs. Dispose with `await using` or call `stop()`.
 */
export interface FakeServer {
  url: string
  port: number
  requests: Request[]
  stop(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export function startFakeServer(handler: (request: Request) => Response | Promise<Response>): FakeServer {
  const requests: Request[] = []
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(incoming) {
      // Bodies are read up front so tests can inspect them after the connection has closed.
      const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : await incoming.arrayBuffer()
      const copy = () => new Request(incoming.url, { method: incoming.method, headers: incoming.headers, body, signal: incoming.signal })
      requests.push(copy())
      return handler(copy())
    },
  })
  const stop = () => server.stop(true)
  return { url: `http://127.0.0.1:${server.port}`, port: server.port!, requests, stop, [Symbol.asyncDispose]: stop }
}

/** A streaming SSE response from already-encoded text pieces. */
export function sseResponse(pieces: Iterable<string>): Response {
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece))
      controller.close()
    },
  })
  return new Response(stream, { headers: { "content-type": "text/event-stream" } })
}
