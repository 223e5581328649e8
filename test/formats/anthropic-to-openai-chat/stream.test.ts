import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter } from "~/formats/convert/anthropic-to-openai-chat"
import { parseSse } from "~/formats/sse/parse"
import { createConversionContext, type SseEvent } from "~/formats/types"
import { encodeSseEvent } from "~/formats/sse/encode"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { convertInRandomSplits, jsonData, recordedBytes, stable, toSseText } from "./stream-harness"

const CHAT_REQUEST = { model: "gpt-4o", messages: [], stream: true, stream_options: { include_usage: true } }

const RECORDED_ANTHROPIC_STREAMS = [
  "anthropic-thinking-tool_use.0.response.sse",
  "anthropic-thinking-tool_use.1.response.sse",
  "anthropic-tool_use.0.response.sse",
  "anthropic-tool_use.1.response.sse",
  "anthropic-multi_tool.0.response.sse",
  "anthropic-multi_tool.1.response.sse",
  "ccproxy-api.claude_messages_tools_stream.response.sse",
  "vercel-ai.anthropic-clear-thinking.1.chunks.jsonl",
  "vercel-ai.anthropic-json-tool.1.chunks.jsonl",
]

/** Rebuilds what the Anthropic stream said, straight from its events (the expected answer). */
function anthropicTruth(name: string) {
  const events = parseSse(new TextDecoder().decode(recordedBytes(name)))
    .filter((e) => e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data))
  let text = ""
  let thinking = ""
  const tools: { id: string; name: string; args: string }[] = []
  const byIndex = new Map<number, { id: string; name: string; args: string }>()
  let stopReason = ""
  let output = 0
  for (const e of events) {
    if (e.type === "content_block_start" && e.content_block.type === "tool_use") {
      const tool = { id: e.content_block.id, name: e.content_block.name, args: "" }
      tools.push(tool)
      byIndex.set(e.index, tool)
    }
    if (e.type === "content_block_delta") {
      if (e.delta.type === "text_delta") text += e.delta.text
      if (e.delta.type === "thinking_delta") thinking += e.delta.thinking
      if (e.delta.type === "input_json_delta") byIndex.get(e.index)!.args += e.delta.partial_json
    }
    if (e.type === "message_delta") {
      stopReason = e.delta.stop_reason
      output = e.usage.output_tokens
    }
  }
  return { text, thinking, tools, stopReason, output }
}

describe("Anthropic SSE → Chat chunks, recorded streams in random splits", () => {
  for (const name of RECORDED_ANTHROPIC_STREAMS) {
    test(name, () => {
      const { outputs, ctx } = convertInRandomSplits(recordedBytes(name), adapter.convertStream, CHAT_REQUEST)
      const first = stable(outputs[0]!)
      for (const other of outputs.slice(1)) expect(stable(other)).toEqual(first)
      expect(ctx.warnings).toEqual([])

      expect(first.at(-1)!.data).toBe("[DONE]")
      const chunks = jsonData(first)
      const id = chunks[0].id
      expect(id).toMatch(/^chatcmpl-msg_/)
      for (const chunk of chunks) {
        expect(chunk.id).toBe(id)
        expect(chunk.object).toBe("chat.completion.chunk")
        expect(typeof chunk.created).toBe("number")
        expect(chunk.model.length).toBeGreaterThan(0)
        for (const choice of chunk.choices) {
          expect(choice.index).toBe(0)
          for (const call of choice.delta.tool_calls ?? []) expect(typeof call.index).toBe("number")
        }
      }
      expect(chunks[0].choices[0].delta.role).toBe("assistant")

      const truth = anthropicTruth(name)
      const deltas = chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta))
      expect(deltas.map((d) => d.content ?? "").join("")).toBe(truth.text)
      expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe(truth.thinking)
      const calls = deltas.flatMap((d) => d.tool_calls ?? [])
      const firsts = calls.filter((c) => c.id !== undefined)
      expect(firsts.map((c) => [c.id, c.function.name, c.type])).toEqual(truth.tools.map((t) => [t.id, t.name, "function"]))
      for (const continuation of calls.filter((c) => c.id === undefined)) {
        expect(Object.keys(continuation).sort()).toEqual(["function", "index"])
        expect(Object.keys(continuation.function)).toEqual(["arguments"])
      }
      truth.tools.forEach((tool, i) => {
        const args = calls.filter((c) => c.index === i).map((c) => c.function.arguments).join("")
        expect(JSON.parse(args)).toEqual(JSON.parse(tool.args || "{}"))
      })
      const finish = chunks.find((c) => c.choices[0]?.finish_reason)
      expect(finish.choices[0].finish_reason).toBe(truth.tools.length > 0 ? "tool_calls" : "stop")
      const usage = chunks.at(-1)
      expect(usage.choices).toEqual([])
      expect(usage.usage.completion_tokens).toBe(truth.output)
    })
  }

  test("regression 11.2.1: tool calls after a text block come through", () => {
    const { outputs } = convertInRandomSplits(recordedBytes("ccproxy-api.claude_messages_tools_stream.response.sse"), adapter.convertStream, CHAT_REQUEST)
    const calls = jsonData(outputs[0]!).flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.tool_calls ?? []))
    expect(calls.filter((c) => c.id).map((c) => c.function.name)).toEqual(["get_weather", "calculate_distance"])
    expect(calls.filter((c) => c.index === 0 && !c.id).length).toBeGreaterThan(0)
  })

  test("thinking blocks end with a reasoning_details entry carrying the exact signature", () => {
    const { outputs } = convertInRandomSplits(recordedBytes("anthropic-thinking-tool_use.0.response.sse"), adapter.convertStream, CHAT_REQUEST)
    const sse = new TextDecoder().decode(recordedBytes("anthropic-thinking-tool_use.0.response.sse"))
    const signature = parseSse(sse)
      .map((e) => JSON.parse(e.data))
      .filter((e) => e.delta?.type === "signature_delta")
      .map((e) => e.delta.signature)
      .join("")
    const details = jsonData(outputs[0]!).flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.reasoning_details ?? []))
    expect(details).toHaveLength(1)
    expect(details[0]).toMatchObject({ type: "reasoning.text", format: "anthropic-claude-v1", index: 0, signature })
    expect(details[0].text).toBe(anthropicTruth("anthropic-thinking-tool_use.0.response.sse").thinking)
  })
})

function feed(events: object[], request: unknown = CHAT_REQUEST) {
  const ctx = createConversionContext(request)
  const converter = adapter.convertStream(ctx)
  const out: SseEvent[] = []
  for (const e of events) out.push(...converter.push({ event: (e as { type: string }).type, data: JSON.stringify(e) }))
  out.push(...converter.end())
  return { out, ctx }
}

const START = { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "claude-x", content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 } } }
const TEXT = [
  { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } },
  { type: "content_block_stop", index: 0 },
]
const END = [{ type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 7 } }, { type: "message_stop" }]

describe("Anthropic SSE → Chat chunks, edge cases", () => {
  test("usage chunk counts cache reads and writes into prompt_tokens", () => {
    const chunks = jsonData(feed([START, ...TEXT, ...END]).out)
    expect(chunks.at(-1).usage).toEqual({
      prompt_tokens: 115,
      completion_tokens: 7,
      total_tokens: 122,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 5 },
    })
  })

  test("no usage chunk unless stream_options.include_usage", () => {
    const chunks = jsonData(feed([START, ...TEXT, ...END], { model: "m", messages: [] }).out)
    expect(chunks.every((c) => c.usage === undefined)).toBe(true)
    expect(chunks.at(-1).choices[0].finish_reason).toBe("stop")
  })

  test("upstream error event becomes a chunk with a top-level error", () => {
    const { out } = feed([START, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }])
    const chunk = jsonData(out).at(-1)
    expect(chunk.error).toEqual({ message: "Overloaded", type: "api_error", param: null, code: null })
  })

  test("a stream cut before message_stop ends with an error chunk, never a finish", () => {
    const { out } = feed([START, ...TEXT])
    const chunks = jsonData(out)
    expect(chunks.some((c) => c.choices?.[0]?.finish_reason)).toBe(false)
    expect(chunks.at(-1).error.message).toContain("message_stop")
  })

  test("a tool call with no input gets arguments {}", () => {
    const events = [
      START,
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "now", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: "" } },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 3 } },
      { type: "message_stop" },
    ]
    const calls = jsonData(feed(events).out).flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.tool_calls ?? []))
    expect(calls.map((c) => c.function.arguments).join("")).toBe("{}")
  })

  test("redacted thinking is carried as a reasoning.encrypted entry; server tool blocks are warned about", () => {
    const events = [
      START,
      { type: "content_block_start", index: 0, content_block: { type: "redacted_thinking", data: "EmwKAhgB" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} } },
      { type: "content_block_stop", index: 1 },
      ...END,
    ]
    const { out, ctx } = feed(events)
    const details = jsonData(out).flatMap((c) => c.choices.flatMap((ch: any) => ch.delta.reasoning_details ?? []))
    expect(details).toEqual([{ type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 0, data: "EmwKAhgB" }])
    expect(ctx.warnings.map((w) => w.code)).toEqual(["unsupported"])
  })

  test("max_tokens and refusal stop reasons map to length and content_filter", () => {
    const finishOf = (stop: string) => jsonData(feed([START, ...TEXT, { type: "message_delta", delta: { stop_reason: stop }, usage: { output_tokens: 1 } }, { type: "message_stop" }]).out).find((c) => c.choices[0]?.finish_reason).choices[0].finish_reason
    expect(finishOf("max_tokens")).toBe("length")
    expect(finishOf("refusal")).toBe("content_filter")
    expect(finishOf("stop_sequence")).toBe("stop")
  })
})

describe("the openai SDK consumes the converted stream", () => {
  async function serve(name: string, request = CHAT_REQUEST) {
    const { outputs } = convertInRandomSplits(recordedBytes(name), adapter.convertStream, request, [7])
    const body = toSseText(outputs[0]!)
    return startFakeServer(() => sseResponse([body]))
  }

  test("text + two tool calls: finalChatCompletion has content, parsed arguments, usage", async () => {
    await using server = await serve("ccproxy-api.claude_messages_tools_stream.response.sse")
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const final = await client.chat.completions
      .stream({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stream_options: { include_usage: true } })
      .finalChatCompletion()
    const message = final.choices[0]!.message
    expect(message.content).toBe("I'll help you get the weather in New York and calculate the distance to Los Angeles. Let me fetch this information for you.")
    expect(message.tool_calls!.map((c) => c.type === "function" && [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ["get_weather", { location: "New York" }],
      ["calculate_distance", { lat1: "40.7128", lon1: "-74.0060", lat2: "34.0522", lon2: "-118.2437" }],
    ])
    expect(final.choices[0]!.finish_reason).toBe("tool_calls")
    expect(final.usage).toMatchObject({ prompt_tokens: 572, completion_tokens: 186, total_tokens: 758 })
  })

  test("thinking + tool_use: reasoning fields tolerated, tool call parsed", async () => {
    await using server = await serve("anthropic-thinking-tool_use.0.response.sse")
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const final = await client.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "hi" }] }).finalChatCompletion()
    const call = final.choices[0]!.message.tool_calls![0]!
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ location: "Florence, Italy" })
    expect((final.choices[0]!.message as any).reasoning_details[0].signature.length).toBeGreaterThan(10)
  })

  test("an upstream error event makes the SDK throw an APIError", async () => {
    const events = feed([START, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]).out
    await using server = startFakeServer(() => sseResponse(events.map(encodeSseEvent)))
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const stream = client.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "hi" }] })
    await expect(stream.finalChatCompletion()).rejects.toThrow("Overloaded")
  })

  test("a truncated upstream stream makes the SDK throw instead of returning a partial answer", async () => {
    const events = feed([START, ...TEXT]).out
    await using server = startFakeServer(() => sseResponse(events.map(encodeSseEvent)))
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const stream = client.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "hi" }] })
    await expect(stream.finalChatCompletion()).rejects.toThrow()
  })
})
