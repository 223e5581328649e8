import { describe, expect, test } from "bun:test"
import Anthropic from "@anthropic-ai/sdk"
import { adapter } from "~/formats/convert/openai-chat-to-anthropic"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"
import { startFakeServer } from "../../helpers/fake-server"

const ctx = () => createConversionContext({ model: "claude-x", max_tokens: 100, messages: [] })

const COMPLETION = {
  id: "chatcmpl-abc",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o",
  choices: [
    {
      index: 0,
      finish_reason: "tool_calls",
      message: {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "get_time", arguments: "{}" } },
        ],
      },
    },
  ],
  usage: { prompt_tokens: 300, completion_tokens: 40, total_tokens: 340, prompt_tokens_details: { cached_tokens: 256 }, completion_tokens_details: { reasoning_tokens: 10 } },
}

describe("Chat → Anthropic response", () => {
  test("text then tool_use blocks, stop_reason tool_use, usage without cached tokens in input", () => {
    expect(adapter.convertResponse(COMPLETION, ctx())).toEqual({
      id: "msg_chatcmpl-abc",
      type: "message",
      role: "assistant",
      model: "gpt-4o",
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
        { type: "tool_use", id: "call_2", name: "get_time", input: {} },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 44, output_tokens: 40, cache_read_input_tokens: 256, cache_creation_input_tokens: 0 },
    })
  })

  test("stop reasons: stop, length, content_filter, refusal; tool_use wins when tool calls exist", () => {
    const stop = (finish_reason: string, message: object = { role: "assistant", content: "x" }) =>
      (adapter.convertResponse({ ...COMPLETION, choices: [{ index: 0, finish_reason, message }] }, ctx()) as any).stop_reason
    expect(stop("stop")).toBe("end_turn")
    expect(stop("length")).toBe("max_tokens")
    expect(stop("content_filter")).toBe("refusal")
    expect(stop("stop", COMPLETION.choices[0]!.message)).toBe("tool_use")
    expect(stop("stop", { role: "assistant", content: null, refusal: "No." })).toBe("refusal")
  })

  test("bare reasoning_content becomes an unsigned thinking block; invalid arguments warn", () => {
    const c = ctx()
    const out = adapter.convertResponse(
      {
        ...COMPLETION,
        choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: "ok", reasoning_content: "hmm", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{oops" } }] } }],
      },
      c,
    ) as any
    expect(out.content).toEqual([
      { type: "thinking", thinking: "hmm", signature: "" },
      { type: "text", text: "ok" },
      { type: "tool_use", id: "c", name: "f", input: {} },
    ])
    expect(c.warnings.map((w) => w.code)).toEqual(["value_changed"])
  })

  test("the Anthropic SDK reads the converted message (non-stream create)", async () => {
    const body = adapter.convertResponse(COMPLETION, ctx())
    await using server = startFakeServer(() => Response.json(body))
    const client = new Anthropic({ apiKey: "x", baseURL: server.url, maxRetries: 0 })
    const message = await client.messages.create({ model: "claude-x", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
    expect(message.stop_reason).toBe("tool_use")
    expect(message.content[1]).toMatchObject({ type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } })
    expect(message.usage.input_tokens).toBe(44)
  })

  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, [], {}, { choices: "x" }, { choices: [null] }]) {
      const convert = () => adapter.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})

describe("Chat → Anthropic error", () => {
  test("OpenAI error body → Anthropic, status kept, type from status", () => {
    const out = adapter.convertError({ status: 429, body: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } } }, ctx())
    expect(out).toEqual({ status: 429, body: { type: "error", error: { type: "rate_limit_error", message: "Rate limit reached" } } })
    const auth = adapter.convertError({ status: 401, body: { error: { message: "bad key", type: "invalid_request_error" } } }, ctx())
    expect(auth.body).toEqual({ type: "error", error: { type: "authentication_error", message: "bad key" } })
    const server = adapter.convertError({ status: 500, body: { error: { message: "oops", type: "server_error" } } }, ctx())
    expect(server.body).toEqual({ type: "error", error: { type: "api_error", message: "oops" } })
  })

  test("non-standard bodies: {detail}, {message}, plain text", () => {
    expect(adapter.convertError({ status: 400, body: { detail: "bad model" } }, ctx()).body).toEqual({ type: "error", error: { type: "invalid_request_error", message: "bad model" } })
    expect(adapter.convertError({ status: 403, body: { message: "forbidden" } }, ctx()).body).toEqual({ type: "error", error: { type: "permission_error", message: "forbidden" } })
    expect(adapter.convertError({ status: 503, body: "" }, ctx())).toEqual({ status: 503, body: { type: "error", error: { type: "overloaded_error", message: "upstream error" } } })
  })

  test("HTTP 402 is billing_error, whatever type the body carries", () => {
    const out = adapter.convertError({ status: 402, body: { error: { message: "Insufficient credits", type: "insufficient_quota" } } }, ctx())
    expect(out).toEqual({ status: 402, body: { type: "error", error: { type: "billing_error", message: "Insufficient credits" } } })
  })

  test("the Anthropic SDK raises the converted error", async () => {
    const error = adapter.convertError({ status: 400, body: { error: { message: "context too long", type: "invalid_request_error" } } }, ctx())
    await using server = startFakeServer(() => Response.json(error.body, { status: error.status }))
    const client = new Anthropic({ apiKey: "x", baseURL: server.url, maxRetries: 0 })
    const failure = await client.messages.create({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e) => e)
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError)
    expect(failure.message).toContain("context too long")
  })
})
