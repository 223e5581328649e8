import { afterAll, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseSse } from "~/formats/sse/parse"
import type { FormatId } from "~/formats/types"
import { startFakeServer, sseResponse } from "../helpers/fake-server"
import { FakeCredentials, fakeProvider } from "../helpers/fake-provider"
import { createTestApp } from "../helpers/test-server"

// Every client format × every upstream format, with the upstream failing mid-answer: the
// official SDK stream helpers must throw with a message saying why, never resolve with a
// shorter answer; Responses clients still get response.failed (what the Codex CLI reads).

const RECORDED = join(import.meta.dir, "../fixtures/upstream/recorded")
const recorded = (name: string) => readFileSync(join(RECORDED, name), "utf8")
/** The first half of a recorded stream, cut at an event boundary. */
const firstHalf = (text: string) => {
  const blocks = text.split("\n\n").filter(Boolean)
  return blocks.slice(0, Math.ceil(blocks.length / 2)).map((block) => `${block}\n\n`).join("")
}

const UPSTREAM: Record<FormatId, { partial: string; failure: string }> = {
  "anthropic.messages": {
    partial: firstHalf(recorded("anthropic-tool_use.0.response.sse")),
    failure: `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "upstream says: overloaded" } })}\n\n`,
  },
  "openai.chat_completions": {
    partial: firstHalf(recorded("openai-chat-gpt-4o-text.0.response.sse")),
    failure: `data: ${JSON.stringify({ error: { message: "upstream says: overloaded", type: "server_error", param: null, code: "server_error" } })}\n\n`,
  },
  "openai.responses": {
    partial: firstHalf(recorded("openai-responses-gpt-5-summary-thinking.0.response.sse")),
    failure: `event: response.failed\ndata: ${JSON.stringify({ type: "response.failed", sequence_number: 9999, response: { id: "resp_up", object: "response", status: "failed", output: [], error: { code: "server_error", message: "upstream says: overloaded" } } })}\n\n`,
  },
}

type Fault = "cut" | "reset" | "failure event"
type Upstream = { url: string; stop: () => unknown }

/** Headers and the first half of the body, then the connection closes mid-body (no last chunk). */
function resetMidBody(partial: string): Upstream {
  const head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
  const chunk = `${Buffer.byteLength(partial).toString(16)}\r\n${partial}\r\n`
  const listener = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      data(socket) {
        socket.write(head + chunk)
        socket.end()
      },
    },
  })
  return { url: `http://127.0.0.1:${listener.port}`, stop: () => listener.stop(true) }
}

const FAULTS: Record<Fault, { upstream: (format: FormatId) => Upstream; message: RegExp }> = {
  cut: { upstream: (format) => startFakeServer(() => sseResponse([UPSTREAM[format].partial])), message: /ended before/ },
  reset: { upstream: (format) => resetMidBody(UPSTREAM[format].partial), message: /upstream stream failed/ },
  "failure event": { upstream: (format) => startFakeServer(() => sseResponse([UPSTREAM[format].partial, UPSTREAM[format].failure])), message: /upstream says: overloaded/ },
}

const stops: Array<() => unknown> = []
afterAll(async () => {
  for (const stop of stops.splice(0)) await stop()
})

async function proxyFor(providerFormat: FormatId, fault: Fault): Promise<string> {
  const upstream = FAULTS[fault].upstream(providerFormat)
  const app = await createTestApp({ plugins: [fakeProvider({ upstreamUrl: () => `${upstream.url}/upstream`, providerFormat, credentials: new FakeCredentials() })] })
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", idleTimeout: 0, fetch: (request) => app.handle(request, "127.0.0.1") })
  stops.push(() => upstream.stop(), () => server.stop(true))
  return `http://127.0.0.1:${server.port}/fake`
}

/** What a promise rejected with; fails the test if it resolved. */
async function rejection(promise: PromiseLike<unknown>): Promise<Error> {
  let outcome: unknown
  try {
    outcome = await promise
  } catch (error) {
    return error as Error
  }
  throw new Error(`expected a throw, got ${JSON.stringify(outcome)?.slice(0, 300)}`)
}

const drain = async (stream: AsyncIterable<unknown>) => {
  for await (const _ of stream) void _
}

const request = { model: "m", max_tokens: 50, messages: [{ role: "user" as const, content: "hi" }] }

for (const providerFormat of Object.keys(UPSTREAM) as FormatId[]) {
  for (const fault of Object.keys(FAULTS) as Fault[]) {
    describe(`${providerFormat} upstream, ${fault}`, () => {
      const { message } = FAULTS[fault]

      test("openai responses.stream().finalResponse() and responses.create({stream}) iteration throw APIError; response.failed comes last", async () => {
        const base = await proxyFor(providerFormat, fault)
        const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "x", maxRetries: 0 })
        const helper = await rejection(client.responses.stream({ model: "m", input: "hi" }).finalResponse())
        expect(helper).toBeInstanceOf(OpenAI.APIError)
        expect(helper.message).toMatch(message)
        expect(helper).toMatchObject({ code: expect.any(String), type: expect.any(String) })
        const raw = await rejection(client.responses.create({ model: "m", input: "hi", stream: true }).then(drain))
        expect(raw).toBeInstanceOf(OpenAI.APIError)
        expect(raw.message).toMatch(message)
        // The Codex CLI skips `error` events and reports response.failed's error.message.
        const text = await (await fetch(`${base}/v1/responses`, { method: "POST", body: JSON.stringify({ model: "m", input: "hi", stream: true }) })).text()
        const events = parseSse(text)
        const failed = events.findLastIndex((event) => event.event === "response.failed")
        expect(failed).toBeGreaterThan(-1)
        // Only a passthrough of the upstream's own response.failed has something after it: the error the SDK throws on.
        expect(events.slice(failed + 1).map((event) => event.event)).toEqual(providerFormat === "openai.responses" && fault === "failure event" ? ["error"] : [])
        expect(JSON.parse(events[failed]!.data).response).toMatchObject({ status: "failed", error: { code: expect.any(String), message: expect.stringMatching(message) } })
      })

      test("openai chat.completions.stream().finalChatCompletion() and create({stream}) iteration throw APIError", async () => {
        const base = await proxyFor(providerFormat, fault)
        const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "x", maxRetries: 0 })
        const helper = await rejection(client.chat.completions.stream({ model: "m", messages: request.messages }).finalChatCompletion())
        expect(helper).toBeInstanceOf(OpenAI.APIError)
        expect(helper.message).toMatch(message)
        const raw = await rejection(client.chat.completions.create({ model: "m", messages: request.messages, stream: true }).then(drain))
        expect(raw).toBeInstanceOf(OpenAI.APIError)
        expect(raw.message).toMatch(message)
      })

      test("anthropic messages.stream().finalMessage() throws APIError", async () => {
        const base = await proxyFor(providerFormat, fault)
        const client = new Anthropic({ baseURL: base, apiKey: "x", maxRetries: 0 })
        const error = await rejection(client.messages.stream(request).finalMessage())
        expect(error).toBeInstanceOf(Anthropic.APIError)
        expect(error.message).toMatch(message)
      })
    })
  }
}

test("a Responses stream re-encoded to restore a mapped model name: the upstream's response.failed gets the error event after it too", async () => {
  const base = await proxyFor("openai.responses", "failure event")
  const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "x", maxRetries: 0 })
  const error = await rejection(client.responses.stream({ model: "short", input: "hi" }).finalResponse())
  expect(error).toBeInstanceOf(OpenAI.APIError)
  expect(error).toMatchObject({ message: "upstream says: overloaded", code: "server_error" })
  const text = await (await fetch(`${base}/v1/responses`, { method: "POST", body: JSON.stringify({ model: "short", input: "hi", stream: true }) })).text()
  const tail = parseSse(text).slice(-2)
  expect(tail.map((event) => event.event)).toEqual(["response.failed", "error"])
  expect(JSON.parse(tail[1]!.data).sequence_number).toBe(10000)
})
