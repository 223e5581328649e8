import { describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { adapter as anthropicToChat } from "~/formats/convert/anthropic-to-openai-chat"
import { adapter as chatToAnthropic } from "~/formats/convert/openai-chat-to-anthropic"
import { createConversionContext } from "~/formats/types"
import { sseResponse, startFakeServer } from "../../helpers/fake-server"
import { convertInRandomSplits, convertPieces, recordedBytes, toSseText } from "../anthropic-to-openai-chat/stream-harness"
import { randomSplit } from "../../helpers/random-split"

const SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/=="

describe("Anthropic → Chat → Anthropic", () => {
  test("request: messages, thinking signatures (byte-exact), tools and options survive", () => {
    const request = {
      model: "claude-x",
      max_tokens: 20000,
      system: "Be careful.",
      thinking: { type: "enabled", budget_tokens: 10240 },
      temperature: 1,
      stop_sequences: ["###"],
      metadata: { user_id: "user-7" },
      stream: true,
      tools: [{ name: "Bash", description: "Run", input_schema: { type: "object", properties: { command: { type: "string" } } } }],
      tool_choice: { type: "auto", disable_parallel_tool_use: true },
      messages: [
        { role: "user", content: [{ type: "text", text: "look" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should run it.\n", signature: SIGNATURE },
            { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP" },
            { type: "text", text: "Running." },
            { type: "tool_use", id: "toolu_01MockBash", name: "Bash", input: { command: "ls" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01MockBash", content: "permission denied", is_error: true }] },
        { role: "assistant", content: "It failed." },
        { role: "user", content: "ok" },
      ],
    }
    const ctx1 = createConversionContext(request)
    const chat = anthropicToChat.convertRequest(request, ctx1)
    const ctx2 = createConversionContext(chat)
    const back = chatToAnthropic.convertRequest(chat, ctx2) as any
    expect(ctx1.warnings).toEqual([])
    expect(ctx2.warnings).toEqual([])
    expect(back.messages).toEqual(request.messages)
    expect(back.system).toEqual([{ type: "text", text: "Be careful." }])
    const { messages: _m, system: _s, ...rest } = back
    const { messages: _m2, system: _s2, ...expected } = request
    expect(rest).toEqual(expected)
    expect(back.messages[1].content[0].signature).toBe(SIGNATURE)
  })

  test("response: content, ids, stop reason and cache usage survive", () => {
    const response = {
      id: "msg_01XYZ",
      type: "message",
      role: "assistant",
      model: "claude-x",
      content: [
        { type: "thinking", thinking: "t", signature: SIGNATURE },
        { type: "text", text: "Answer." },
        { type: "tool_use", id: "toolu_A", name: "f", input: { a: [1, 2] } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 9, cache_read_input_tokens: 70, cache_creation_input_tokens: 11 },
    }
    const chat = anthropicToChat.convertResponse(response, createConversionContext({ model: "m", messages: [] }))
    const back = chatToAnthropic.convertResponse(chat, createConversionContext({ model: "claude-x", max_tokens: 1, messages: [] }))
    expect(back).toEqual(response)
  })

  test("stream: the Anthropic SDK sees the same final message through a Chat hop", async () => {
    const name = "anthropic-thinking-tool_use.0.response.sse"
    const chatEvents = convertInRandomSplits(recordedBytes(name), anthropicToChat.convertStream, { model: "m", messages: [], stream_options: { include_usage: true } }, [3]).outputs[0]!
    const chatBytes = new TextEncoder().encode(toSseText(chatEvents))
    const anthropicEvents = convertPieces(randomSplit(chatBytes, 11, 40), chatToAnthropic.convertStream(createConversionContext({ model: "claude-x", max_tokens: 1 })))
    const finalOf = async (body: string) => {
      await using server = startFakeServer(() => sseResponse([body]))
      const client = new Anthropic({ apiKey: "x", baseURL: server.url, maxRetries: 0 })
      return await client.messages.stream({ model: "claude-x", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }).finalMessage()
    }
    const original = await finalOf(new TextDecoder().decode(recordedBytes(name)))
    const converted = await finalOf(toSseText(anthropicEvents))
    // `caller` (programmatic tool calling metadata) has no Chat equivalent
    const withoutCaller = original.content.map((block) => {
      const { caller: _caller, ...rest } = block as typeof block & { caller?: unknown }
      return rest
    })
    expect(converted.content).toEqual(withoutCaller as typeof original.content)
    expect(converted.id).toBe(original.id)
    expect(converted.stop_reason).toBe(original.stop_reason)
    expect(converted.usage.output_tokens).toBe(original.usage.output_tokens)
    expect(converted.usage.input_tokens).toBe(original.usage.input_tokens)
  })
})

describe("Chat → Anthropic → Chat", () => {
  test("request: messages, tools and options survive", () => {
    const request = {
      model: "gpt-4o",
      max_completion_tokens: 900,
      temperature: 0.4,
      stop: ["END"],
      user: "u-1",
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: "function", function: { name: "get", description: "d", parameters: { type: "object", properties: {} }, strict: true } }],
      tool_choice: { type: "function", function: { name: "get" } },
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { name: "output", schema: { type: "object" }, strict: true } },
      messages: [
        { role: "system", content: "Sys." },
        { role: "user", content: [{ type: "text", text: "q" }, { type: "image_url", image_url: { url: "https://x/i.png" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get", arguments: '{"k":"v"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "[tool_error] nope" },
        { role: "assistant", content: "Sorry." },
        { role: "user", content: "fine" },
      ],
    }
    const ctx1 = createConversionContext(request)
    const anthropic = chatToAnthropic.convertRequest(request, ctx1)
    const ctx2 = createConversionContext(anthropic)
    const back = anthropicToChat.convertRequest(anthropic, ctx2) as any
    expect(ctx1.warnings).toEqual([])
    expect(ctx2.warnings).toEqual([])
    expect(back).toEqual(request)
  })

  test("stream: the openai SDK sees the same final completion through an Anthropic hop", async () => {
    const name = "openai-chat-gpt-4o-parallel_tool_calls.0.response.sse"
    const chatRequest = { model: "gpt-4o", messages: [], stream_options: { include_usage: true } }
    const anthropicEvents = convertInRandomSplits(recordedBytes(name), chatToAnthropic.convertStream, { model: "claude-x", max_tokens: 1 }, [4]).outputs[0]!
    const bytes = new TextEncoder().encode(toSseText(anthropicEvents))
    const chatEvents = convertPieces(randomSplit(bytes, 8, 30), anthropicToChat.convertStream(createConversionContext(chatRequest)))
    const finalOf = async (body: string) => {
      await using server = startFakeServer(() => sseResponse([body]))
      const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
      return await client.chat.completions.stream({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], stream_options: { include_usage: true } }).finalChatCompletion()
    }
    const original = await finalOf(new TextDecoder().decode(recordedBytes(name)))
    const converted = await finalOf(toSseText(chatEvents))
    const simplify = (c: typeof original) => ({
      content: c.choices[0]!.message.content,
      calls: c.choices[0]!.message.tool_calls!.map((t) => t.type === "function" && [t.id, t.function.name, JSON.parse(t.function.arguments)]),
      finish: c.choices[0]!.finish_reason,
      usage: [c.usage!.prompt_tokens, c.usage!.completion_tokens, c.usage!.total_tokens],
    })
    expect(simplify(converted)).toEqual(simplify(original))
  })
})
