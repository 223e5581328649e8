import { afterEach, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { HookEvent } from "~/core/plugins/hook-events"
import { parseSse } from "~/formats/sse/parse"
import { startFakeServer, sseResponse, type FakeServer } from "../helpers/fake-server"
import { FakeCredentials, fakeProvider } from "../helpers/fake-provider"
import { createTestApp } from "../helpers/test-server"

const RECORDED = join(import.meta.dir, "../fixtures/upstream/recorded")
const anthropicStream = readFileSync(join(RECORDED, "anthropic-tool_use.0.response.sse"), "utf8")
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function setup(upstream: (request: Request) => Response | Promise<Response>, options: { idleMs?: number; requestMs?: number } = {}) {
  const fake = startFakeServer(upstream)
  const credentials = new FakeCredentials()
  const app = await createTestApp({ plugins: [fakeProvider({ upstreamUrl: () => `${fake.url}/v1/messages`, providerFormat: "anthropic.messages", credentials, ...options })] })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  cleanups.push(() => fake.stop(), () => server.stop(true))
  return { fake, credentials, app, url: `http://127.0.0.1:${server.port}` }
}

const messagesBody = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }], ...extra })

describe("same-format passthrough", () => {
  test("stream bytes arrive unchanged; usage reaches the request metadata", async () => {
    const { url, app, fake } = await setup(() => sseResponse([anthropicStream]))
    const events: Array<Record<string, unknown>> = []
    app.system.core.hooks.register({ name: "t", plugin: "t", events: [HookEvent.PROVIDER_STREAM_END], priority: 1, handler: (event) => void events.push(event.data) })
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }), headers: { "x-api-key": "client-key", authorization: "Bearer client" } })
    expect(response.headers.get("content-type")).toContain("text/event-stream")
    expect(await response.text()).toBe(anthropicStream)
    expect(fake.requests[0]!.headers.get("authorization")).toBe("Bearer token-1")
    await Bun.sleep(10)
    expect(events[0]).toMatchObject({ ok: true, tokens_input: expect.any(Number), tokens_output: expect.any(Number) })
  })

  test("a stream reports its own end to the request hooks: one request.completed with the bytes the client got and the stream's usage", async () => {
    const { url, app } = await setup(() => sseResponse([anthropicStream]))
    const completed: Array<Record<string, unknown>> = []
    app.system.core.hooks.register({ name: "t", plugin: "t", events: [HookEvent.REQUEST_COMPLETED, HookEvent.REQUEST_FAILED], priority: 1, handler: (event) => void completed.push({ event: event.event, ...event.data }) })
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })
    const text = await response.text()
    await Bun.sleep(20)
    expect(completed).toHaveLength(1)
    expect(completed[0]).toMatchObject({ event: "request.completed", body_size: Buffer.byteLength(text), tokens_output: expect.any(Number), streaming: true })
  })

  test("an upstream event the usage observer cannot read (data: null) passes through; the stream still reports its end once", async () => {
    const upstreamText = `event: message_delta\ndata: null\n\n${anthropicStream}event: message_delta\ndata: null`
    const { url, app } = await setup(() => sseResponse([upstreamText]))
    const ended: string[] = []
    app.system.core.hooks.register({ name: "t", plugin: "t", events: [HookEvent.REQUEST_COMPLETED, HookEvent.REQUEST_FAILED, HookEvent.PROVIDER_STREAM_END], priority: 1, handler: (event) => void ended.push(event.event) })
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })
    expect(await response.text()).toBe(upstreamText)
    await Bun.sleep(20)
    expect(ended).toEqual([HookEvent.PROVIDER_STREAM_END, HookEvent.REQUEST_COMPLETED])
  })

  test("a JSON answer arrives byte for byte as upstream wrote it; its usage reaches the request metadata", async () => {
    const upstreamText = '{ "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",\n  "content": [{"type": "text", "text": "caf\\u00e9 \\"usage\\": 1.0"}], "stop_reason": "end_turn", "stop_sequence": null,\n  "usage": {"input_tokens": 7, "output_tokens": 3, "cache_read_input_tokens": 2} }\n'
    const { url, app } = await setup(() => new Response(upstreamText, { headers: { "content-type": "application/json" } }))
    const completed: Array<Record<string, unknown>> = []
    app.system.core.hooks.register({ name: "t", plugin: "t", events: [HookEvent.REQUEST_COMPLETED], priority: 1, handler: (event) => void completed.push(event.data) })
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody() })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(upstreamText)
    await Bun.sleep(10)
    expect(completed[0]).toMatchObject({ tokens_input: 7, tokens_output: 3, tokens_cache_read: 2 })
  })

  test("a stream cut before message_stop ends with an error event the SDK throws on", async () => {
    const cut = anthropicStream.slice(0, anthropicStream.indexOf("event: message_delta"))
    const { url } = await setup(() => sseResponse([cut]))
    const client = new Anthropic({ baseURL: `${url}/fake`, apiKey: "x", maxRetries: 0 })
    const stream = client.messages.stream({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
    await expect(stream.finalMessage()).rejects.toThrow(/ended before it was complete/)
  })

  test("a stream that keeps sending outlives the request timeout", async () => {
    const events = anthropicStream.split("\n\n").filter(Boolean).map((event) => `${event}\n\n`)
    const { url } = await setup(() => new Response(new ReadableStream({
      async start(controller) {
        for (const event of events) {
          controller.enqueue(new TextEncoder().encode(event))
          await Bun.sleep(25)
        }
        controller.close()
      },
    }), { headers: { "content-type": "text/event-stream" } }), { requestMs: 100, idleMs: 1000 })
    const text = await (await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })).text()
    expect(text).toBe(anthropicStream)
  })

  test("a non-stream body that stalls after its headers is a 504, not a 500", async () => {
    const { url } = await setup(() => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")) } }), { headers: { "content-type": "application/json" } }), { requestMs: 150 })
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody() })
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "api_error" } })
  })

  test("an upstream that goes silent is ended with an error after the idle timeout", async () => {
    const { url } = await setup(() => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(anthropicStream.slice(0, 200))) } }), { headers: { "content-type": "text/event-stream" } }), { idleMs: 200 })
    const text = await (await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })).text()
    expect(text).toContain("event: error")
    expect(text).toContain("sent nothing for")
  })
})

describe("upstream faults", () => {
  test("401 refreshes credentials once and retries once", async () => {
    const { url, credentials, fake } = await setup((request) =>
      request.headers.get("authorization") === "Bearer token-1" ? Response.json({ type: "error", error: { type: "authentication_error", message: "expired" } }, { status: 401 }) : Response.json({ id: "msg", type: "message", role: "assistant", model: "m", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } }),
    )
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody() })
    expect(response.status).toBe(200)
    expect(credentials.refreshes).toBe(1)
    expect(fake.requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"])
  })

  test("a failed refresh is a 401 in the client's format telling what to do", async () => {
    const { url, credentials } = await setup(() => Response.json({ type: "error", error: { type: "authentication_error", message: "expired" } }, { status: 401 }))
    credentials.failRefresh = true
    const response = await fetch(`${url}/fake/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("ccproxy auth login")
  })

  test("429 reaches the client in its own format with retry-after", async () => {
    const { url } = await setup(() => Response.json({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }, { status: 429, headers: { "retry-after": "17" } }))
    const anthropic = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody() })
    expect(anthropic.status).toBe(429)
    expect(anthropic.headers.get("retry-after")).toBe("17")
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "slow down" } })
    const chat = await fetch(`${url}/fake/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) })
    expect(chat.status).toBe(429)
    expect(chat.headers.get("retry-after")).toBe("17")
    expect(((await chat.json()) as { error: { type: string } }).error.type).toBe("rate_limit_error")
  })

  test("a refused connection is a 502 naming the upstream; no answer in time is a 504", async () => {
    const closed = startFakeServer(() => new Response("x"))
    const closedUrl = closed.url
    await closed.stop()
    const credentials = new FakeCredentials()
    const app = await createTestApp({ plugins: [fakeProvider({ upstreamUrl: () => `${closedUrl}/v1/messages`, providerFormat: "anthropic.messages", credentials })] })
    const refused = await app.request("/fake/v1/messages", { method: "POST", body: messagesBody() })
    expect(refused.status).toBe(502)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Cannot reach upstream 127.0.0.1")
    const { url } = await setup(async () => { await Bun.sleep(1000); return new Response("late") }, { requestMs: 100 })
    const slow = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody() })
    expect(slow.status).toBe(504)
  })

  test("a client that disconnects aborts the upstream request", async () => {
    let upstreamCancelled = false
    const { url } = await setup(() => new Response(new ReadableStream({
      async pull(controller) {
        controller.enqueue(new TextEncoder().encode('event: ping\ndata: {"type":"ping"}\n\n'))
        await Bun.sleep(20)
      },
      cancel() { upstreamCancelled = true },
    }), { headers: { "content-type": "text/event-stream" } }))
    const controller = new AbortController()
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: messagesBody({ stream: true }), signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    for (let i = 0; i < 100 && !upstreamCancelled; i++) await Bun.sleep(10)
    expect(upstreamCancelled).toBe(true)
  })

  test("deeply nested JSON is a 400, and a body over server.max_body_bytes a 413, without a chunk going upstream", async () => {
    const { url, fake } = await setup(() => new Response("never"))
    const deep = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: "[".repeat(200_000) })
    expect(deep.status).toBe(400)
    const chunked = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(40 * 1024 * 1024) }))); c.close() } })
    const big = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: chunked })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ type: "error", error: { type: "request_too_large", message: "Request body exceeds ccproxy's limit of 33554432 bytes (server.max_body_bytes)" } })
    expect(fake.requests).toHaveLength(0)
  })

  test("malformed client JSON is a 400 in the client's format and nothing goes upstream", async () => {
    const { url, fake } = await setup(() => new Response("never"))
    const response = await fetch(`${url}/fake/v1/messages`, { method: "POST", body: "{nope", headers: { "content-type": "application/json" } })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } })
    expect(fake.requests).toHaveLength(0)
  })
})

describe("missing model", () => {
  test("a body without a model, or with a model that is not a string, is a 400 in the client's format and nothing goes upstream", async () => {
    const { url, fake } = await setup(() => new Response("never"))
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })
    const anthropic = await post("/fake/v1/messages", { max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
    expect(anthropic.status).toBe(400)
    expect(await anthropic.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: 'Request body has no "model": name the model to use' } })
    const chat = await post("/fake/v1/chat/completions", { model: 4, messages: [{ role: "user", content: "hi" }] })
    expect(chat.status).toBe(400)
    expect(await chat.json()).toMatchObject({ error: { type: "invalid_request_error", message: '"model" must be a non-empty string, got 4' } })
    expect((await post("/fake/v1/messages", { model: " ", max_tokens: 10, messages: [] })).status).toBe(400)
    expect(fake.requests).toHaveLength(0)
  })
})

describe("converted routes", () => {
  test("OpenAI SDK streams a chat completion converted from Anthropic, with the requested model name", async () => {
    const { url, fake } = await setup(() => sseResponse([anthropicStream]))
    const client = new OpenAI({ baseURL: `${url}/fake/v1`, apiKey: "x", maxRetries: 0 })
    const stream = client.chat.completions.stream({ model: "short", messages: [{ role: "user", content: "weather?" }], stream_options: { include_usage: true } })
    const completion = await stream.finalChatCompletion()
    expect(completion.model).toBe("short")
    expect(completion.choices[0]!.message.tool_calls?.length).toBeGreaterThan(0)
    const sent = (await fake.requests[0]!.json()) as { model: string; stream: boolean }
    expect(sent).toMatchObject({ model: "long-model-name", stream: true })
  })

  test("conversion warnings go in x-ccproxy-warnings", async () => {
    const message = { id: "msg_1", type: "message", role: "assistant", model: "long-model-name", content: [{ type: "text", text: "hi" }], stop_reason: "end_turn", usage: { input_tokens: 3, output_tokens: 1 } }
    const { url } = await setup(() => Response.json(message))
    const response = await fetch(`${url}/fake/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "short", messages: [{ role: "user", content: "hi" }], logprobs: true }) })
    expect(response.status).toBe(200)
    expect(response.headers.get("x-ccproxy-warnings")).toContain("logprobs")
    expect(((await response.json()) as { model: string }).model).toBe("short")
  })

  test("a converted stream that goes silent tells the client so, not that upstream ended it", async () => {
    // The first two whole events (message_start, content_block_start), then nothing.
    const firstEvents = anthropicStream.split("\n\n").slice(0, 2).join("\n\n") + "\n\n"
    const silent = () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(firstEvents)) } }), { headers: { "content-type": "text/event-stream" } })
    const { url } = await setup(silent, { idleMs: 200 })
    const chat = await (await fetch(`${url}/fake/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "hi" }] }) })).text()
    expect(chat).toContain('"message":"upstream sent nothing for 0 s"')
    expect(chat).not.toContain("ended before")
    const responses = await (await fetch(`${url}/fake/v1/responses`, { method: "POST", body: JSON.stringify({ model: "m", stream: true, input: "hi" }) })).text()
    expect(responses).toContain("response.failed")
    expect(responses).toContain("upstream sent nothing for 0 s")
  })

  test("n>1 cannot be honoured: a clear invalid_request_error in the caller's format", async () => {
    const { url, fake } = await setup(() => new Response("never"))
    const response = await fetch(`${url}/fake/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m", n: 3, messages: [{ role: "user", content: "hi" }] }) })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", param: "n" } })
    expect(fake.requests).toHaveLength(0)
  })
})

describe("assembled from an upstream that only streams", () => {
  test("a non-stream Responses client gets the object from response.completed", async () => {
    const codex = readFileSync(join(RECORDED, "ccproxy-api.codex_responses_stream.response.sse"), "utf8")
    const fake: FakeServer = startFakeServer(() => sseResponse([codex]))
    cleanups.push(() => fake.stop())
    const app = await createTestApp({ plugins: [fakeProvider({ upstreamUrl: () => `${fake.url}/responses`, providerFormat: "openai.responses", credentials: new FakeCredentials(), alwaysStreams: true })] })
    const response = await app.request("/fake/v1/responses", { method: "POST", body: JSON.stringify({ model: "gpt-5", input: "hi" }) })
    const body = (await response.json()) as { object: string; output: unknown[]; status: string }
    expect(body.object).toBe("response")
    expect(Array.isArray(body.output)).toBe(true)
    expect(((await fake.requests[0]!.json()) as { stream: boolean }).stream).toBe(true)
    const last = parseSse(codex).at(-1)!
    expect(last.event ?? JSON.parse(last.data).type).toBe("response.completed")
  })
})
