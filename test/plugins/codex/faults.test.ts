import { afterEach, expect, test } from "bun:test"
import OpenAI from "openai"
import { readFileSync } from "node:fs"
import { parseSse } from "~/formats/sse/parse"
import { startFakeServer, sseResponse } from "../../helpers/fake-server"
import { startFakeTokenServer } from "../../helpers/oauth-fakes"
import { codexAccessToken, recorded, startCodexHarness, writeCodexAuth, type CodexHarness } from "./harness"

const codexStream = recorded("ccproxy-api.codex_responses_stream.response.sse")
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function harnessFor(answer: (request: Request) => Response | Promise<Response>, settings: Record<string, unknown> = {}): Promise<CodexHarness> {
  const harness = await startCodexHarness(answer, settings)
  cleanups.push(() => harness.stop())
  return harness
}

const responsesBody = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "gpt-5.3-codex", input: "hi", stream: true, ...extra })
const messagesBody = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "claude-opus-4-8", max_tokens: 100, messages: [{ role: "user", content: "hi" }], ...extra })
const chatBody = JSON.stringify({ model: "gpt-5.3-codex", messages: [{ role: "user", content: "hi" }] })

test("an upstream 401 refreshes the token once (form-encoded, at the configured token URL) and retries once", async () => {
  const fresh = codexAccessToken("second")
  const tokens = startFakeTokenServer(() => ({ access_token: fresh, refresh_token: "refresh-2", id_token: fresh, expires_in: 3600 }))
  cleanups.push(() => tokens.stop())
  const authFile = writeCodexAuth()
  const harness = await harnessFor(
    (request) => (request.headers.get("authorization") === `Bearer ${fresh}` ? sseResponse([codexStream]) : Response.json({ detail: "Unauthorized" }, { status: 401 })),
    { "plugins.oauth_codex.token_url": tokens.tokenUrl, "plugins.oauth_codex.credentials_file": authFile },
  )
  const response = await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: responsesBody() })
  expect(response.status).toBe(200)
  expect(await response.text()).toBe(codexStream)
  expect(tokens.received).toHaveLength(1)
  expect(tokens.received[0]!.body).toMatchObject({ grant_type: "refresh_token", refresh_token: "refresh-1" })
  const sent = harness.backend.requests.map((request) => request.headers.get("authorization"))
  expect(sent).toHaveLength(2)
  expect(sent[0]).not.toBe(`Bearer ${fresh}`)
  expect(sent[1]).toBe(`Bearer ${fresh}`)
  expect(JSON.parse(readFileSync(authFile, "utf8")).tokens).toMatchObject({ access_token: fresh, refresh_token: "refresh-2" })
  const health = (await (await harness.app.request("/plugins/codex/health")).json()) as { status: string; details: Record<string, any> }
  expect(health.status).toBe("healthy")
  expect(health.details).toMatchObject({ last_upstream_status: 200, credentials: { present: true, expiresAt: expect.any(String), lastRefresh: { ok: true } } })
})

test("a 429 with retry-after reaches each client in its own format", async () => {
  const harness = await harnessFor(() => Response.json({ error: { type: "usage_limit_reached", message: "The usage limit has been reached", resets_in_seconds: 120 } }, { status: 429, headers: { "retry-after": "120" } }))
  const anthropic = await fetch(`${harness.url}/codex/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })
  expect(anthropic.status).toBe(429)
  expect(anthropic.headers.get("retry-after")).toBe("120")
  expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error", message: expect.stringContaining("usage limit") } })
  const chat = await fetch(`${harness.url}/codex/v1/chat/completions`, { method: "POST", body: chatBody })
  expect(chat.status).toBe(429)
  expect(chat.headers.get("retry-after")).toBe("120")
  expect(((await chat.json()) as { error: { message: string } }).error.message).toContain("usage limit")
  const responses = await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: responsesBody() })
  expect(responses.status).toBe(429)
  expect(((await responses.json()) as { error: { type: string } }).error.type).toBe("usage_limit_reached")
  const client = new OpenAI({ baseURL: `${harness.url}/codex/v1`, apiKey: "x", maxRetries: 0 })
  // APIPromise is a lazy Promise subclass, so it is awaited through catch rather than expect().rejects.
  const error = await client.responses.create({ model: "gpt-5.3-codex", input: "hi" }).catch((caught: unknown) => caught)
  expect(error).toMatchObject({ status: 429 })
})

test("the backend's FastAPI-style 400 keeps its status and message", async () => {
  const harness = await harnessFor(() => Response.json({ detail: "Unsupported parameter: foo" }, { status: 400 }))
  const response = await fetch(`${harness.url}/codex/v1/messages`, { method: "POST", body: messagesBody() })
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("Unsupported parameter: foo") } })
})

test("a refused connection is a 502", async () => {
  const closed = startFakeServer(() => new Response("x"))
  await closed.stop()
  const harness = await harnessFor(() => new Response("unused"), { "plugins.codex.base_url": `${closed.url}/backend-api/codex` })
  const response = await fetch(`${harness.url}/codex/v1/chat/completions`, { method: "POST", body: chatBody })
  expect(response.status).toBe(502)
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain("Cannot reach upstream")
})

test("a stream cut before response.completed ends with an error event, never a silent truncation", async () => {
  const cut = codexStream.slice(0, codexStream.indexOf("event: response.completed"))
  const harness = await harnessFor(() => sseResponse([cut]))
  const native = await (await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: responsesBody() })).text()
  expect(native.startsWith(cut)).toBe(true)
  expect(parseSse(native.slice(cut.length)).map((event) => event.event)).toEqual(["error", "response.failed"])
  const anthropic = await (await fetch(`${harness.url}/codex/v1/messages`, { method: "POST", body: messagesBody({ stream: true }) })).text()
  expect(anthropic).toContain("event: error")
  expect(anthropic).not.toContain("message_stop")
  const client = new OpenAI({ baseURL: `${harness.url}/codex/v1`, apiKey: "x", maxRetries: 0 })
  await expect(client.chat.completions.stream({ model: "gpt-5.3-codex", messages: [{ role: "user", content: "hi" }] }).finalChatCompletion()).rejects.toThrow()
  await expect(client.responses.stream({ model: "gpt-5.3-codex", input: "hi" }).finalResponse()).rejects.toThrow("The upstream stream ended before it was complete")
})

test("the backend's own response.failed passes through unchanged, then an error event the openai SDK throws on", async () => {
  const head = codexStream.slice(0, codexStream.indexOf("event: response.completed"))
  const failed = `event: response.failed\ndata: ${JSON.stringify({ type: "response.failed", sequence_number: 9000, response: { id: "resp_backend", object: "response", status: "failed", output: [], error: { code: "rate_limit_exceeded", message: "Rate limit reached. Please try again in 20s." } } })}\n\n`
  const harness = await harnessFor(() => sseResponse([head, failed]))
  const text = await (await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: responsesBody() })).text()
  expect(text.startsWith(head + failed)).toBe(true)
  const appended = parseSse(text.slice(head.length + failed.length))
  expect(appended.map((event) => event.event)).toEqual(["error"])
  expect(JSON.parse(appended[0]!.data)).toMatchObject({ sequence_number: 9001, code: "rate_limit_exceeded", error: { code: "rate_limit_exceeded", message: "Rate limit reached. Please try again in 20s." } })
  const client = new OpenAI({ baseURL: `${harness.url}/codex/v1`, apiKey: "x", maxRetries: 0 })
  const error = await client.responses.stream({ model: "gpt-5.3-codex", input: "hi" }).finalResponse().catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(OpenAI.APIError)
  expect(error).toMatchObject({ message: "Rate limit reached. Please try again in 20s.", code: "rate_limit_exceeded" })
})

test("a client that disconnects aborts the upstream stream", async () => {
  let upstreamCancelled = false
  const first = codexStream.slice(0, codexStream.indexOf("\n\n") + 2)
  const harness = await harnessFor(() => new Response(new ReadableStream({
    async pull(controller) {
      controller.enqueue(new TextEncoder().encode(first))
      await Bun.sleep(20)
    },
    cancel() {
      upstreamCancelled = true
    },
  }), { headers: { "content-type": "text/event-stream" } }))
  const controller = new AbortController()
  const response = await fetch(`${harness.url}/codex/v1/responses`, { method: "POST", body: responsesBody(), signal: controller.signal })
  await response.body!.getReader().read()
  controller.abort()
  for (let i = 0; i < 100 && !upstreamCancelled; i++) await Bun.sleep(10)
  expect(upstreamCancelled).toBe(true)
})
