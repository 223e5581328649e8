import { describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import { adapter } from "~/formats/convert/openai-chat-to-anthropic"
import { encodeSseEvent } from "~/formats/sse/encode"
import { parseSse } from "~/formats/sse/parse"
import { createConversionContext, type SseEvent } from "~/formats/types"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { convertInRandomSplits, jsonData, recordedBytes, toSseText } from "../anthropic-to-openai-chat/stream-harness"

const ANTHROPIC_REQUEST = { model: "claude-sonnet-4-5", max_tokens: 1024, messages: [], stream: true }

const RECORDED_CHAT_STREAMS = [
  "openai-chat-gpt-4o-text.0.response.sse",
  "openai-chat-gpt-4o-tool_calls.0.response.sse",
  "openai-chat-gpt-4o-tool_calls.1.response.sse",
  "openai-chat-gpt-4o-parallel_tool_calls.0.response.sse",
  "openai-chat-gpt-4o-parallel_tool_calls.1.response.sse",
  "ccproxy-api.copilot_chat_completions_tools_stream.response.sse",
  "vercel-ai.openai-text.chunks.jsonl",
]

/** What the Chat stream said, rebuilt from its chunks. */
function chatTruth(name: string) {
  const chunks = parseSse(new TextDecoder().decode(recordedBytes(name)))
    .filter((e) => e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data))
  let text = ""
  const tools = new Map<number, { id: string; name: string; args: string }>()
  let finish = ""
  let usage: any
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage
    for (const choice of chunk.choices ?? []) {
      text += choice.delta?.content ?? ""
      for (const call of choice.delta?.tool_calls ?? []) {
        const tool = tools.get(call.index) ?? { id: "", name: "", args: "" }
        tool.id ||= call.id ?? ""
        tool.name ||= call.function?.name ?? ""
        tool.args += call.function?.arguments ?? ""
        tools.set(call.index, tool)
      }
      if (choice.finish_reason) finish = choice.finish_reason
    }
  }
  return { text, tools: [...tools.values()], finish, usage }
}

/** Checks the event grammar the Anthropic SDK and Claude Code rely on. */
function expectWellFormed(events: SseEvent[]) {
  const data = events.map((e) => ({ name: e.event, ...JSON.parse(e.data) }))
  for (const e of data) expect(e.name).toBe(e.type)
  expect(data[0].type).toBe("message_start")
  expect(data[0].message.content).toEqual([])
  expect(data[0].message.usage).toBeDefined()
  const open = new Set<number>()
  const seen = new Set<number>()
  for (const e of data) {
    if (e.type === "content_block_start") {
      expect(seen.has(e.index)).toBe(false)
      seen.add(e.index)
      open.add(e.index)
      if (e.content_block.type === "text") expect(e.content_block.text).toBe("")
      if (e.content_block.type === "thinking") expect(e.content_block.thinking).toBe("")
      if (e.content_block.type === "tool_use") expect(e.content_block.input).toEqual({})
    }
    if (e.type === "content_block_delta") expect(open.has(e.index)).toBe(true)
    if (e.type === "content_block_stop") {
      expect(open.has(e.index)).toBe(true)
      open.delete(e.index)
    }
    if (e.type === "message_delta") {
      expect(open.size).toBe(0)
      expect(typeof e.usage.output_tokens).toBe("number")
    }
  }
  expect(data.at(-2).type).toBe("message_delta")
  expect(data.at(-1).type).toBe("message_stop")
  return data
}

describe("Chat chunks → Anthropic SSE, recorded streams in random splits", () => {
  for (const name of RECORDED_CHAT_STREAMS) {
    test(name, () => {
      const { outputs, ctx } = convertInRandomSplits(recordedBytes(name), adapter.convertStream, ANTHROPIC_REQUEST)
      for (const other of outputs.slice(1)) expect(other).toEqual(outputs[0]!)
      const data = expectWellFormed(outputs[0]!)
      const truth = chatTruth(name)
      const deltas = data.filter((e) => e.type === "content_block_delta").map((e) => e.delta)
      expect(deltas.filter((d) => d.type === "text_delta").map((d) => d.text).join("")).toBe(truth.text)
      const toolStarts = data.filter((e) => e.type === "content_block_start" && e.content_block.type === "tool_use")
      expect(toolStarts.map((e) => [e.content_block.id, e.content_block.name])).toEqual(truth.tools.map((t) => [t.id, t.name]))
      toolStarts.forEach((start, i) => {
        const args = data
          .filter((e) => e.type === "content_block_delta" && e.index === start.index)
          .map((e) => e.delta.partial_json)
          .join("")
        expect(JSON.parse(args)).toEqual(JSON.parse(truth.tools[i]!.args))
      })
      const messageDelta = data.at(-2)
      expect(messageDelta.delta.stop_reason).toBe(truth.tools.length > 0 ? "tool_use" : "end_turn")
      if (truth.usage) {
        // regression 11.2.2: usage must be the real numbers, not zeros
        expect(messageDelta.usage.output_tokens).toBe(truth.usage.completion_tokens)
        expect(messageDelta.usage.input_tokens + messageDelta.usage.cache_read_input_tokens).toBe(truth.usage.prompt_tokens)
        expect(ctx.warnings).toEqual([])
      }
    })
  }

  test("tool arguments are streamed as they arrive, not held to the end", () => {
    const { outputs } = convertInRandomSplits(recordedBytes("openai-chat-gpt-4o-tool_calls.0.response.sse"), adapter.convertStream, ANTHROPIC_REQUEST)
    const jsonDeltas = jsonData(outputs[0]!).filter((e) => e.delta?.type === "input_json_delta")
    expect(jsonDeltas.length).toBeGreaterThan(2)
  })
})

const CHUNK = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "gpt-4o" }
const chunk = (delta: object, finish: string | null = null) => ({ ...CHUNK, choices: [{ index: 0, delta, finish_reason: finish }] })

function feed(chunks: (object | string)[]) {
  const ctx = createConversionContext(ANTHROPIC_REQUEST)
  const converter = adapter.convertStream(ctx)
  const out: SseEvent[] = []
  for (const c of chunks) out.push(...converter.push({ data: typeof c === "string" ? c : JSON.stringify(c) }))
  out.push(...converter.end())
  return { out, data: out.map((e) => ({ name: e.event, ...JSON.parse(e.data) })), ctx }
}

describe("Chat chunks → Anthropic SSE, edge cases", () => {
  test("regression 11.2.2: message_delta waits for the trailing usage-only chunk", () => {
    const { data } = feed([
      chunk({ role: "assistant", content: "Hi" }),
      chunk({}, "stop"),
      { ...CHUNK, choices: [], usage: { prompt_tokens: 120, completion_tokens: 9, total_tokens: 129, prompt_tokens_details: { cached_tokens: 100 } } },
      "[DONE]",
    ])
    const messageDelta = data.find((e) => e.type === "message_delta")
    expect(messageDelta.usage).toEqual({ input_tokens: 20, output_tokens: 9, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 })
    expect(data.at(-1).type).toBe("message_stop")
  })

  test("a stream without usage still completes, with a warning", () => {
    const { data, ctx } = feed([chunk({ role: "assistant", content: "Hi" }), chunk({}, "stop"), "[DONE]"])
    expect(data.at(-1).type).toBe("message_stop")
    expect(ctx.warnings.map((w) => w.path)).toEqual(["usage"])
  })

  test("a stream ending without finish_reason becomes an error event", () => {
    const { data } = feed([chunk({ role: "assistant", content: "Hi" })])
    expect(data.at(-1)).toEqual({ name: "error", type: "error", error: { type: "api_error", message: "upstream stream ended before a finish_reason" } })
  })

  test("an upstream error chunk becomes an Anthropic error event", () => {
    const { data } = feed([chunk({ role: "assistant", content: "Hi" }), { error: { message: "Rate limited", type: "rate_limit_error", code: 429 } }])
    expect(data.at(-1)).toEqual({ name: "error", type: "error", error: { type: "rate_limit_error", message: "Rate limited" } })
  })

  test("parallel tool calls interleaved by index each keep their own arguments", () => {
    const call = (index: number, extra: object) => chunk({ tool_calls: [{ index, ...extra }] })
    const { data } = feed([
      chunk({ role: "assistant" }),
      call(0, { id: "call_a", type: "function", function: { name: "a", arguments: '{"x":' } }),
      call(1, { id: "call_b", type: "function", function: { name: "b", arguments: '{"y":' } }),
      call(0, { function: { arguments: "1}" } }),
      call(1, { function: { arguments: "2}" } }),
      chunk({}, "tool_calls"),
      { ...CHUNK, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } },
    ])
    const argsOf = (index: number) => data.filter((e) => e.type === "content_block_delta" && e.index === index).map((e) => e.delta.partial_json).join("")
    expect(JSON.parse(argsOf(0))).toEqual({ x: 1 })
    expect(JSON.parse(argsOf(1))).toEqual({ y: 2 })
    expect(data.filter((e) => e.type === "content_block_stop").map((e) => e.index)).toEqual([0, 1])
    expect(data.find((e) => e.type === "message_delta").delta.stop_reason).toBe("tool_use")
  })

  test("reasoning_content opens a thinking block; the reasoning_details entry adds its signature", () => {
    const { data } = feed([
      chunk({ role: "assistant", reasoning_content: "Let me " }),
      chunk({ reasoning_content: "think." }),
      chunk({ reasoning_details: [{ type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "Let me think.", signature: "SIG==" }] }),
      chunk({ reasoning_details: [{ type: "reasoning.encrypted", format: "anthropic-claude-v1", index: 1, data: "REDACTED" }] }),
      chunk({ content: "Done." }),
      chunk({}, "stop"),
      "[DONE]",
    ])
    const blocks = data.filter((e) => e.type.startsWith("content_block")).map((e) => [e.type, e.index, e.content_block?.type ?? e.delta?.type])
    expect(blocks).toEqual([
      ["content_block_start", 0, "thinking"],
      ["content_block_delta", 0, "thinking_delta"],
      ["content_block_delta", 0, "thinking_delta"],
      ["content_block_delta", 0, "signature_delta"],
      ["content_block_stop", 0, undefined],
      ["content_block_start", 1, "redacted_thinking"],
      ["content_block_stop", 1, undefined],
      ["content_block_start", 2, "text"],
      ["content_block_delta", 2, "text_delta"],
      ["content_block_stop", 2, undefined],
    ])
  })

  test("chunks without choices (Copilot prompt_filter_results) are skipped before message_start", () => {
    const { data } = feed([{ choices: [], id: "", created: 0, prompt_filter_results: [] }, chunk({ role: "assistant", content: "x" }), chunk({}, "length"), "[DONE]"])
    expect(data[0].type).toBe("message_start")
    expect(data[0].message.id).toBe("msg_chatcmpl-1")
    expect(data.find((e) => e.type === "message_delta").delta.stop_reason).toBe("max_tokens")
  })

  test("a refusal is text with stop_reason refusal", () => {
    const { data } = feed([chunk({ role: "assistant", refusal: "I can't." }), chunk({}, "stop"), "[DONE]"])
    expect(data.find((e) => e.type === "content_block_delta").delta).toEqual({ type: "text_delta", text: "I can't." })
    expect(data.find((e) => e.type === "message_delta").delta.stop_reason).toBe("refusal")
  })
})

describe("the Anthropic SDK consumes the converted stream", () => {
  function clientFor(url: string) {
    return new Anthropic({ apiKey: "x", baseURL: url, maxRetries: 0 })
  }

  test("parallel tool calls (Copilot recording): finalMessage has both tool_use inputs and real usage", async () => {
    const { outputs } = convertInRandomSplits(recordedBytes("ccproxy-api.copilot_chat_completions_tools_stream.response.sse"), adapter.convertStream, ANTHROPIC_REQUEST, [5])
    await using server = startFakeServer(() => sseResponse([toSseText(outputs[0]!)]))
    const final = await clientFor(server.url).messages.stream({ model: "claude-test", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }).finalMessage()
    expect(final.content.map((b) => b.type === "tool_use" && [b.name, b.input])).toEqual([
      ["get_weather", { location: "New York" }],
      ["calculate_distance", { lat1: "40.7128", lon1: "-74.0060", lat2: "34.0522", lon2: "-118.2437" }],
    ])
    expect(final.stop_reason).toBe("tool_use")
    const truth = chatTruth("ccproxy-api.copilot_chat_completions_tools_stream.response.sse")
    expect(final.usage.output_tokens).toBe(truth.usage.completion_tokens)
    expect(final.usage.input_tokens).toBe(truth.usage.prompt_tokens)
  })

  test("text stream: finalMessage text and usage", async () => {
    const { outputs } = convertInRandomSplits(recordedBytes("openai-chat-gpt-4o-text.0.response.sse"), adapter.convertStream, ANTHROPIC_REQUEST, [9])
    await using server = startFakeServer(() => sseResponse([toSseText(outputs[0]!)]))
    const final = await clientFor(server.url).messages.stream({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }).finalMessage()
    const truth = chatTruth("openai-chat-gpt-4o-text.0.response.sse")
    expect(final.content).toHaveLength(1)
    expect(final.content[0]).toMatchObject({ type: "text", text: truth.text })
    expect(final.stop_reason).toBe("end_turn")
    expect(final.usage).toMatchObject({ input_tokens: truth.usage.prompt_tokens, output_tokens: truth.usage.completion_tokens })
  })

  test("thinking with signature survives into finalMessage", async () => {
    const { out } = feed([
      chunk({ role: "assistant", reasoning_content: "Hmm." }),
      chunk({ reasoning_details: [{ type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "Hmm.", signature: "c2ln" }] }),
      chunk({ content: "Yes." }),
      chunk({}, "stop"),
      { ...CHUNK, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ])
    await using server = startFakeServer(() => sseResponse(out.map(encodeSseEvent)))
    const final = await clientFor(server.url).messages.stream({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }).finalMessage()
    expect(final.content[0]).toEqual({ type: "thinking", thinking: "Hmm.", signature: "c2ln" })
    expect(final.content[1]).toMatchObject({ type: "text", text: "Yes." })
  })

  test("an upstream error chunk makes the SDK throw an APIError", async () => {
    const { out } = feed([chunk({ role: "assistant", content: "Hi" }), { error: { message: "boom", type: "server_error" } }])
    await using server = startFakeServer(() => sseResponse(out.map(encodeSseEvent)))
    const stream = clientFor(server.url).messages.stream({ model: "m", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
    await expect(stream.finalMessage()).rejects.toThrow("boom")
  })
})
