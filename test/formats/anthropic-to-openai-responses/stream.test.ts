import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter } from "~/formats/convert/anthropic-to-openai-responses"
import { adapter as r2a } from "~/formats/convert/openai-responses-to-anthropic"
import { createConversionContext, type SseEvent } from "~/formats/types"
import { startFakeServer, sseResponse } from "../../helpers/fake-server"
import { collectBlocks } from "../openai-responses-to-anthropic/anthropic-stream-checks"
import { encodeAll, jsonlStreams, payloads, readRecorded, runStream } from "../openai-responses-to-anthropic/harness"

const convert = (sse: string, seed?: number, request: object = { model: "gpt-5-codex", stream: true }) => {
  const ctx = createConversionContext(request)
  return { events: runStream(adapter.convertStream(ctx), sse, seed), ctx }
}
/** created_at is the conversion time; everything else must be byte-identical. */
const stable = (events: SseEvent[]) => encodeAll(events).replace(/"created_at":\d+/g, '"created_at":0')

const RECORDED: [string, string][] = [
  ...[
    "anthropic-thinking-tool_use.0.response.sse",
    "anthropic-thinking-tool_use.1.response.sse",
    "anthropic-tool_use.0.response.sse",
    "anthropic-tool_use.1.response.sse",
    "anthropic-multi_tool.0.response.sse",
    "anthropic-multi_tool.1.response.sse",
    "ccproxy-api.claude_messages_tools_stream.response.sse",
  ].map((name): [string, string] => [name, readRecorded(name)]),
  ...["vercel-ai.anthropic-clear-thinking.1.chunks.jsonl", "vercel-ai.anthropic-json-tool.1.chunks.jsonl"].flatMap((name) =>
    jsonlStreams(name, "message_start").map((text, i): [string, string] => [`${name}#${i}`, text]),
  ),
]

/** Rules from real-clients.md §1c and §3: created first, added before deltas, done for every item, completed last. */
function expectWellFormedResponsesStream(events: SseEvent[]): any {
  const data = payloads(events)
  events.forEach((event, i) => expect(event.event).toBe(data[i].type))
  data.forEach((item, i) => expect(item.sequence_number).toBe(i))
  expect(data[0].type).toBe("response.created")
  expect(data[1].type).toBe("response.in_progress")
  const added = new Set<number>()
  const parts = new Set<number>()
  const done = new Set<number>()
  for (const item of data.slice(2, -1)) {
    if (item.type === "response.output_item.added") added.add(item.output_index)
    else if (item.type === "response.content_part.added") parts.add(item.output_index)
    else if (item.type === "response.output_item.done") done.add(item.output_index)
    else expect(added.has(item.output_index)).toBe(true)
    if (item.type === "response.output_text.delta") expect(parts.has(item.output_index)).toBe(true)
  }
  expect([...done].sort()).toEqual([...added].sort())
  const last = data.at(-1)
  expect(last.type).toBe("response.completed")
  expect(last.response.output).toHaveLength(added.size)
  return last.response
}

describe("Anthropic SSE → Responses SSE, recorded streams", () => {
  for (const [name, text] of RECORDED) {
    test(`${name}: well formed, identical across random splits, faithful`, () => {
      const whole = convert(text)
      const final = expectWellFormedResponsesStream(whole.events)
      expect(whole.ctx.warnings).toEqual([])
      for (const seed of [1, 2, 3, 4, 5]) expect(stable(convert(text, seed).events)).toBe(stable(whole.events))
      // Converting the final output back gives the blocks Anthropic streamed, signatures included.
      const anthropicBlocks = collectBlocks(runStream({ push: (e) => (e.data === "[DONE]" ? [] : [e]), end: () => [] }, text))
      const back = r2a.convertResponse(final, createConversionContext()) as any
      expect(back.content).toEqual(anthropicBlocks.map((b) => (b.type === "text" ? { type: "text", text: b.text } : b.type === "tool_use" ? { type: b.type, id: b.id, name: b.name, input: b.input } : b)))
      expect(final.usage.output_tokens).toBeGreaterThan(0)
    })
  }
})

const sse = (...events: object[]) => events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join("")
const start = { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "claude-x", content: [], usage: { input_tokens: 10, cache_read_input_tokens: 90, cache_creation_input_tokens: 0, output_tokens: 1 } } }

describe("Anthropic SSE → Responses SSE, behaviour", () => {
  test("max_tokens → response.incomplete with status incomplete and incomplete_details; usage adds cache tokens", () => {
    const { events } = convert(
      sse(
        start,
        { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "trunc" } },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 7 } },
        { type: "message_stop" },
      ),
    )
    expect(payloads(events).at(-1).type).toBe("response.incomplete")
    const final = payloads(events).at(-1).response
    expect(final.status).toBe("incomplete")
    expect(final.incomplete_details).toEqual({ reason: "max_output_tokens" })
    expect(final.usage).toEqual({ input_tokens: 100, input_tokens_details: { cached_tokens: 90 }, output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 107 })
  })

  test("an upstream error event → error (flat and nested, for the openai SDK) then response.failed (for Codex), each with a sequence_number", () => {
    const { events } = convert(sse(start, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }))
    const [error, failed] = payloads(events).slice(-2)
    expect(events.slice(-2).map((event) => event.event)).toEqual(["error", "response.failed"])
    expect(error).toEqual({
      type: "error",
      sequence_number: 2,
      code: "server_is_overloaded",
      message: "Overloaded",
      param: null,
      error: { type: "server_error", code: "server_is_overloaded", message: "Overloaded", param: null },
    })
    expect(failed.sequence_number).toBe(3)
    expect(failed.response).toMatchObject({ id: "resp_1", status: "failed", error: { code: "server_is_overloaded", message: "Overloaded" } })
  })

  test("a cut stream → error then response.failed, created first even when nothing arrived", () => {
    const data = payloads(convert("").events)
    expect(data.map((d) => d.type)).toEqual(["response.created", "response.in_progress", "error", "response.failed"])
    expect(data.at(-1).response.error).toEqual({ code: "server_error", message: "upstream stream ended before message_stop" })
  })
})

describe("openai SDK consumes the converted stream and body", () => {
  const serveStream = (events: SseEvent[]) => startFakeServer(() => sseResponse([encodeAll(events)]))

  test("responses.stream().finalResponse(): reasoning, function call, usage", async () => {
    const { events } = convert(readRecorded("anthropic-thinking-tool_use.0.response.sse"))
    await using server = serveStream(events)
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 })
    const final = await client.responses.stream({ model: "gpt-5-codex", input: "hi" }).finalResponse()
    expect(final.status).toBe("completed")
    expect(final.output.map((item) => item.type as string)).toEqual(["reasoning", "message", "function_call"].filter((t) => final.output.some((i) => i.type === t)))
    const call = final.output.find((item) => item.type === "function_call") as OpenAI.Responses.ResponseFunctionToolCall
    expect(JSON.parse(call.arguments)).toEqual({ location: "Florence, Italy" })
    expect(call.call_id).toStartWith("toolu_")
    const reasoning = final.output.find((item) => item.type === "reasoning") as OpenAI.Responses.ResponseReasoningItem
    expect(reasoning.summary[0]!.text).toContain("weather")
    expect(reasoning.encrypted_content).toStartWith("ccproxy.anthropic-thinking.v1.")
    expect(final.usage!.input_tokens).toBeGreaterThan(0)
  })

  test("an upstream error mid-answer: responses.stream().finalResponse() and create({stream}) iteration throw APIError", async () => {
    const { events } = convert(
      sse(
        start,
        { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "half an ans" } },
        { type: "error", error: { type: "rate_limit_error", message: "Number of requests has exceeded your rate limit" } },
      ),
    )
    await using server = serveStream(events)
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 })
    const helper = await client.responses.stream({ model: "gpt-5-codex", input: "hi" }).finalResponse().catch((error: unknown) => error)
    expect(helper).toBeInstanceOf(OpenAI.APIError)
    expect(helper).toMatchObject({ message: "Number of requests has exceeded your rate limit", type: "rate_limit_error", code: "rate_limit_exceeded" })
    const iterate = async () => {
      for await (const _ of await client.responses.create({ model: "gpt-5-codex", input: "hi", stream: true })) void _
    }
    await expect(iterate()).rejects.toThrow("Number of requests has exceeded your rate limit")
  })

  test("responses.stream().finalResponse() accepts the response.incomplete end of a truncated answer", async () => {
    const { events } = convert(
      sse(
        start,
        { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "trunc" } },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 7 } },
        { type: "message_stop" },
      ),
    )
    await using server = serveStream(events)
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 })
    const final = await client.responses.stream({ model: "gpt-5-codex", input: "hi" }).finalResponse()
    expect(final.status).toBe("incomplete")
    expect(final.incomplete_details).toEqual({ reason: "max_output_tokens" })
    expect(final.output_text).toBe("trunc")
    expect(final.usage!.output_tokens).toBe(7)
  })

  test("responses.create (non-stream) reads the converted body", async () => {
    const message = {
      id: "msg_9", type: "message", role: "assistant", model: "claude-x", stop_reason: "tool_use",
      content: [{ type: "text", text: "Hi" }, { type: "tool_use", id: "toolu_1", name: "f", input: { a: 1 } }],
      usage: { input_tokens: 5, output_tokens: 3 },
    }
    const body = adapter.convertResponse(message, createConversionContext({ model: "gpt-5" }))
    await using server = startFakeServer(() => Response.json(body))
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 })
    const response = await client.responses.create({ model: "gpt-5", input: "hi" })
    expect(response.output_text).toBe("Hi")
    expect(response.output[1]).toMatchObject({ type: "function_call", call_id: "toolu_1", name: "f", arguments: '{"a":1}' })
    expect(response.usage!.total_tokens).toBe(8)
  })
})
