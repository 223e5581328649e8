import { describe, expect, test } from "bun:test"
import OpenAI from "openai"
import { adapter } from "~/formats/convert/anthropic-to-openai-chat"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { startFakeServer } from "../../helpers/fake-server"

const ctx = () => createConversionContext({ model: "gpt-4o", messages: [] })

const RESPONSE = {
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4",
  content: [
    { type: "thinking", thinking: "Need weather.", signature: "EqQB+/==" },
    { type: "text", text: "Checking." },
    { type: "tool_use", id: "toolu_9", name: "get_weather", input: { city: "Rome" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 1000, cache_creation_input_tokens: 50 },
}

describe("Anthropic → Chat response", () => {
  test("text, tool call, thinking, finish reason and usage with cache tokens", () => {
    const out = adapter.convertResponse(RESPONSE, ctx()) as any
    expect(out).toMatchObject({ id: "chatcmpl-msg_01", object: "chat.completion", model: "claude-sonnet-4" })
    expect(out.choices[0]).toEqual({
      index: 0,
      logprobs: null,
      finish_reason: "tool_calls",
      message: {
        role: "assistant",
        content: "Checking.",
        refusal: null,
        tool_calls: [{ id: "toolu_9", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }],
        reasoning_content: "Need weather.",
        reasoning_details: [{ type: "reasoning.text", format: "anthropic-claude-v1", index: 0, text: "Need weather.", signature: "EqQB+/==" }],
      },
    })
    expect(out.usage).toEqual({
      prompt_tokens: 1062,
      completion_tokens: 30,
      total_tokens: 1092,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 50 },
    })
  })

  test("finish_reason is tool_calls whenever tool calls are present, and maps the other stop reasons", () => {
    const finish = (stop_reason: string, content: object[] = [{ type: "text", text: "x" }]) =>
      (adapter.convertResponse({ ...RESPONSE, content, stop_reason }, ctx()) as any).choices[0].finish_reason
    expect(finish("end_turn", RESPONSE.content)).toBe("tool_calls")
    expect(finish("end_turn")).toBe("stop")
    expect(finish("stop_sequence")).toBe("stop")
    expect(finish("max_tokens")).toBe("length")
    expect(finish("refusal")).toBe("content_filter")
    expect(finish("pause_turn")).toBe("stop")
  })

  test("the openai SDK reads the converted completion (non-stream create)", async () => {
    const body = adapter.convertResponse(RESPONSE, ctx())
    await using server = startFakeServer(() => Response.json(body))
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const completion = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })
    const call = completion.choices[0]!.message.tool_calls![0]!
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "Rome" })
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(1000)
  })

  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, "text", {}, { content: "text" }, { content: [null] }, { id: "msg_1", content: [{ type: "tool_use" }] }]) {
      const convert = () => adapter.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})

describe("Anthropic → Chat error", () => {
  test("Anthropic error body and status", () => {
    const out = adapter.convertError({ status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }, ctx())
    expect(out).toEqual({ status: 529, body: { error: { message: "Overloaded", type: "api_error", param: null, code: null } } })
    const notFound = adapter.convertError({ status: 404, body: { type: "error", error: { type: "not_found_error", message: "model: x" } } }, ctx())
    expect(notFound.body).toEqual({ error: { message: "model: x", type: "invalid_request_error", param: null, code: null } })
  })

  test("non-standard bodies keep their status (facts 9.9): {detail}, plain text", () => {
    const detail = adapter.convertError({ status: 400, body: { detail: "Unsupported parameter: metadata" } }, ctx())
    expect(detail).toEqual({ status: 400, body: { error: { message: "Unsupported parameter: metadata", type: "invalid_request_error", param: null, code: null } } })
    const text = adapter.convertError({ status: 502, body: "Bad gateway" }, ctx())
    expect(text).toEqual({ status: 502, body: { error: { message: "Bad gateway", type: "api_error", param: null, code: null } } })
  })

  test("the openai SDK raises the converted error with its status", async () => {
    const error = adapter.convertError({ status: 429, body: { type: "error", error: { type: "rate_limit_error", message: "slow down" } } }, ctx())
    await using server = startFakeServer(() => Response.json(error.body, { status: error.status }))
    const client = new OpenAI({ apiKey: "x", baseURL: `${server.url}/v1`, maxRetries: 0 })
    const failure = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }).catch((e) => e)
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError)
    expect(failure.message).toContain("slow down")
  })
})
