import { describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import { adapter } from "~/formats/convert/openai-responses-to-anthropic"
import { decodeReasoningSignature } from "~/formats/openai-responses/reasoning-carrier"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { startFakeServer } from "../../helpers/fake-server"

const reasoning = { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "think" }], encrypted_content: "gAAAAenc==" }
const response = {
  id: "resp_1",
  object: "response",
  model: "gpt-5-codex",
  status: "completed",
  output: [
    reasoning,
    { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Running it.", annotations: [] }] },
    { id: "fc_1", type: "function_call", call_id: "call_1", name: "Bash", arguments: '{"command":"ls"}' },
  ],
  usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 60 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 120 },
}
const convert = (body: object) => {
  const ctx = createConversionContext({ model: "claude-opus-4-8" })
  return { out: adapter.convertResponse(body, ctx) as any, warnings: ctx.warnings }
}

describe("Responses → Anthropic response", () => {
  test("regression 11.2.5: function calls mean stop_reason tool_use and blocks keep the output order", () => {
    const { out, warnings } = convert(response)
    expect(out.stop_reason).toBe("tool_use")
    expect(out.content.map((b: any) => b.type)).toEqual(["thinking", "text", "tool_use"])
    expect(out.content[1]).toEqual({ type: "text", text: "Running it." })
    expect(out.content[2]).toEqual({ type: "tool_use", id: "call_1", name: "Bash", input: { command: "ls" } })
    expect(decodeReasoningSignature(out.content[0].signature)).toEqual(reasoning as never)
    expect(out.usage).toEqual({ input_tokens: 40, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 60 })
    expect(warnings).toEqual([])
  })

  test("a reasoning item without summary becomes redacted_thinking carrying the item", () => {
    const item = { id: "rs_2", type: "reasoning", summary: [], encrypted_content: "gAAAx" }
    const { out } = convert({ ...response, output: [item] })
    expect(out.content[0].type).toBe("redacted_thinking")
    expect(decodeReasoningSignature(out.content[0].data)).toEqual(item as never)
    expect(out.stop_reason).toBe("end_turn")
  })

  test("incomplete / max_output_tokens → max_tokens; unknown items warn", () => {
    const { out, warnings } = convert({ ...response, status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output: [{ type: "web_search_call", id: "ws_1" }] })
    expect(out.stop_reason).toBe("max_tokens")
    expect(warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["unsupported output[0]"])
  })

  test("@anthropic-ai/sdk messages.create reads the converted body", async () => {
    await using server = startFakeServer(() => Response.json(convert(response).out))
    const client = new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 })
    const message = await client.messages.create({ model: "claude-opus-4-8", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
    expect(message.stop_reason).toBe("tool_use")
    expect((message.content[2] as Anthropic.ToolUseBlock).input).toEqual({ command: "ls" })
    expect(message.usage.cache_read_input_tokens).toBe(60)
  })

  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, 42, {}, { output: {} }, { output: [null] }, { id: "r", output: [{ type: "message", role: "assistant", content: [null] }] }]) {
      const convert = () => adapter.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})

describe("Responses → Anthropic error", () => {
  const convertError = (status: number, body: unknown) => adapter.convertError({ status, body }, createConversionContext())
  test("OpenAI error body", () => {
    expect(convertError(429, { error: { message: "slow", type: "rate_limit_error", code: "rate_limit_exceeded", param: null } })).toEqual({
      status: 429,
      body: { type: "error", error: { type: "rate_limit_error", message: "slow" } },
    })
  })
  test("Codex FastAPI {detail} body keeps its 400", () => {
    expect(convertError(400, { detail: "Unsupported parameter: metadata" })).toEqual({
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "Unsupported parameter: metadata" } },
    })
  })
  test("HTTP 402 is billing_error, whatever type or code the body carries", () => {
    expect(convertError(402, { error: { message: "Insufficient credits", type: "insufficient_quota", code: "insufficient_quota" } })).toEqual({
      status: 402,
      body: { type: "error", error: { type: "billing_error", message: "Insufficient credits" } },
    })
    expect(convertError(402, "pay up").body).toEqual({ type: "error", error: { type: "billing_error", message: "pay up" } })
  })
  test("plain text and unknown shapes", () => {
    expect(convertError(503, "down")).toEqual({ status: 503, body: { type: "error", error: { type: "overloaded_error", message: "down" } } })
    expect(convertError(500, { weird: 1 })).toEqual({ status: 500, body: { type: "error", error: { type: "api_error", message: '{"weird":1}' } } })
  })
})
