import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { sseResponse } from "../../helpers/fake-server"
import { recorded, startCodexHarness, type CodexHarness } from "./harness"

// The backend's own events come first, as newer backend builds send them; the SDKs must never see them.
const RATE_LIMITS = 'event: codex.rate_limits\ndata: {"type":"codex.rate_limits","plan_type":"pro","rate_limits":{"allowed":true,"limit_reached":false,"primary":{"used_percent":3,"window_minutes":300}}}\n\n'
const STREAMS: Record<string, string> = {
  text: recorded("ccproxy-api.codex_responses_stream.response.sse"),
  tools: recorded("ccproxy-api.codex_responses_tools_stream.response.sse"),
  reasoning: recorded("openai-responses-gpt-5-reasoning-function_call.0.response.sse"),
  thinking: recorded("ccproxy-api.codex_responses_thinking_stream.response.sse"),
}

let harness: CodexHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  // The test names the recorded stream in the user text: "use <name>".
  harness = await startCodexHarness(async (request) => {
    const text = JSON.stringify(await request.json())
    const name = /use (\w+)/.exec(text)?.[1] ?? "text"
    return sseResponse([RATE_LIMITS, STREAMS[name]!])
  })
  openai = new OpenAI({ baseURL: `${harness.url}/codex/v1`, apiKey: "unused", maxRetries: 0 })
  anthropic = new Anthropic({ baseURL: `${harness.url}/codex`, apiKey: "unused", maxRetries: 0 })
})
afterAll(() => harness.stop())

describe("openai on /codex/v1", () => {
  test("responses.stream().finalResponse()", async () => {
    const response = await openai.responses.stream({ model: "gpt-5.3-codex", input: "use text" }).finalResponse()
    expect(response.status).toBe("completed")
    expect(response.output_text.length).toBeGreaterThan(0)
  })

  test("responses.stream() with reasoning and a function call", async () => {
    const response = await openai.responses.stream({ model: "gpt-5.3-codex", input: "use reasoning", tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: false }] }).finalResponse()
    expect(response.output.map((item) => item.type)).toEqual(["reasoning", "function_call"])
    expect(response.usage?.output_tokens).toBeGreaterThan(0)
  })

  test("responses.create without stream gets the assembled object", async () => {
    const response = await openai.responses.create({ model: "gpt-5.3-codex", input: "use tools" })
    expect(response.object).toBe("response")
    expect(response.output.filter((item) => item.type === "function_call")).toHaveLength(2)
  })

  test("chat.completions.stream().finalChatCompletion()", async () => {
    const completion = await openai.chat.completions.stream({ model: "gpt-5.3-codex", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "use tools" }], stream_options: { include_usage: true } }).finalChatCompletion()
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls")
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(2)
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0)
  })

  test("chat.completions.create without stream", async () => {
    const completion = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "use text" }], max_tokens: 50, temperature: 0.3 })
    expect(completion.choices[0]!.message.content?.length).toBeGreaterThan(0)
    expect(completion.model).toBe("gpt-4o")
    const sent = (await harness.bodies()).at(-1)!
    expect(sent).toMatchObject({ model: "gpt-5.3-codex", stream: true, store: false })
    expect(sent).not.toHaveProperty("temperature")
  })
})

describe("@anthropic-ai/sdk on /codex", () => {
  test("messages.stream().finalMessage(): reasoning summaries as thinking blocks, then the text", async () => {
    const message = await anthropic.messages.stream({ model: "claude-opus-4-8", max_tokens: 1000, thinking: { type: "enabled", budget_tokens: 2000 }, messages: [{ role: "user", content: "use thinking" }] }).finalMessage()
    const types = message.content.map((block) => block.type)
    expect(types[0]).toBe("thinking")
    expect(types.at(-1)).toBe("text")
    expect(message.stop_reason).toBe("end_turn")
    expect(message.model).toBe("claude-opus-4-8")
  })

  test("messages.stream().finalMessage(): encrypted-only reasoning and a tool call", async () => {
    const message = await anthropic.messages.stream({ model: "claude-opus-4-8", max_tokens: 1000, messages: [{ role: "user", content: "use reasoning" }] }).finalMessage()
    expect(message.content.map((block) => block.type)).toEqual(["redacted_thinking", "tool_use"])
    expect(message.stop_reason).toBe("tool_use")
    expect(message.usage.output_tokens).toBeGreaterThan(0)
  })

  test("messages.create without stream", async () => {
    const message = await anthropic.messages.create({ model: "claude-haiku-4-5-20251001", max_tokens: 100, system: "Be brief.", messages: [{ role: "user", content: "use text" }] })
    expect(message.content.some((block) => block.type === "text" && block.text.length > 0)).toBe(true)
    expect(message.stop_reason).toBe("end_turn")
  })
})
