import { describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import { adapter } from "~/formats/convert/openai-responses-to-anthropic"
import { decodeReasoningSignature } from "~/formats/openai-responses/reasoning-carrier"
import { createConversionContext, type SseEvent } from "~/formats/types"
import { startFakeServer, sseResponse } from "../../helpers/fake-server"
import { collectBlocks, expectWellFormedAnthropicStream } from "./anthropic-stream-checks"
import { encodeAll, jsonlStreams, payloads, readRecorded, runStream } from "./harness"

const convert = (sse: string, seed?: number) => {
  const ctx = createConversionContext({ model: "claude-sonnet-4-5" })
  return { events: runStream(adapter.convertStream(ctx), sse, seed), ctx }
}

const sse = (...events: object[]) => events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join("")

const RECORDED: [string, string][] = [
  ...[
    "ccproxy-api.codex_responses_stream.response.sse",
    "ccproxy-api.codex_responses_tools_stream.response.sse",
    "ccproxy-api.codex_responses_thinking_stream.response.sse",
    "openai-responses-gpt-5-reasoning-function_call.0.response.sse",
    "openai-responses-gpt-5-reasoning-function_call.1.response.sse",
    "openai-responses-gpt-5-parallel-function_calls.0.response.sse",
    "openai-responses-gpt-5-parallel-function_calls.1.response.sse",
    "openai-responses-gpt-5-summary-thinking.0.response.sse",
    "openai-responses-gpt-5-summary-thinking.1.response.sse",
  ].map((name): [string, string] => [name, readRecorded(name)]),
  ...jsonlStreams("vercel-ai.openai-reasoning-encrypted-content.1.chunks.jsonl", "response.created").map(
    (text, i): [string, string] => [`vercel-ai.openai-reasoning-encrypted-content.1#${i}`, text],
  ),
]

describe("Responses SSE → Anthropic SSE, recorded streams", () => {
  for (const [name, text] of RECORDED) {
    test(`${name}: well formed and identical across random splits`, () => {
      const whole = convert(text)
      expectWellFormedAnthropicStream(whole.events)
      expect(whole.ctx.warnings).toEqual([])
      for (const seed of [1, 2, 3, 4, 5]) expect(encodeAll(convert(text, seed).events)).toBe(encodeAll(whole.events))
    })

    test(`${name}: blocks match the final response, usage is real, tools mean tool_use`, () => {
      const completed = text
        .split("\n")
        .filter((line) => line.startsWith("data: ") && line.includes('"response.completed"'))
        .map((line) => JSON.parse(line.slice(6)).response)[0]
      const { events } = convert(text)
      const blocks = collectBlocks(events)
      // Codex CLI materialises items from output_item.done (encrypted_content differs per serialisation).
      const done = new Map<number, any>()
      for (const line of text.split("\n")) {
        if (!line.startsWith("data: ") || !line.includes('"response.output_item.done"')) continue
        const event = JSON.parse(line.slice(6))
        done.set(event.output_index, event.item)
      }
      const output = (completed.output as any[]).map((item, i) => done.get(i) ?? item)
      const expected = output.map((item) => item.type)
      expect(blocks.map((b) => b.type)).toEqual(expected.map((t: string) => (t === "function_call" ? "tool_use" : t === "message" ? "text" : t)).map((t: string, i: number) => (t === "reasoning" ? (blocks[i].type === "redacted_thinking" ? "redacted_thinking" : "thinking") : t)))
      output.forEach((item, i) => {
        if (item.type === "message") expect(blocks[i].text).toBe(item.content.map((p: any) => p.text).join(""))
        if (item.type === "function_call") {
          expect(blocks[i].input).toEqual(JSON.parse(item.arguments))
          expect(blocks[i].id).toBe(item.call_id)
        }
        if (item.type === "reasoning") {
          const carried = decodeReasoningSignature(blocks[i].signature ?? blocks[i].data)
          expect(carried?.encrypted_content).toBe(item.encrypted_content)
          if (blocks[i].type === "thinking") expect(blocks[i].thinking).toBe(item.summary.map((s: any) => s.text).join("\n\n"))
        }
      })
      const delta = payloads(events).at(-2)
      const usage = completed.usage
      if (usage) {
        expect(delta.usage.output_tokens).toBe(usage.output_tokens)
        expect(delta.usage.input_tokens + delta.usage.cache_read_input_tokens).toBe(usage.input_tokens)
      }
      expect(delta.delta.stop_reason).toBe(output.some((item) => item.type === "function_call") ? "tool_use" : "end_turn")
    })
  }
})

const created = { type: "response.created", response: { id: "resp_1", model: "gpt-5-codex", status: "in_progress", output: [] } }
const completed = (output: object[], usage: object, extra: object = {}) => ({
  type: "response.completed",
  response: { id: "resp_1", status: "completed", output, usage, ...extra },
})

describe("Responses SSE → Anthropic SSE, behaviour", () => {
  test("regression 11.2.2: message_delta carries the real usage, cache reads split out", () => {
    const usage = { input_tokens: 1200, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 55, output_tokens_details: { reasoning_tokens: 40 }, total_tokens: 1255 }
    const { events } = convert(sse(created, completed([], usage)))
    expect(payloads(events).at(-2).usage).toEqual({ input_tokens: 200, output_tokens: 55, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000 })
  })

  test("regression 11.2.3: reasoning becomes one thinking block, never <thinking> text and never twice", () => {
    const item = { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Plan A" }, { type: "summary_text", text: "Plan B" }], encrypted_content: "gAAAenc" }
    const text = sse(
      created,
      { type: "response.output_item.added", output_index: 0, item: { id: "rs_1", type: "reasoning", summary: [] } },
      { type: "response.reasoning_summary_part.added", output_index: 0, item_id: "rs_1", summary_index: 0, part: { type: "summary_text", text: "" } },
      { type: "response.reasoning_summary_text.delta", output_index: 0, item_id: "rs_1", summary_index: 0, delta: "Plan A" },
      { type: "response.reasoning_summary_text.done", output_index: 0, item_id: "rs_1", summary_index: 0, text: "Plan A" },
      { type: "response.reasoning_summary_part.added", output_index: 0, item_id: "rs_1", summary_index: 1, part: { type: "summary_text", text: "" } },
      { type: "response.reasoning_summary_text.delta", output_index: 0, item_id: "rs_1", summary_index: 1, delta: "Plan B" },
      { type: "response.output_item.done", output_index: 0, item },
      { type: "response.output_item.added", output_index: 1, item: { id: "msg_1", type: "message", role: "assistant", content: [] } },
      { type: "response.content_part.added", output_index: 1, item_id: "msg_1", content_index: 0, part: { type: "output_text", text: "" } },
      { type: "response.output_text.delta", output_index: 1, item_id: "msg_1", content_index: 0, delta: "Hi" },
      { type: "response.output_item.done", output_index: 1, item: { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi" }] } },
      completed([item], { input_tokens: 1, output_tokens: 1 }),
    )
    const { events } = convert(text)
    expectWellFormedAnthropicStream(events)
    const blocks = collectBlocks(events)
    expect(blocks).toHaveLength(2)
    expect(blocks[0].type).toBe("thinking")
    expect(blocks[0].thinking).toBe("Plan A\n\nPlan B")
    expect(decodeReasoningSignature(blocks[0].signature)).toEqual(item as never)
    expect(blocks[1]).toEqual({ type: "text", text: "Hi" })
    expect(encodeAll(events)).not.toContain("<thinking")
  })

  test("a function call streams input_json_delta incrementally and ends with tool_use", () => {
    const fc = { id: "fc_1", type: "function_call", call_id: "call_1", name: "Bash", arguments: "" }
    const text = sse(
      created,
      { type: "response.output_item.added", output_index: 0, item: fc },
      { type: "response.function_call_arguments.delta", output_index: 0, item_id: "fc_1", delta: '{"command":' },
      { type: "response.function_call_arguments.delta", output_index: 0, item_id: "fc_1", delta: '"ls"}' },
      { type: "response.output_item.done", output_index: 0, item: { ...fc, arguments: '{"command":"ls"}' } },
      completed([{ ...fc, arguments: '{"command":"ls"}' }], { input_tokens: 1, output_tokens: 1 }),
    )
    const data = payloads(convert(text).events)
    expect(data.filter((d) => d.delta?.type === "input_json_delta").map((d) => d.delta.partial_json)).toEqual(['{"command":', '"ls"}'])
    expect(data[1].content_block).toEqual({ type: "tool_use", id: "call_1", name: "Bash", input: {} })
    expect(data.at(-2).delta.stop_reason).toBe("tool_use")
  })

  test("a minimal stream (created, item.done, completed) still yields every block", () => {
    const msg = { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Hello" }] }
    const { events } = convert(sse(created, { type: "response.output_item.done", output_index: 0, item: msg }, completed([msg], { input_tokens: 1, output_tokens: 1 })))
    expectWellFormedAnthropicStream(events)
    expect(collectBlocks(events)).toEqual([{ type: "text", text: "Hello" }])
  })

  test("items only present in response.completed are emitted", () => {
    const msg = { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Late" }] }
    const { events } = convert(sse(created, completed([msg], { input_tokens: 1, output_tokens: 1 })))
    expect(collectBlocks(events)).toEqual([{ type: "text", text: "Late" }])
  })

  test("incomplete (max_output_tokens) → stop_reason max_tokens", () => {
    const { events } = convert(sse(created, { type: "response.incomplete", response: { id: "resp_1", status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output: [], usage: { input_tokens: 1, output_tokens: 9 } } }))
    expect(payloads(events).at(-2).delta.stop_reason).toBe("max_tokens")
  })

  test("codex.rate_limits is ignored without a warning", () => {
    const { ctx, events } = convert(sse(created, { type: "codex.rate_limits", primary: {} }, completed([], { input_tokens: 1, output_tokens: 1 })))
    expect(ctx.warnings).toEqual([])
    expectWellFormedAnthropicStream(events)
  })

  const errorCases: [string, string, object][] = [
    ["response.failed", sse(created, { type: "response.failed", response: { id: "resp_1", status: "failed", output: [], error: { code: "rate_limit_exceeded", message: "slow down" } } }), { type: "rate_limit_error", message: "slow down" }],
    ["error event", sse(created, { type: "error", code: "server_error", message: "boom" }), { type: "api_error", message: "boom" }],
    ["cut stream", sse(created, { type: "response.output_item.added", output_index: 0, item: { id: "msg_1", type: "message", role: "assistant", content: [] } }, { type: "response.output_text.delta", output_index: 0, item_id: "msg_1", content_index: 0, delta: "par" }), { type: "api_error", message: "upstream stream ended before response.completed" }],
    ["non-JSON data", "data: {oops\n\n", { type: "api_error", message: "upstream sent a stream event that is not JSON" }],
  ]
  for (const [name, text, error] of errorCases) {
    test(`${name} → event: error with an Anthropic error body, never a silent success`, () => {
      const events = convert(text).events
      const last = events.at(-1)!
      expect(last.event).toBe("error")
      expect(JSON.parse(last.data)).toEqual({ type: "error", error })
      expect(events.some((e) => e.event === "message_stop")).toBe(false)
    })
  }
})

describe("@anthropic-ai/sdk consumes the converted stream", () => {
  const serve = (events: SseEvent[]) => startFakeServer(() => sseResponse([encodeAll(events)]))

  test("messages.stream().finalMessage(): thinking + signature, tool_use with parsed input, usage, stop reason", async () => {
    const text = jsonlStreams("vercel-ai.openai-reasoning-encrypted-content.1.chunks.jsonl", "response.created")[0]!
    await using server = serve(convert(text).events)
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 })
    const message = await client.messages.stream({ model: "claude-sonnet-4-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }).finalMessage()
    expect(message.content.map((b) => b.type)).toEqual(["thinking", "tool_use"])
    const thinking = message.content[0] as Anthropic.ThinkingBlock
    expect(thinking.thinking).toContain("Calculating step-by-step")
    expect(decodeReasoningSignature(thinking.signature)?.encrypted_content).toStartWith("gAAAAABpPDIV")
    expect((message.content[1] as Anthropic.ToolUseBlock).input).toEqual({ a: 12, b: 7, op: "add" })
    expect(message.stop_reason).toBe("tool_use")
    expect(message.usage.output_tokens).toBeGreaterThan(0)
  })

  test("an upstream failure makes the SDK throw an APIError", async () => {
    const text = sse(created, { type: "response.failed", response: { id: "resp_1", status: "failed", output: [], error: { code: "server_error", message: "upstream broke" } } })
    await using server = serve(convert(text).events)
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 })
    const stream = client.messages.stream({ model: "m", max_tokens: 1, messages: [{ role: "user", content: "hi" }] })
    await expect(stream.finalMessage()).rejects.toThrow("upstream broke")
  })
})
