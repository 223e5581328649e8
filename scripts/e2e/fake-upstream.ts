/**
 * A fake Anthropic API and ChatGPT backend on 127.0.0.1: each POST to a model endpoint gets the
 * next scripted SSE answer (the last one repeats), and every request is recorded for the checks.
 */
export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: Record<string, any> | undefined
}

/** An SSE body, or an HTTP error answer. */
export type Answer = string | { status: number; json: unknown; headers?: Record<string, string> }

export interface FakeUpstream {
  url: string
  requests: RecordedRequest[]
  /** Model calls only: POST /v1/messages (Anthropic) and POST .../responses (ChatGPT backend). */
  modelCalls(): RecordedRequest[]
  stop(): void
}

const isModelCall = (request: { method: string; path: string }) => request.method === "POST" && (request.path === "/v1/messages" || request.path.endsWith("/responses"))

/** `text` in pieces of 1-97 bytes, split anywhere (mid-line, mid-UTF-8), with a pause now and then, like a real network. */
function trickle(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  let step = 0
  return new ReadableStream({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close()
      const size = 1 + ((step++ * 37) % 97)
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
      if (step % 16 === 0) await Bun.sleep(1)
    },
  })
}

export function startFakeUpstream(answers: readonly Answer[]): FakeUpstream {
  const requests: RecordedRequest[] = []
  let served = 0
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(request) {
      const url = new URL(request.url)
      const text = request.method === "POST" ? await request.text() : ""
      let body: Record<string, any> | undefined
      try {
        body = text ? (JSON.parse(text) as Record<string, any>) : undefined
      } catch {
        body = { unparsed: text.slice(0, 200) }
      }
      const recorded = { method: request.method, path: url.pathname, headers: Object.fromEntries(request.headers), body }
      requests.push(recorded)
      if (!isModelCall(recorded)) return Response.json({ error: { type: "not_found", message: `fake upstream: no ${url.pathname}` } }, { status: 404 })
      // Both providers must stream here: a non-streamed call would hide a stream bug.
      if (body?.stream !== true) return Response.json({ error: { type: "invalid_request_error", message: "fake upstream: expected stream:true" } }, { status: 400 })
      const answer = answers[Math.min(served++, answers.length - 1)] ?? ""
      if (typeof answer !== "string") return Response.json(answer.json, { status: answer.status, headers: answer.headers })
      return new Response(trickle(answer), { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } })
    },
  })
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    modelCalls: () => requests.filter(isModelCall),
    stop: () => void server.stop(true),
  }
}
