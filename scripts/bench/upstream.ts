/**
 * Fake upstreams for the benchmark, one process on 127.0.0.1: the Anthropic Messages API
 * (`/v1/messages`), OpenAI Chat (`/v1/chat/completions`) and the Responses API / ChatGPT
 * backend (`/v1/responses`, `/backend-api/codex/responses`).
 *
 *   bun scripts/bench/upstream.ts [--latency MS] [--interval MS]      prints `PORT <n>` when listening
 *
 * What to answer is read from the request's model name, so it survives every proxy and
 * conversion unchanged: `bench-<size>-<shape>` with size `0.3`, `1.4` or `10` (KB of JSON for
 * non-streamed answers) and shape `burst` (64 deltas written at once) or `paced` (64 deltas,
 * one every `--interval` ms). Streams are ~12 KB. Each streamed delta's text starts with
 * `T<epoch ms with µs>;`, the moment the upstream sent it, so a client can see how long each
 * chunk took to cross the proxy.
 */
import { parseArgs } from "node:util"

const { values } = parseArgs({ options: { latency: { type: "string", default: "0" }, interval: { type: "string", default: "2" }, port: { type: "string", default: "0" } } })
const LATENCY_MS = Number(values.latency)
const INTERVAL_MS = Number(values.interval)
export const STREAM_CHUNKS = 64
const DELTA_TEXT_BYTES = 100

type Format = "anthropic" | "chat" | "responses"
const encoder = new TextEncoder()
const now = () => (performance.timeOrigin + performance.now()).toFixed(3)

function formatOf(pathname: string): Format | undefined {
  if (pathname.endsWith("/messages")) return "anthropic"
  if (pathname.endsWith("/chat/completions")) return "chat"
  if (pathname.endsWith("/responses")) return "responses"
  return undefined
}

/** A non-streamed answer of about `kb` KB in `format`. */
function jsonAnswer(format: Format, model: string, kb: number): string {
  const shell = (text: string) => {
    if (format === "anthropic")
      return { id: "msg_bench", type: "message", role: "assistant", model, content: [{ type: "text", text }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 12, output_tokens: 40 } }
    if (format === "chat")
      return { id: "chatcmpl-bench", object: "chat.completion", created: 1, model, choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 } }
    return { id: "resp_bench", object: "response", created_at: 1, status: "completed", model, output: [{ type: "message", id: "msg_bench", status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] }], usage: { input_tokens: 12, output_tokens: 40, total_tokens: 52 } }
  }
  const overhead = JSON.stringify(shell("")).length
  return JSON.stringify(shell("x".repeat(Math.max(1, Math.round(kb * 1024) - overhead))))
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/** Stream events in `format`: a head, 64 text deltas (built when sent) and a tail. */
function streamParts(format: Format, model: string): { head: string; delta: (text: string, index: number) => string; tail: string } {
  if (format === "anthropic")
    return {
      head:
        sse("message_start", { type: "message_start", message: { id: "msg_bench", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }) +
        sse("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      delta: (text) => sse("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
      tail:
        sse("content_block_stop", { type: "content_block_stop", index: 0 }) +
        sse("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 64 } }) +
        sse("message_stop", { type: "message_stop" }),
    }
  if (format === "chat") {
    const chunk = (delta: unknown, finish: string | null) => `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
    return { head: chunk({ role: "assistant", content: "" }, null), delta: (text) => chunk({ content: text }, null), tail: `${chunk({}, "stop")}data: [DONE]\n\n` }
  }
  const response = { id: "resp_bench", object: "response", created_at: 1, status: "in_progress", model, output: [] as unknown[], usage: null as unknown }
  const item = { id: "msg_bench", type: "message", status: "in_progress", role: "assistant", content: [] as unknown[] }
  return {
    head:
      sse("response.created", { type: "response.created", sequence_number: 0, response }) +
      sse("response.output_item.added", { type: "response.output_item.added", sequence_number: 1, output_index: 0, item }) +
      sse("response.content_part.added", { type: "response.content_part.added", sequence_number: 2, item_id: "msg_bench", output_index: 0, content_index: 0, part: { type: "output_text", text: "", annotations: [] } }),
    delta: (text, index) => sse("response.output_text.delta", { type: "response.output_text.delta", sequence_number: 3 + index, item_id: "msg_bench", output_index: 0, content_index: 0, delta: text }),
    tail:
      sse("response.output_text.done", { type: "response.output_text.done", sequence_number: 67, item_id: "msg_bench", output_index: 0, content_index: 0, text: "" }) +
      sse("response.content_part.done", { type: "response.content_part.done", sequence_number: 68, item_id: "msg_bench", output_index: 0, content_index: 0, part: { type: "output_text", text: "", annotations: [] } }) +
      sse("response.output_item.done", { type: "response.output_item.done", sequence_number: 69, output_index: 0, item: { ...item, status: "completed", content: [{ type: "output_text", text: "", annotations: [] }] } }) +
      sse("response.completed", { type: "response.completed", sequence_number: 70, response: { ...response, status: "completed", usage: { input_tokens: 12, output_tokens: 64, total_tokens: 76 } } }),
  }
}

/** `T<send time>;` padded to DELTA_TEXT_BYTES. */
function stampedText(): string {
  const stamp = `T${now()};`
  return stamp + "y".repeat(Math.max(0, DELTA_TEXT_BYTES - stamp.length))
}

function streamAnswer(format: Format, model: string, paced: boolean): Response {
  const parts = streamParts(format, model)
  let sent = 0
  const body = paced
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(parts.head))
        },
        async pull(controller) {
          await Bun.sleep(INTERVAL_MS)
          controller.enqueue(encoder.encode(parts.delta(stampedText(), sent)))
          if (++sent === STREAM_CHUNKS) {
            controller.enqueue(encoder.encode(parts.tail))
            controller.close()
          }
        },
      })
    : (() => {
        let text = parts.head
        for (let i = 0; i < STREAM_CHUNKS; i++) text += parts.delta(stampedText(), i)
        return text + parts.tail
      })()
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } })
}

const jsonCache = new Map<string, string>()

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(values.port),
  idleTimeout: 0,
  async fetch(request) {
    const format = formatOf(new URL(request.url).pathname)
    if (!format || request.method !== "POST") return new Response("not found", { status: 404 })
    const text = await request.text()
    const model = /"model"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? "bench-1.4-burst"
    const [, size = "1.4", shape = "burst"] = /^bench-([\d.]+)-(\w+)/.exec(model) ?? []
    if (LATENCY_MS > 0) await Bun.sleep(LATENCY_MS)
    if (/"stream"\s*:\s*true/.test(text)) return streamAnswer(format, model, shape === "paced")
    const key = `${format}|${model}|${size}`
    let answer = jsonCache.get(key)
    if (answer === undefined) jsonCache.set(key, (answer = jsonAnswer(format, model, Number(size))))
    return new Response(answer, { headers: { "content-type": "application/json" } })
  },
})
console.log(`PORT ${server.port}`)
