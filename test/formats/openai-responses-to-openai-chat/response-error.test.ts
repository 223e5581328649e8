import { describe, expect, test } from "bun:test"
import { adapter } from "~/formats/convert/openai-responses-to-openai-chat"
import { mapResponsesFinishReason } from "~/formats/convert/openai-responses-to-openai-chat/map-finish-reason"
import { UpstreamFormatError } from "~/formats/errors"
import { createConversionContext } from "~/formats/types"

const response = {
  id: "resp_1",
  object: "response",
  created_at: 1700000000,
  model: "gpt-5",
  status: "completed",
  output: [
    { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "plan" }], encrypted_content: "ENC" },
    { type: "message", id: "msg_1", role: "assistant", content: [{ type: "output_text", text: "calling", annotations: [] }] },
    { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: '{"a":1}' },
    { type: "web_search_call", id: "ws_1" },
  ],
  usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 6, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 16 },
}

describe("Responses → Chat response", () => {
  test("message, reasoning, tool calls, usage, finish_reason", () => {
    const ctx = createConversionContext({ model: "gpt-5" })
    expect(adapter.convertResponse(response, ctx)).toEqual({
      id: "resp_1",
      object: "chat.completion",
      created: 1700000000,
      model: "gpt-5",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "calling",
            refusal: null,
            reasoning_content: "plan",
            reasoning_details: [
              { type: "reasoning.summary", id: "rs_1", format: "openai-responses-v1", index: 0, summary: "plan" },
              { type: "reasoning.encrypted", id: "rs_1", format: "openai-responses-v1", index: 0, data: "ENC" },
            ],
            tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } },
    })
    expect(ctx.warnings).toEqual([{ code: "unsupported", path: "output[3]", message: expect.any(String) }])
  })

  test("regression 11.2.6: tool_calls[].id is the call_id, not the fc_ item id", () => {
    const chat = adapter.convertResponse(response, createConversionContext({})) as any
    expect(chat.choices[0].message.tool_calls[0].id).toBe("call_1")
  })

  test("finish_reason mapping", () => {
    expect(mapResponsesFinishReason("completed", undefined, false)).toBe("stop")
    expect(mapResponsesFinishReason("completed", undefined, true)).toBe("tool_calls")
    expect(mapResponsesFinishReason("incomplete", "max_output_tokens", false)).toBe("length")
    expect(mapResponsesFinishReason("incomplete", "content_filter", true)).toBe("content_filter")
    expect(mapResponsesFinishReason("incomplete", undefined, false)).toBe("length")
  })

  test("text-only response has no tool_calls key and content is the joined text", () => {
    const chat = adapter.convertResponse({ id: "r", output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "a" }, { type: "output_text", text: "b" }] }] }, createConversionContext({})) as any
    expect(chat.choices[0].message).toEqual({ role: "assistant", content: "ab", refusal: null })
    expect(chat.choices[0].finish_reason).toBe("stop")
  })

  test("a malformed upstream body throws UpstreamFormatError (a 502), never a TypeError", () => {
    for (const body of [null, 42, {}, { output: {} }, { output: [null] }, { id: "r", output: [{ type: "message", role: "assistant", content: [null] }] }]) {
      const convert = () => adapter.convertResponse(body, createConversionContext({}))
      expect(convert).toThrow(UpstreamFormatError)
    }
    expect(new UpstreamFormatError("x")).toMatchObject({ status: 502, type: "api_error" })
  })
})

describe("Responses → Chat error", () => {
  const ctx = () => createConversionContext({})
  test("OpenAI envelope passes through with status", () => {
    const body = { error: { message: "bad", type: "invalid_request_error", param: "input", code: "x" } }
    expect(adapter.convertError({ status: 400, body }, ctx())).toEqual({ status: 400, body })
  })
  test('FastAPI {"detail": ...} from the Codex backend keeps its status', () => {
    expect(adapter.convertError({ status: 400, body: { detail: "Unsupported parameter: metadata" } }, ctx())).toEqual({
      status: 400,
      body: { error: { message: "Unsupported parameter: metadata", type: "invalid_request_error", param: null, code: null } },
    })
  })
  test("non-string detail, plain text and empty bodies", () => {
    expect((adapter.convertError({ status: 422, body: { detail: [{ loc: ["x"] }] } }, ctx()).body as any).error.message).toBe('[{"loc":["x"]}]')
    expect(adapter.convertError({ status: 429, body: "slow down" }, ctx()).body).toEqual({ error: { message: "slow down", type: "rate_limit_error", param: null, code: null } })
    expect(adapter.convertError({ status: 503, body: null }, ctx()).body).toEqual({ error: { message: "upstream error (HTTP 503)", type: "api_error", param: null, code: null } })
  })
})
